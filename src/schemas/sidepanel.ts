/**
 * The contract between the leader's sidebar and the server's workplace
 * (`/api/v1/sidepanel/*`), checked on both sides. The sidebar sends only
 * what is here: a pairing code and a device name once, then its device token
 * and, to move a sign-up on, the sign-up's id and its new status. Nothing of
 * the leader's private notes is part of any of it.
 */
import * as z from 'zod/mini';
import { Id, IsoInstant } from './common.js';
import { AgeBand } from './signup.js';

/** A pairing code as the workplace shows it: 8 letters and digits without look-alikes. */
export const PAIRING_CODE = /^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{8}$/;

/** `POST /api/v1/sidepanel/forbind`: the code from "Forbind sidepanel" and a name for this device. */
export const PairRequest = z.object({
  code: z.string().check(z.trim(), z.toUpperCase(), z.regex(PAIRING_CODE, 'error.pairing.code')),
  device: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'error.pairing.device'),
      z.maxLength(60, 'error.pairing.device'),
    ),
});
export type PairRequest = z.input<typeof PairRequest>;

/** The answer to a pairing: the device's token (shown to nobody) and whose it is. */
export const Paired = z.object({
  token: z.string(),
  /** The municipality, or '' when the server has no name. */
  server: z.string(),
  person: z.string(),
  role: z.enum(['admin', 'coordinator']),
});
export type Paired = z.infer<typeof Paired>;

export const SignupStatus = z.enum(['ny', 'kontaktet', 'aktiv', 'ikke-aktuel']);
export type SignupStatus = z.infer<typeof SignupStatus>;

/** A new sign-up in the Indbakke. */
export const SidepanelSignup = z.object({
  id: Id,
  activityId: Id,
  activityTitle: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  help: z.string(),
  ageBand: AgeBand,
  status: SignupStatus,
  createdAt: IsoInstant,
});
export type SidepanelSignup = z.infer<typeof SidepanelSignup>;

/** Today's and tomorrow's shifts: who is coming, who waits. */
export const SidepanelShift = z.object({
  id: Id,
  activityId: Id,
  activityTitle: z.string(),
  title: z.string(),
  location: z.string(),
  start: IsoInstant,
  end: IsoInstant,
  capacity: z.number(),
  coming: z.array(z.object({ name: z.string(), phone: z.string() })),
  waiting: z.array(z.object({ name: z.string() })),
});
export type SidepanelShift = z.infer<typeof SidepanelShift>;

/** A reflection whose writer asked to be contacted. */
export const SidepanelFollowUp = z.object({
  id: Id,
  activityId: Id,
  activityTitle: z.string(),
  contact: z.string(),
  note: z.string(),
  createdAt: IsoInstant,
});
export type SidepanelFollowUp = z.infer<typeof SidepanelFollowUp>;

/** A line in Puls: energy falling, or "for meget" rising, over the last three finished weeks. */
export const SidepanelPulseLine = z.object({
  activityId: Id,
  activityTitle: z.string(),
  kind: z.enum(['energy-falling', 'too-much-rising']),
  /** The three finished weeks, oldest first: ISO week and the figure (mean energy 1–5, or the share 0–1). */
  weeks: z.array(z.object({ week: z.string(), value: z.number() })),
});
export type SidepanelPulseLine = z.infer<typeof SidepanelPulseLine>;

/** `GET /api/v1/sidepanel/oversigt`: everything the sidebar shows, in one answer it can keep offline. */
export const SidepanelSnapshot = z.object({
  fetchedAt: IsoInstant,
  person: z.string(),
  inbox: z.array(SidepanelSignup),
  today: z.array(SidepanelShift),
  followUps: z.array(SidepanelFollowUp),
  pulse: z.array(SidepanelPulseLine),
});
export type SidepanelSnapshot = z.infer<typeof SidepanelSnapshot>;

/** `POST /api/v1/sidepanel/tilmeldinger/:id/status`: the sign-up's new status; answers the sign-up. */
export const StatusChange = z.object({ status: SignupStatus });
export type StatusChange = z.infer<typeof StatusChange>;
