/**
 * Demo shifts (`SAMSKAB_DEMO=1`): a few weeks of them for the demo activities,
 * seeded only when there are no shifts at all (by one instance, when several
 * start at once).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { addDays } from '../../time/calendar.js';
import { fromCopenhagen, type LocalDateTime, toCopenhagen } from '../../time/copenhagen.js';
import { DEMO_ACTIVITIES } from '../activities/demo.js';
import type { ActivityStore } from '../activities/store.js';
import type { NewShiftRow, ShiftStore } from './store.js';

/** The parts of the shifts store the demo seed uses. */
type DemoShiftStore = Pick<ShiftStore, 'seedShifts' | 'claim'>;

const DAY = 86_400_000;

/**
 * A few weeks of demo shifts from `now`, when the demo activities are here and
 * there are no shifts yet: weekly visits and homework help, a Saturday of
 * nature care, one shift nearly full, and an evening walk across the October
 * DST change (it lasts an hour longer than the clock suggests).
 */
export async function seedDemoShifts(
  shifts: DemoShiftStore,
  activities: Pick<ActivityStore, 'exists'>,
  now: Date,
): Promise<number> {
  for (const activity of DEMO_ACTIVITIES) {
    if (!(await activities.exists(activity.id))) return 0;
  }
  const today = toCopenhagen(now);
  const rows: NewShiftRow[] = [];
  const at = (daysAhead: number, hour: number) =>
    fromCopenhagen({ ...addDays(today, daysAhead), hour, minute: 0 })!;
  const weekday = (days: number) =>
    (new Date(Date.UTC(today.year, today.month - 1, today.day + days)).getUTCDay() + 6) % 7;
  const add = (
    activityId: string,
    title: string,
    location: string,
    start: Date,
    end: Date,
    capacity: number,
  ) =>
    rows.push({
      id: randomUUID(),
      activityId,
      seriesId: null,
      title,
      location,
      start,
      end,
      capacity,
    });

  for (let d = 1; d <= 35; d++) {
    const wd = weekday(d);
    if (wd === 1 || wd === 3) {
      add(
        'besoegsven',
        'Eftermiddagsbesøg',
        'Plejecenter Solgården, Rosenvej 12',
        at(d, 14),
        at(d, 16),
        4,
      );
    }
    if (wd === 0 || wd === 2) {
      add(
        'lektiecafe',
        'Lektiehjælp 4.–9. klasse',
        'Hovedbiblioteket, 1. sal',
        at(d, 15),
        at(d, 17),
        5,
      );
    }
    if (wd === 5 && d <= 28) {
      add(
        'naturpleje',
        'Høslæt og kæmpebjørneklo',
        'P-pladsen, Ådalsvej',
        at(d, 10),
        at(d, 14),
        12,
      );
    }
  }
  // The next last Sunday of October: 21.00 Saturday to 03.00 Sunday is seven hours, not six.
  const dst = nextOctoberChange(now);
  add(
    'naturpleje',
    'Flagermustur i Ådalen (natten hvor sommertiden slutter)',
    'P-pladsen, Ådalsvej',
    fromCopenhagen({ ...addDays(dst, -1), hour: 21, minute: 0 })!,
    new Date(fromCopenhagen({ ...dst, hour: 2, minute: 0 })!.getTime() + 2 * 3_600_000),
    8,
  );
  // Only the instance that seeded the shifts fills one of them.
  if ((await shifts.seedShifts(rows, now)) === 0) return 0;

  // Nearly full: the first homework session has one place left.
  const nearlyFull = rows.find((r) => r.activityId === 'lektiecafe');
  if (nearlyFull) {
    for (let i = 1; i < nearlyFull.capacity; i++) {
      await shifts.claim(
        `demo-claim-${String(i).padStart(12, '0')}`,
        'demo',
        {
          id: randomUUID(),
          shiftId: nearlyFull.id,
          locale: 'da',
          data: {
            name: `Demofrivillig ${i}`,
            email: `demo${i}@eksempel.invalid`,
            phone: '',
            ageBand: '18-plus',
            guardianConsent: false,
            consent: true,
            website: '',
            waitlist: false,
          },
          cancelToken: randomBytes(32).toString('base64url'),
          createdAt: now,
        },
        () => '{}',
      );
    }
  }
  return rows.length;
}

function nextOctoberChange(now: Date): LocalDateTime {
  for (let year = toCopenhagen(now).year; ; year++) {
    const last = new Date(Date.UTC(year, 9, 31));
    const sunday = 31 - last.getUTCDay();
    const change = { year, month: 10, day: sunday, hour: 0, minute: 0 };
    if (fromCopenhagen(change)!.getTime() > now.getTime() + DAY) return change;
  }
}
