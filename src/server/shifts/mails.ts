/**
 * The shifts' mails, written in the transaction of the claim, cancel or
 * erasure that causes them: a place confirmed (with the shift as .ics and the
 * cancel link), a place on the waiting list, a place reached from it, and the
 * reminder before the shift, written ahead with the place and taken back with
 * it. What a claim says about the claimant's own week (an overlapping shift,
 * hours past their cap) goes only to their address, never into an answer.
 */
import type { Locale } from '../../i18n/index.js';
import type { ShiftPolicy } from '../../schemas/shift.js';
import type { Queries } from '../database.js';
import { serverT } from '../i18n.js';
import type { Mailer } from '../mail/mailer.js';
import {
  type ClaimMailInput,
  claimConfirmedMail,
  claimWaitlistedMail,
  invitationMail,
  reminderMail,
  shiftCancelledMail,
  shiftChangedMail,
} from '../mail/messages.js';
import type { Invitations } from '../reflections/invitations.js';
import { calendar, type IcsEvent } from './ics.js';
import type { AfterRelease, ClaimRow, ShiftAffected, ShiftRow, StoredClaim } from './store.js';

/** A shift as one calendar event. */
export function icsEvent(s: ShiftRow): IcsEvent {
  return {
    uid: `${s.id}@samskab`,
    title: s.title,
    location: s.location,
    start: s.start,
    end: s.end,
  };
}

/** The link that gives a place up, in the resident's language. */
export const cancelUrl = (origin: string, token: string, locale: Locale) =>
  `${origin}/afmeld/${token}${locale === 'en' ? '?lang=en' : ''}`;

/**
 * One claim's shift as a calendar file carrying its cancel link: the link is
 * the resident's alone, so only this file has it, never the activity's feed.
 */
export function claimCalendar(shift: ShiftRow, url: string, locale: Locale, now: Date): string {
  const event = {
    ...icsEvent(shift),
    url,
    description: `${serverT(locale, 'cancel.icsDescription')}: ${url}`,
  };
  return calendar(shift.title, [event], now);
}

/** What every mail about one claim refers to: `withdraw` takes back its unsent mail. */
export const claimRef = (claimId: string) => `claim:${claimId}`;

export interface ShiftMailDeps {
  mail: Pick<Mailer, 'enabled' | 'pending' | 'withdraw' | 'afterCommit'>;
  /** Issues the single-use invitation the mail after a shift carries. */
  invitations: Pick<Invitations, 'issue' | 'pageFor'>;
  /** Where mail links point: never the request's host (see FeatureContext.mailOrigin). */
  mailOrigin: () => string;
  clock: () => Date;
  /** The municipality, for the signature; '' for none. */
  siteName: string;
}

const HOUR = 3_600_000;
const hoursOf = (s: ShiftRow) => (s.end.getTime() - s.start.getTime()) / HOUR;

/** How long after its shift an invitation's mail is still worth sending (a server down that long). */
const INVITE_WITHIN_MS = 7 * 24 * HOUR;

export function shiftMails({ mail, invitations, mailOrigin, clock, siteName }: ShiftMailDeps) {
  /** What every mail about `who`'s place on `shift` says. */
  const facts = (
    who: Pick<ClaimRow, 'email' | 'name' | 'cancelToken' | 'locale'>,
    shift: ShiftRow,
    policy: Required<ShiftPolicy>,
    now: Date,
  ): ClaimMailInput => {
    const url = cancelUrl(mailOrigin(), who.cancelToken, who.locale);
    return {
      to: who.email,
      locale: who.locale,
      name: who.name,
      shift,
      cancelUrl: url,
      cancelBefore: new Date(shift.start.getTime() - policy.cancelDeadlineHours * HOUR),
      ics: claimCalendar(shift, url, who.locale, now),
      site: siteName,
    };
  };

  /**
   * The mails written ahead for a place: the reminder, due the activity's
   * reminder time before the start and dropped if still unsent when the shift
   * begins (none when reminders are off, or when that time has already passed:
   * a place taken the evening before); and the invitation to reflect, due
   * when the shift ends.
   */
  const remind = async (
    trx: Queries,
    input: ClaimMailInput,
    shift: ShiftRow,
    claimId: string,
    policy: Required<ShiftPolicy>,
    now: Date,
  ) => {
    const ref = claimRef(claimId);
    const dueAt = new Date(input.shift.start.getTime() - policy.reminderHours * HOUR);
    if (policy.reminderHours > 0 && dueAt > now) {
      await mail
        .pending(reminderMail(input), now)
        .enqueue(trx, { dueAt, ref, expiresAt: input.shift.start });
    }
    // After the shift, the invitation to reflect: a token of its own, named
    // only by this mail, which goes with the place if it is given up.
    // Valid from the shift's end, when the mail goes, not from the claim.
    const token = await invitations.issue(trx, shift.activityId, shift.end > now ? shift.end : now);
    // The municipality's own reflection page when the activity has one, else the hosted one.
    const own = await invitations.pageFor(trx, shift.activityId);
    const page = new URL(own ?? `${mailOrigin()}/embed/reflection-prompt`);
    if (!own) {
      page.searchParams.set('activity', shift.activityId);
      if (input.locale === 'en') page.searchParams.set('lang', 'en');
    }
    page.searchParams.set('invitation', token);
    const message = invitationMail({ ...input, reflectUrl: page.href });
    await mail.pending(message, now).enqueue(trx, {
      dueAt: input.shift.end,
      ref,
      expiresAt: new Date(input.shift.end.getTime() + INVITE_WITHIN_MS),
    });
  };

  return {
    /** The claimant's mail, by the status their claim got, and the reminder for a place. */
    claimed(
      who: { id: string; email: string; name: string; token: string; locale: Locale },
      loadCapHours: number | null,
    ) {
      return async (trx: Queries, stored: StoredClaim) => {
        if (!mail.enabled) return;
        const now = clock();
        const person = { ...who, cancelToken: who.token };
        const weekHours = stored.hoursHeld + hoursOf(stored.shift);
        const input: ClaimMailInput = {
          ...facts(person, stored.shift, stored.policy, now),
          warnings: {
            overlaps: stored.overlaps,
            ...(loadCapHours !== null && weekHours > loadCapHours
              ? { overCap: { hours: weekHours, cap: loadCapHours } }
              : {}),
          },
        };
        const ref = claimRef(who.id);
        if (stored.status === 'claimed') {
          await mail.pending(claimConfirmedMail(input), now, ref).enqueue(trx);
          await remind(trx, input, stored.shift, who.id, stored.policy, now);
        } else {
          const message = claimWaitlistedMail({ ...input, position: stored.position ?? 1 });
          await mail.pending(message, now, ref).enqueue(trx);
        }
      };
    },

    /**
     * After a cancel or an erasure: the leaver's unsent mail is taken back,
     * and whoever moved up is told, with a reminder of their own.
     */
    released(): AfterRelease {
      return async (trx, { claim, promoted, shift, policy }) => {
        if (!mail.enabled) return;
        await mail.withdraw(trx, claimRef(claim.id));
        if (!promoted) return;
        const now = clock();
        const input = facts(promoted, shift, policy, now);
        await mail
          .pending(claimConfirmedMail(input, true), now, claimRef(promoted.id))
          .enqueue(trx);
        await remind(trx, input, shift, promoted.id, policy, now);
      };
    },

    /**
     * After a coordinator's change: everyone on the shift hears why and what
     * it is now; those holding a place get a new calendar file and their
     * reminder moved; those a larger capacity moved up are told so.
     */
    changed(reason: string) {
      return async (trx: Queries, a: ShiftAffected) => {
        if (!mail.enabled) return;
        const now = clock();
        let position = 0;
        for (const claim of a.claims) {
          if (claim.status === 'waitlisted') position += 1;
          const input = facts(claim, a.after, a.policy, now);
          const message = shiftChangedMail({
            ...input,
            before: a.before,
            reason,
            place:
              claim.status === 'claimed'
                ? { status: 'claimed' }
                : { status: 'waitlisted', position },
            movedUp: a.promoted.some((p) => p.id === claim.id),
          });
          // What was written ahead for the old shift goes; the change and, for a place, new ones come.
          await mail.withdraw(trx, claimRef(claim.id));
          await mail.pending(message, now, claimRef(claim.id)).enqueue(trx);
          if (claim.status === 'claimed')
            await remind(trx, input, a.after, claim.id, a.policy, now);
        }
      };
    },

    /** Before a cancelled shift is deleted: everyone on it hears so, and their unsent mail goes. */
    cancelled(reason: string) {
      return async (trx: Queries, a: ShiftAffected) => {
        const now = clock();
        // A shift tidied away after it ended was worked, not cancelled.
        if (!mail.enabled || a.before.end <= now) return;
        for (const claim of a.claims) {
          await mail.withdraw(trx, claimRef(claim.id));
          const message = shiftCancelledMail({
            to: claim.email,
            locale: claim.locale,
            name: claim.name,
            shift: a.before,
            site: siteName,
            reason,
          });
          await mail.pending(message, now).enqueue(trx);
        }
      };
    },

    /** After the transaction: send now rather than at the worker's next look. */
    sent: () => mail.afterCommit(),
  };
}

export type ShiftMails = ReturnType<typeof shiftMails>;
