import * as z from 'zod/mini';
import { Id, IsoInstant, trimmed } from './common.js';

/** Age bands, not birth dates: the least that decides whether a guardian must agree. */
export const AgeBand = z.enum(['under-15', '15-17', '18-plus'], 'error.ageBand.required');
export type AgeBand = z.infer<typeof AgeBand>;

export const isMinor = (band: AgeBand) => band !== '18-plus';

const email = z.pipe(
  z
    .string('error.email.required')
    .check(
      z.trim(),
      z.toLowerCase(),
      z.minLength(1, 'error.email.required'),
      z.maxLength(254, 'error.email.invalid'),
    ),
  z.email('error.email.invalid'),
);

const phone = z
  .string()
  .check(z.trim(), z.regex(/^(\+?[0-9][0-9 -]{6,18}[0-9])?$/, 'error.phone.invalid'));

/**
 * The person a resident gives when signing up or claiming a shift: the same
 * fields, rules and consent wherever they are asked for.
 */
export const personFields = {
  name: trimmed(1, 120, 'error.name', 'line'),
  email,
  phone: z._default(phone, ''),
  ageBand: AgeBand,
  guardianConsent: z._default(z.boolean(), false),
  consent: z.literal(true, 'error.consent.required'),
  /** Honeypot: people never see it, so anything here came from a bot. */
  website: z._default(z.string().check(z.maxLength(200)), ''),
};

/** A minor needs a guardian's consent; add to any object built from `personFields`. */
export const guardianRule = z.refine<{ ageBand: AgeBand; guardianConsent: boolean }>(
  (s) => !isMinor(s.ageBand) || s.guardianConsent,
  { path: ['guardianConsent'], message: 'error.guardianConsent.required' },
);

/** The sign-up fields as the form and the server see them (POST /api/v1/signups). */
export const SignupInput = z
  .object({
    activityId: Id,
    name: personFields.name,
    email: personFields.email,
    phone: personFields.phone,
    help: z._default(trimmed(0, 1000, 'error.help', 'lines'), ''),
    ageBand: personFields.ageBand,
    guardianConsent: personFields.guardianConsent,
    consent: personFields.consent,
    website: personFields.website,
  })
  .check(guardianRule);
export type SignupInput = z.input<typeof SignupInput>;
export type SignupData = z.output<typeof SignupInput>;

/** A stored sign-up as the admin API lists it. */
export const Signup = z.object({
  id: Id,
  activityId: Id,
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  help: z.string(),
  ageBand: AgeBand,
  guardianConsent: z.boolean(),
  createdAt: IsoInstant,
});
export type Signup = z.infer<typeof Signup>;

/** The answer to a sign-up, first time and on every replay. */
export const SignupReceipt = z.object({ id: Id, createdAt: IsoInstant });
export type SignupReceipt = z.infer<typeof SignupReceipt>;
