/**
 * The shifts' mails, written in the transaction of the claim, cancel or
 * erasure that causes them: a place confirmed (with the shift as .ics and the
 * cancel link), a place on the waiting list, and a place reached from it.
 */
import type { Context } from 'hono';
import type { Locale } from '../../i18n/index.js';
import type { Queries } from '../database.js';
import { serverT } from '../i18n.js';
import type { Mailer } from '../mail/mailer.js';
import { claimConfirmedMail, claimWaitlistedMail } from '../mail/messages.js';
import { calendar, type IcsEvent } from './ics.js';
import type { AfterRelease, ShiftRow, StoredClaim } from './store.js';

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

export interface ShiftMailDeps {
  mail: Pick<Mailer, 'enabled' | 'pending' | 'afterCommit'>;
  publicOrigin: (c: Context) => string;
  clock: () => Date;
  /** The municipality, for the signature; '' for none. */
  siteName: string;
}

export function shiftMails({ mail, publicOrigin, clock, siteName }: ShiftMailDeps) {
  return {
    /** The claimant's mail, by the status their claim got. */
    claimed(
      c: Context,
      who: { email: string; name: string; token: string; locale: Locale },
      deadline: Date,
    ) {
      return async (trx: Queries, stored: StoredClaim) => {
        if (!mail.enabled) return;
        const now = clock();
        const url = cancelUrl(publicOrigin(c), who.token, who.locale);
        const input = {
          to: who.email,
          locale: who.locale,
          name: who.name,
          shift: stored.shift,
          cancelUrl: url,
          cancelBefore: deadline,
          ics: claimCalendar(stored.shift, url, who.locale, now),
          site: siteName,
        };
        const message =
          stored.status === 'claimed'
            ? claimConfirmedMail(input)
            : claimWaitlistedMail({ ...input, position: stored.position ?? 1 });
        await mail.pending(message, now).enqueue(trx);
      };
    },

    /** The mail for whoever moved up into a place given up. */
    movedUp(c: Context): AfterRelease {
      return async (trx, { promoted, shift, deadlineHours }) => {
        if (!mail.enabled || !promoted) return;
        const now = clock();
        const url = cancelUrl(publicOrigin(c), promoted.cancelToken, promoted.locale);
        const message = claimConfirmedMail(
          {
            to: promoted.email,
            locale: promoted.locale,
            name: promoted.name,
            shift,
            cancelUrl: url,
            cancelBefore: new Date(shift.start.getTime() - deadlineHours * 3_600_000),
            ics: claimCalendar(shift, url, promoted.locale, now),
            site: siteName,
          },
          true,
        );
        await mail.pending(message, now).enqueue(trx);
      };
    },

    /** After the transaction: send now rather than at the worker's next look. */
    sent: () => mail.afterCommit(),
  };
}

export type ShiftMails = ReturnType<typeof shiftMails>;
