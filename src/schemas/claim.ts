import * as z from 'zod/mini';
import { Id } from './common.js';
import { Shift } from './shift.js';
import { AgeBand, guardianRule, personFields } from './signup.js';

/** Whether a claim holds a place or waits for one. */
export const ClaimStatus = z.enum(['claimed', 'waitlisted']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

/**
 * A resident's claim of a place (POST /api/v1/shifts/:id/claims): the sign-up
 * form's person fields and consent, plus whether to wait when the shift is full
 * and the resident's own weekly limit.
 */
export const ClaimInput = z
  .object({
    ...personFields,
    /** Join the waitlist if the shift is full, rather than being refused. */
    waitlist: z._default(z.boolean(), false),
    /** "Højst N timer om ugen": the resident's own limit, so nobody is overloaded unseen. */
    loadCapHours: z.optional(
      z.int('error.loadCap').check(z.gte(1, 'error.loadCap'), z.lte(80, 'error.loadCap')),
    ),
  })
  .check(guardianRule);
export type ClaimInput = z.input<typeof ClaimInput>;
export type ClaimData = z.output<typeof ClaimInput>;

/** The secret that cancels a claim: 32 random bytes, base64url. */
export const CancelToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'error.notFound'));

/**
 * The answer to a claim, first time and on every replay, and to
 * GET /api/v1/claims/:token. It names the shift, never the person.
 */
export const ClaimReceipt = z.object({
  id: Id,
  status: ClaimStatus,
  /** 1 for the first in line; only when waitlisted. */
  position: z.optional(z.number()),
  cancelToken: CancelToken,
  /** Until when the place can be given up, ISO 8601 (Copenhagen). */
  cancelBefore: z.string(),
  shift: Shift,
  /** Hours this e-mail holds in the shift's week, this shift included. */
  weekHours: z.number(),
  loadCapHours: z.nullable(z.number()),
  /** True when `weekHours` passes `loadCapHours`: allowed, but said out loud. */
  overCap: z.boolean(),
});
export type ClaimReceipt = z.infer<typeof ClaimReceipt>;

/** A claim as the admin listing shows it. */
export const AdminClaim = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  ageBand: AgeBand,
  guardianConsent: z.boolean(),
  status: ClaimStatus,
  createdAt: z.string(),
  weekHours: z.number(),
  loadCapHours: z.nullable(z.number()),
  overCap: z.boolean(),
});
export type AdminClaim = z.infer<typeof AdminClaim>;

/** GET /api/v1/shifts/:id/claims (admin): who holds a place, who waits, in order. */
export const ShiftClaims = z.object({
  shift: Shift,
  claimed: z.array(AdminClaim),
  waitlisted: z.array(AdminClaim),
});
export type ShiftClaims = z.infer<typeof ShiftClaims>;
