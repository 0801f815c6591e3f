// The coordinators' workplace under a year's data (issue 12): the server time
// of the Oversigt and of an activity's Tilmeldinger with 10,000 sign-ups and
// 50,000 claims, through `app.request` (no socket), each beside the SQL those
// pages run, issued alone with raw queries in the same run, on SQLite and on
// PostgreSQL, and the size of each page's HTML.
// Run alone: `npx tsx test/bench/workplace-bench.ts`.
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { createApp } from '../../src/server/app.js';
import { type Db, type Engine, openDatabase } from '../../src/server/database.js';
import { openReflectionStore } from '../../src/server/reflections/store.js';
import { type NewShiftRow, openShiftStore } from '../../src/server/shifts/store.js';
import { openSignupStore, type SignupStatus } from '../../src/server/signups/store.js';
import { openAccounts } from '../../src/server/workplace/accounts.js';
import { SESSION_COOKIE } from '../../src/server/workplace/session.js';
import { newDatabaseTarget, POSTGRES_ADMIN_URL } from '../support/databases.js';
import { BENCH_ADMIN_TOKEN } from './loopback.js';
import { type BenchRow, printRows } from './report.js';

/** Timed requests per page, after `WARM` untimed ones. */
const RUNS = 20;
const WARM = 3;
const SIGNUPS = 10_000;
const CLAIMS = 50_000;
/** The big activity: most sign-ups and shifts. */
const BIG = 'besoegsven';
const NOW = new Date('2026-11-30T09:00:00Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small seeded generator (mulberry32): the same data every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(s.length * 0.95) - 1]!;
};

/** `runs` timings of `work` in milliseconds, after `warm` untimed calls. */
async function timings(work: () => Promise<unknown>, runs = RUNS, warm = WARM): Promise<number[]> {
  for (let i = 0; i < warm; i++) await work();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    out.push(performance.now() - started);
  }
  return out;
}

/** Inserts `rows` into `table` in one transaction, `chunk` rows per statement. */
async function bulkInsert(db: Db, table: string, rows: Record<string, unknown>[], chunk = 500) {
  await db.write(async (trx) => {
    const t = trx.withTables<Record<string, Record<string, unknown>>>();
    for (let i = 0; i < rows.length; i += chunk) {
      await t
        .insertInto(table)
        .values(rows.slice(i, i + chunk))
        .execute();
    }
  });
}

interface Seeded {
  weekShifts: number;
  bigSignups: number;
  coordinator: string;
  admin: string;
}

/**
 * A year of one municipality's data, through the stores where they take
 * bulk rows and as bulk inserts in one transaction where they take one row
 * per transaction (sign-ups, claims): 3 activities; 10,000 sign-ups (80 % in
 * the big activity, 5 % in the last 7 days, the older ones mostly followed
 * up); a year of shifts and the next two weeks', 50,000 claims among 2,000
 * volunteers (a third with an hours cap); 600 reflections, a quarter asking
 * to be contacted; a coordinator of the big activity and an admin, each with
 * a session.
 */
async function seed(db: Db): Promise<Seeded> {
  const rnd = random(12);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const activities = await openActivityStore(db);
  await activities.seed(DEMO_ACTIVITIES, new Date(NOW.getTime() - 400 * DAY));
  const shifts = await openShiftStore(db);
  const reflections = await openReflectionStore(db, activities);
  await openSignupStore(db, activities);

  // Sign-ups.
  const signups: Record<string, unknown>[] = [];
  let bigSignups = 0;
  for (let i = 0; i < SIGNUPS; i++) {
    const activity = i % 10 < 8 ? BIG : i % 10 === 8 ? 'lektiecafe' : 'naturpleje';
    if (activity === BIG) bigSignups++;
    const fresh = rnd() < 0.05;
    const created = new Date(
      NOW.getTime() - (fresh ? rnd() * 7 * DAY : 7 * DAY + rnd() * 350 * DAY),
    );
    const r = rnd();
    const status: SignupStatus = fresh
      ? r < 0.8
        ? 'ny'
        : 'kontaktet'
      : r < 0.1
        ? 'ny'
        : r < 0.3
          ? 'kontaktet'
          : r < 0.85
            ? 'aktiv'
            : 'ikke-aktuel';
    signups.push({
      id: randomUUID(),
      activity_id: activity,
      name: `Søren Ågård ${i}`,
      email: `beboer${i}@example.dk`,
      phone: i % 3 ? '12 34 56 78' : '',
      help: 'Højtlæsning om tirsdagen, gåture i haven og et slag kort',
      age_band: i % 17 === 0 ? '15-17' : '18-plus',
      guardian_consent: i % 17 === 0 ? 1 : 0,
      created_at: created.toISOString(),
      status,
      status_by: status === 'ny' ? null : 'Mette Leder',
      status_at: status === 'ny' ? null : new Date(created.getTime() + 2 * DAY).toISOString(),
    });
  }
  signups.sort((a, b) => String(a.created_at).localeCompare(String(b.created_at)));
  await bulkInsert(db, 'signups', signups);

  // Shifts: the big activity three a day, the homework café Monday and
  // Wednesday, nature care the first Saturday of the month; a year back, two weeks on.
  const rows: NewShiftRow[] = [];
  const firstDay = Date.UTC(2025, 10, 30);
  for (let day = firstDay; day < NOW.getTime() + 14 * DAY; day += DAY) {
    const date = new Date(day);
    const at = (h: number) => new Date(day + h * HOUR);
    for (const [h, title] of [
      [9, 'Formiddagsbesøg'],
      [12, 'Eftermiddagsbesøg'],
      [17, 'Aftenbesøg'],
    ] as const) {
      rows.push({
        id: randomUUID(),
        activityId: BIG,
        seriesId: null,
        title,
        location: 'Plejecenter Solgården',
        start: at(h),
        end: at(h + 2),
        capacity: 40,
      });
    }
    if (date.getUTCDay() === 1 || date.getUTCDay() === 3) {
      rows.push({
        id: randomUUID(),
        activityId: 'lektiecafe',
        seriesId: null,
        title: 'Lektiecafé',
        location: 'Hovedbiblioteket',
        start: at(14),
        end: at(16),
        capacity: 30,
      });
    }
    if (date.getUTCDay() === 6 && date.getUTCDate() <= 7) {
      rows.push({
        id: randomUUID(),
        activityId: 'naturpleje',
        seriesId: null,
        title: 'Naturpleje',
        location: 'P-pladsen, Ådalsvej',
        start: at(9),
        end: at(14),
        capacity: 80,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await shifts.createShifts(rows.slice(i, i + 500), new Date(NOW.getTime() - 400 * DAY));
  }

  // Claims: each shift its share of 50,000 by capacity; past capacity the waitlist.
  const totalCapacity = rows.reduce((n, s) => n + s.capacity, 0);
  const claims: Record<string, unknown>[] = [];
  let left = CLAIMS;
  rows.forEach((shift, index) => {
    const share =
      index === rows.length - 1
        ? left
        : Math.min(left, Math.round((shift.capacity * CLAIMS) / totalCapacity));
    left -= share;
    for (let n = 0; n < share; n++) {
      const person = Math.floor(rnd() * 2000);
      claims.push({
        id: randomUUID(),
        shift_id: shift.id,
        status: n < shift.capacity ? 'claimed' : 'waitlisted',
        name: `Frivillig ${person}`,
        email: `frivillig${person}@example.dk`,
        phone: '12 34 56 78',
        age_band: '18-plus',
        guardian_consent: 0,
        load_cap_hours: person % 3 === 0 ? 2 + (person % 5) : null,
        cancel_token: randomUUID(),
        created_at: new Date(shift.start.getTime() - rnd() * 30 * DAY).toISOString(),
        locale: person % 10 === 0 ? 'en' : 'da',
      });
    }
  });
  // Fifteen columns in the widest engine's terms: 1,000 rows stay below both engines' limits.
  await bulkInsert(db, 'shift_claims', claims, 1000);

  // Reflections over the last 120 days, a quarter asking to be contacted.
  const ids = DEMO_ACTIVITIES.map((a) => a.id);
  await reflections.seedDemo(
    [],
    Array.from({ length: 600 }, (_, i) => ({
      id: randomUUID(),
      activityId: i % 4 === 3 ? pick(ids) : BIG,
      shiftId: undefined,
      setVersion: 0,
      answers: {},
      energy: 1 + Math.floor(rnd() * 5),
      load: pick(['too-little', 'right', 'too-much']),
      meaningful: rnd() < 0.8,
      note: i % 3 ? 'Det var en god eftermiddag, Åse fortalte om sin have.' : '',
      noteQuestion: null,
      contact: i % 4 === 0 ? `frivillig${i}@example.dk` : null,
      createdAt: new Date(NOW.getTime() - rnd() * 120 * DAY),
      origin: 'invited' as const,
    })),
  );

  // The people and their sessions, as an accepted invitation makes them.
  const accounts = await openAccounts(db);
  const session = async (email: string, role: 'admin' | 'coordinator', activities: string[]) => {
    const token = await db.write((trx) =>
      accounts.invite(trx, { email, name: `Leder ${role}`, role, activities, by: 'bench' }, NOW),
    );
    const accepted = await accounts.acceptInvitation(token, `Leder ${role}`, NOW);
    if (!accepted) throw new Error('the bench invitation was not accepted');
    return accepted.session;
  };
  const weekShifts = rows.filter(
    (s) => s.end.getTime() > NOW.getTime() && s.start.getTime() < NOW.getTime() + 7 * DAY,
  ).length;
  return {
    weekShifts,
    bigSignups,
    coordinator: await session('koordinator@example.dk', 'coordinator', [BIG]),
    admin: await session('admin@example.dk', 'admin', []),
  };
}

/**
 * The SQL a signed-in page runs before it renders, as raw statements on the
 * same connection pool: the session (its secret, account and activities).
 */
async function sessionSql(db: Db, token: string) {
  const hash = createHash('sha256').update(token).digest('base64url');
  const secret = await sql<{ account_id: string }>`
    SELECT * FROM workplace_secrets WHERE token_hash = ${hash} AND purpose = 'session'
      AND expires_at > ${NOW.toISOString()}`.execute(db.kysely);
  const accountId = secret.rows[0]!.account_id;
  await sql`SELECT * FROM accounts WHERE id = ${accountId} AND revoked_at IS NULL`.execute(
    db.kysely,
  );
  await sql`SELECT activity_id FROM account_activities WHERE account_id = ${accountId}
    ORDER BY activity_id`.execute(db.kysely);
}

/** An audit line as `audit.record` writes it. */
const auditSql = (db: Db, subjectId: string, activityId: string | null) =>
  sql`INSERT INTO audit_log (id, at, actor_id, actor_name, action, subject, subject_id, activity_id, detail)
    VALUES (${randomUUID()}, ${NOW.toISOString()}, 'bench', 'Bench', 'view', 'signup', ${subjectId},
      ${activityId}, 'bench')`.execute(db.kysely);

/** The week's shifts of one activity with their counts, as `listShifts` asks. */
const weekShiftsSql = (db: Db, activityId: string) =>
  sql<{ id: string; start_at: string; end_at: string }>`
    SELECT s.id, s.activity_id, s.series_id, s.title, s.location, s.start_at, s.end_at, s.capacity,
      (SELECT count(*) FROM shift_claims c WHERE c.shift_id = s.id AND c.status = 'claimed') AS taken,
      (SELECT count(*) FROM shift_claims c WHERE c.shift_id = s.id AND c.status = 'waitlisted') AS waiting
    FROM shifts s
    WHERE s.end_at > ${NOW.toISOString()} AND s.start_at < ${new Date(NOW.getTime() + 7 * DAY).toISOString()}
      AND s.activity_id = ${activityId}
    ORDER BY s.start_at, s.rowid LIMIT 200`.execute(db.kysely);

/**
 * The Oversigt's SQL, statement for statement as its stores issue it: the
 * session, the activities, per activity the week's shifts, the sign-ups of
 * the last 7 days and the reflections of 90 days, the week's capped places in
 * one statement, the failed mails (admin) and the audit lines.
 */
async function overviewSql(db: Db, token: string, mine: readonly string[], admin: boolean) {
  await sessionSql(db, token);
  await sql`SELECT * FROM activities ORDER BY created_at, rowid`.execute(db.kysely);
  const week = await Promise.all(mine.map((a) => weekShiftsSql(db, a)));
  const since7 = new Date(NOW.getTime() - 7 * DAY).toISOString();
  await Promise.all(
    mine.map((a) =>
      sql`SELECT * FROM signups WHERE activity_id = ${a} AND created_at >= ${since7}
        ORDER BY created_at DESC`.execute(db.kysely),
    ),
  );
  const since90 = new Date(NOW.getTime() - 90 * DAY).toISOString();
  await Promise.all(
    mine.map((a) =>
      sql`SELECT id, shift_id, set_version, energy, load, meaningful, note, note_question, contact, created_at, origin
          FROM reflections WHERE activity_id = ${a} AND created_at >= ${since90}
          ORDER BY created_at, rowid`.execute(db.kysely),
    ),
  );
  const shiftIds = week.flatMap((w) => w.rows.map((r) => r.id));
  if (shiftIds.length > 0) {
    await sql`SELECT id, shift_id, status, name, email, phone, age_band, guardian_consent, load_cap_hours,
        cancel_token, created_at, locale
      FROM shift_claims WHERE shift_id IN (${sql.join(shiftIds.map((id) => sql`${id}`))})
        AND status = 'claimed' AND load_cap_hours IS NOT NULL`.execute(db.kysely);
  }
  if (admin) {
    await sql`SELECT * FROM outbox WHERE status = 'failed' ORDER BY done_at DESC`.execute(
      db.kysely,
    );
  }
  await auditSql(db, 'overview', null);
}

/**
 * Tilmeldinger's SQL: the session, the activity, the counts per status, one
 * page of 50 sign-ups, and the audit line naming them.
 */
async function inboxSql(db: Db, token: string, activityId: string) {
  await sessionSql(db, token);
  await sql`SELECT * FROM activities WHERE id = ${activityId}`.execute(db.kysely);
  await sql`SELECT status, count(*) AS n FROM signups WHERE activity_id = ${activityId}
    GROUP BY status`.execute(db.kysely);
  const rows = await sql<{ id: string }>`SELECT * FROM signups WHERE activity_id = ${activityId}
    ORDER BY created_at DESC, rowid DESC LIMIT 50 OFFSET 0`.execute(db.kysely);
  await auditSql(db, rows.rows.map((r) => r.id).join(' '), activityId);
}

const ms = (xs: number[]) => ({ p50: median(xs), p95: p95(xs) });

async function benchEngine(engine: Engine, label: string): Promise<BenchRow[]> {
  const { target, remove } = await newDatabaseTarget(engine);
  const db = await openDatabase(target);
  try {
    const seedStarted = performance.now();
    const { app } = await createApp({
      db,
      adminToken: BENCH_ADMIN_TOKEN,
      allowedOrigins: [],
      widgetsDir: '/nonexistent/widgets',
      now: () => NOW.getTime(),
      // Keep the whole seeded year: retention must not erase it mid-run.
      retentionMonths: 24,
      rateLimit: false,
    });
    const seeded = await seed(db);
    console.log(
      `  ${label}: seeded ${SIGNUPS} sign-ups, ${CLAIMS} claims, ${seeded.weekShifts} shifts this week in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    );

    const page = (path: string, token: string) => async () => {
      const res = await app.request(path, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
      return body.length;
    };
    const inboxPath = `/leder/tilmeldinger?activity=${BIG}`;
    const all = DEMO_ACTIVITIES.map((a) => a.id);
    const inboxBytes = await page(inboxPath, seeded.coordinator)();
    const overviewBytes = await page('/leder', seeded.coordinator)();

    // Interleaved per page: the page, then its SQL alone, so both see the same database state.
    const ovPage = ms(await timings(page('/leder', seeded.coordinator)));
    const ovSql = ms(await timings(() => overviewSql(db, seeded.coordinator, [BIG], false)));
    const adPage = ms(await timings(page('/leder', seeded.admin)));
    const adSql = ms(await timings(() => overviewSql(db, seeded.admin, all, true)));
    const inPage = ms(await timings(page(inboxPath, seeded.coordinator)));
    const inSql = ms(await timings(() => inboxSql(db, seeded.coordinator, BIG)));

    const week = await (await openShiftStore(db)).listShifts({
      activityId: BIG,
      from: NOW,
      to: new Date(NOW.getTime() + 7 * DAY),
      limit: 200,
    });

    const n = seeded.bigSignups.toLocaleString('en');
    return [
      {
        name: `${label}: Oversigt, coordinator, p50 (${week.length} shifts)`,
        value: ovPage.p50,
        unit: 'ms',
        peer: { name: 'its SQL alone', value: ovSql.p50 },
        better: 'lower',
      },
      {
        name: `${label}: Oversigt, coordinator, p95`,
        value: ovPage.p95,
        unit: 'ms',
        peer: { name: 'its SQL alone', value: ovSql.p95 },
        better: 'lower',
      },
      {
        name: `${label}: Oversigt, admin (3 activities), p50`,
        value: adPage.p50,
        unit: 'ms',
        peer: { name: 'its SQL alone', value: adSql.p50 },
        better: 'lower',
      },
      {
        name: `${label}: Oversigt, admin, p95`,
        value: adPage.p95,
        unit: 'ms',
        peer: { name: 'its SQL alone', value: adSql.p95 },
        better: 'lower',
      },
      {
        name: `${label}: Tilmeldinger, ${n} sign-ups, p50`,
        value: inPage.p50,
        unit: 'ms',
        peer: { name: 'its SQL alone', value: inSql.p50 },
        better: 'lower',
      },
      {
        name: `${label}: Tilmeldinger, p95`,
        value: inPage.p95,
        unit: 'ms',
        peer: { name: 'its SQL alone', value: inSql.p95 },
        better: 'lower',
      },
      {
        name: `${label}:   Oversigt's HTML`,
        value: overviewBytes / 1024,
        unit: 'KB',
        better: 'lower',
      },
      {
        name: `${label}:   Tilmeldinger's HTML`,
        value: inboxBytes / 1024,
        unit: 'KB',
        better: 'lower',
      },
    ];
  } finally {
    await db.close();
    await remove();
  }
}

/** Both pages on SQLite, then on PostgreSQL when it answers. */
export async function benchWorkplace(): Promise<BenchRow[]> {
  const rows = await benchEngine('sqlite', 'SQLite');
  const reachable = await new pg.Client({ connectionString: POSTGRES_ADMIN_URL }).connect().then(
    (client) => client.end().then(() => true),
    () => false,
  );
  if (!reachable) {
    console.log(`  (PostgreSQL at ${POSTGRES_ADMIN_URL} does not answer: no PostgreSQL rows)`);
    return rows;
  }
  return [...rows, ...(await benchEngine('postgres', 'PostgreSQL'))];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printRows('Coordinators’ workplace (10,000 sign-ups, 50,000 claims)', await benchWorkplace());
}
