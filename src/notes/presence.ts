/**
 * Presence and follow-up views over the records: who has not been spoken to
 * for a while, what is overdue, which old notes to review. Pure functions so
 * the panel and the service worker agree.
 */
import type { FollowUp } from '../schemas/follow-up.js';
import type { Note } from '../schemas/note.js';
import type { Volunteer } from '../schemas/volunteer.js';

const DAY = 86_400_000;

/** The newest note time per volunteer. */
export function lastNoteByVolunteer(notes: readonly Note[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const n of notes) {
    for (const v of n.volunteerIds) {
      const seen = last.get(v);
      if (!seen || Date.parse(n.createdAt) > Date.parse(seen)) last.set(v, n.createdAt);
    }
  }
  return last;
}

/**
 * A volunteer the leader should talk to: `weeks` whole weeks since the last
 * note, or null when there has never been one.
 */
export interface QuietVolunteer {
  volunteer: Volunteer;
  weeks: number | null;
}

/**
 * Active volunteers with no note for `weeks` or more, and every active
 * volunteer with no note at all (a newcomer needs the first conversation
 * most). Never-noted first, longest on the list first; then longest silence.
 */
export function quietVolunteers(
  volunteers: readonly Volunteer[],
  lastNote: ReadonlyMap<string, string>,
  weeks: number,
  now: Date,
): QuietVolunteer[] {
  const never: Volunteer[] = [];
  const quiet: { volunteer: Volunteer; weeks: number }[] = [];
  for (const v of volunteers) {
    if (v.status !== 'active') continue;
    const last = lastNote.get(v.id);
    if (!last) {
      never.push(v);
      continue;
    }
    const silent = Math.floor((now.getTime() - Date.parse(last)) / (7 * DAY));
    if (silent >= weeks) quiet.push({ volunteer: v, weeks: silent });
  }
  never.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  quiet.sort((a, b) => b.weeks - a.weeks);
  return [...never.map((volunteer) => ({ volunteer, weeks: null })), ...quiet];
}

/** Open follow-ups whose due time has passed, oldest first. */
export function overdueFollowUps(followUps: readonly FollowUp[], now: Date): FollowUp[] {
  const at = now.getTime();
  return followUps
    .filter((f) => !f.done && Date.parse(f.due) < at)
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
}

/** Open follow-ups not yet due, soonest first. */
export function upcomingFollowUps(followUps: readonly FollowUp[], now: Date): FollowUp[] {
  const at = now.getTime();
  return followUps
    .filter((f) => !f.done && Date.parse(f.due) >= at)
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
}

/** `date` moved back by whole calendar months (31 March − 1 month → 28/29 February). */
export function monthsBefore(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/**
 * Notes older than `months` that the leader has not reviewed since: they
 * should be read again and deleted or kept on purpose. 0 months turns it off.
 */
export function notesForReview(notes: readonly Note[], months: number, now: Date): Note[] {
  if (months <= 0) return [];
  const cutoff = monthsBefore(now, months).getTime();
  return notes
    .filter(
      (n) =>
        Math.max(Date.parse(n.createdAt), n.reviewedAt ? Date.parse(n.reviewedAt) : 0) < cutoff,
    )
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}
