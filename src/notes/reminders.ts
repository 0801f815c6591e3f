/**
 * Follow-up reminders: which alarms should exist, and which overdue
 * follow-ups still need their one notification. The browser APIs come in as
 * parameters so this stays in the shared core and runs in tests.
 */
import type { FollowUp } from '../schemas/follow-up.js';

/** What reminders need of a follow-up: all of it readable while the notes are locked. */
export type FollowUpTiming = Pick<FollowUp, 'id' | 'due' | 'done'>;

/** The alarm name prefix; the rest of the name is the follow-up id. */
export const ALARM_PREFIX = 'follow-up:';

/** The part of `browser.alarms` this needs. */
export interface AlarmsApi {
  getAll(): Promise<{ name: string }[]>;
  create(name: string, info: { when: number }): unknown;
  clear(name: string): Promise<boolean>;
}

/**
 * Makes the alarms match the open follow-ups due in the future: one alarm
 * each, none for done or deleted ones. Safe to run on every service-worker
 * start, since creating an alarm with an existing name replaces it.
 */
export async function syncFollowUpAlarms(
  alarms: AlarmsApi,
  followUps: readonly FollowUpTiming[],
  now: Date,
) {
  const wanted = new Map<string, number>();
  for (const f of followUps) {
    const when = Date.parse(f.due);
    if (!f.done && when > now.getTime()) wanted.set(`${ALARM_PREFIX}${f.id}`, when);
  }
  let cleared = 0;
  for (const alarm of await alarms.getAll()) {
    if (alarm.name.startsWith(ALARM_PREFIX) && !wanted.has(alarm.name)) {
      await alarms.clear(alarm.name);
      cleared++;
    }
  }
  for (const [name, when] of wanted) await alarms.create(name, { when });
  return { scheduled: wanted.size, cleared };
}

/** The follow-up id an alarm is for, or null for other alarms. */
export function followUpIdOf(alarmName: string): string | null {
  return alarmName.startsWith(ALARM_PREFIX) ? alarmName.slice(ALARM_PREFIX.length) : null;
}

/**
 * Overdue open follow-ups not yet notified for their current due time (a
 * follow-up moved to a new date is notified again). `notified` maps id → due.
 */
export function needingNotice<F extends FollowUpTiming>(
  followUps: readonly F[],
  notified: Readonly<Record<string, string>>,
  now: Date,
): F[] {
  return followUps.filter(
    (f) => !f.done && Date.parse(f.due) <= now.getTime() && notified[f.id] !== f.due,
  );
}
