/**
 * The leader's sidebar's side of the workplace, under `/api/v1/sidepanel`:
 * pairing with a code from Min konto, then, with the device's token, one
 * snapshot of what the sidebar shows (new sign-ups, today's and tomorrow's
 * shifts, reflections asking for contact, the pulse's warning lines) and
 * moving a sign-up's status. Nothing else: a device token opens no other
 * route. The token is a bearer token, never a cookie, so these routes take
 * the extension's own origin (see http/cors.ts).
 */
import { type Context, Hono } from 'hono';
import { Id } from '../../schemas/common.js';
import {
  PairRequest,
  type SidepanelPulseLine,
  type SidepanelShift,
  type SidepanelSignup,
  type SidepanelSnapshot,
  StatusChange,
} from '../../schemas/sidepanel.js';
import { addDays, dateOf, startOfDay } from '../../time/calendar.js';
import { toIsoCopenhagen } from '../../time/copenhagen.js';
import { AUTH_FAILURE_LIMIT } from '../http/auth.js';
import { parseWith, readJson } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { apiError, localeOf } from '../http/errors.js';
import { activityScope, type Principal } from '../http/principal.js';
import { clientKey } from '../http/rate-limit.js';
import { pulseFor } from '../reflections/routes.js';
import type { WorkplaceDeps } from './deps.js';
import type { Devices } from './devices.js';

const DAY = 86_400_000;
/** New sign-ups the Indbakke shows at most, per activity. */
const INBOX_LIMIT = 500;

type Person = Principal & { kind: 'account' };

export function sidepanelApi(deps: WorkplaceDeps, devices: Devices): Hono<AppEnv> {
  const { accounts, activities, signups, shifts, reflections, audit, clock } = deps;
  const failures = deps.buckets('pairing', AUTH_FAILURE_LIMIT);

  /** The device and its person, or 401 `error.device.revoked` for a token that opens nothing. */
  const device = async (c: Context<AppEnv>) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '');
    const found = match ? await devices.byToken(match[1]!, clock()) : undefined;
    const person = found ? await accounts.principal(found.accountId) : undefined;
    if (!found || !person) {
      throw apiError(401, 'error.device.revoked', '', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    return { device: found, person };
  };

  const scoped = async (person: Person) => {
    const all = await activities.list();
    const scope = activityScope(person);
    return scope ? all.filter((a) => scope.has(a.id)) : all;
  };

  const toSignup = (
    s: Awaited<ReturnType<typeof signups.pageForActivity>>[number],
    title: string,
  ): SidepanelSignup => ({
    id: s.id,
    activityId: s.activityId,
    activityTitle: title,
    name: s.name,
    email: s.email,
    phone: s.phone,
    help: s.help,
    ageBand: s.ageBand,
    status: s.status,
    createdAt: s.createdAt,
  });

  return new Hono<AppEnv>()
    .post('/sidepanel/forbind', async (c) => {
      const client = clientKey(c, deps.trustProxy);
      // A try first, given back on success: codes cannot be guessed at request speed.
      const wait = await failures.take(client);
      if (wait > 0) {
        throw apiError(429, 'error.auth.throttled', '', {
          headers: { 'Retry-After': String(Math.ceil(wait)) },
        });
      }
      const input = parseWith(PairRequest, await readJson(c));
      const paired = await devices.pair(input.code, input.device, clock());
      const person = paired ? await accounts.principal(paired.accountId) : undefined;
      if (!paired || !person) throw apiError(400, 'error.pairing.unknown', 'code');
      await failures.give(client);
      await audit.write(person, [
        {
          action: 'access',
          subject: 'device',
          subjectId: paired.id,
          detail: 'sidebar paired',
        },
      ]);
      return c.json(
        { token: paired.token, server: deps.site.name, person: person.name, role: person.role },
        201,
        { 'Cache-Control': 'no-store' },
      );
    })
    .get('/sidepanel/oversigt', async (c) => {
      const { device: d, person } = await device(c);
      const now = clock();
      const mine = await scoped(person);
      const titles = new Map(mine.map((a) => [a.id, a.title]));
      const inbox = (
        await Promise.all(
          mine.map((a) =>
            signups.pageForActivity(a.id, { status: 'ny', limit: INBOX_LIMIT, offset: 0 }),
          ),
        )
      )
        .flat()
        .map((s) => toSignup(s, titles.get(s.activityId) ?? ''))
        .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      // Today and tomorrow in Copenhagen, whatever the time of day.
      const today = dateOf(now);
      const from = startOfDay(today);
      const to = startOfDay(addDays(today, 2));
      const soon = (
        await Promise.all(
          mine.map((a) => shifts.listShifts({ activityId: a.id, from, to, limit: 200 })),
        )
      )
        .flat()
        .sort((a, b) => a.start.getTime() - b.start.getTime());
      const todayShifts: SidepanelShift[] = [];
      const claimIds: string[] = [];
      for (const s of soon) {
        const claims = await shifts.listClaims(s.id);
        claimIds.push(...claims.map((x) => x.id));
        todayShifts.push({
          id: s.id,
          activityId: s.activityId,
          activityTitle: titles.get(s.activityId) ?? '',
          title: s.title,
          location: s.location,
          start: toIsoCopenhagen(s.start),
          end: toIsoCopenhagen(s.end),
          capacity: s.capacity,
          coming: claims
            .filter((x) => x.status === 'claimed')
            .map((x) => ({ name: x.name, phone: x.phone })),
          waiting: claims.filter((x) => x.status === 'waitlisted').map((x) => ({ name: x.name })),
        });
      }
      const followUps = (
        await Promise.all(
          mine.map(async (a) =>
            (
              await reflections.reflectionsSince(a.id, new Date(now.getTime() - 90 * DAY))
            )
              .filter((r) => r.contact)
              .map((r) => ({
                id: r.id,
                activityId: a.id,
                activityTitle: a.title,
                contact: r.contact ?? '',
                note: r.note,
                createdAt: toIsoCopenhagen(r.createdAt),
              })),
          ),
        )
      ).flat();
      const pulse: SidepanelPulseLine[] = [];
      for (const a of mine) {
        const weeks = (await pulseFor(reflections, a.id, 3, now, localeOf(c))).series.slice(-3);
        const line = (
          kind: SidepanelPulseLine['kind'],
          values: (number | null)[],
          rising: boolean,
        ) => {
          if (values.length < 3 || values.some((v) => v === null)) return;
          const v = values as number[];
          const moving = rising ? v[0]! < v[1]! && v[1]! < v[2]! : v[0]! > v[1]! && v[1]! > v[2]!;
          if (moving) {
            pulse.push({
              activityId: a.id,
              activityTitle: a.title,
              kind,
              weeks: weeks.map((w, i) => ({ week: w.week, value: v[i]! })),
            });
          }
        };
        line(
          'energy-falling',
          weeks.map((w) => w.meanEnergy),
          false,
        );
        line(
          'too-much-rising',
          weeks.map((w) => w.shareTooMuch),
          true,
        );
      }
      // Who read which records, through which device, as for the workplace's pages.
      const shown = (subject: string, ids: string[], detail: string) =>
        ids.length > 0
          ? [{ action: 'view' as const, subject, subjectId: ids.join(' '), detail }]
          : [];
      await audit.write(person, [
        ...shown(
          'signup',
          inbox.map((x) => x.id),
          `sidebar ${d.id}: Indbakke`,
        ),
        ...shown('claim', claimIds, `sidebar ${d.id}: I dag`),
        ...shown(
          'reflection',
          followUps.map((x) => x.id),
          `sidebar ${d.id}: Opfølgning`,
        ),
      ]);
      const body: SidepanelSnapshot = {
        fetchedAt: toIsoCopenhagen(now),
        person: person.name,
        inbox,
        today: todayShifts,
        followUps,
        pulse,
      };
      return c.json(body, 200, { 'Cache-Control': 'no-store' });
    })
    .post('/sidepanel/tilmeldinger/:id/status', async (c) => {
      const { device: d, person } = await device(c);
      const id = c.req.param('id');
      const { status } = parseWith(StatusChange, await readJson(c));
      const current = Id.safeParse(id).success ? await signups.getWithStatus(id) : undefined;
      const scope = activityScope(person);
      if (!current || (scope && !scope.has(current.activityId))) {
        throw apiError(404, 'error.notFound', 'id');
      }
      const moved = await signups.setStatus(id, status, person.name, clock());
      if (!moved) throw apiError(409, 'error.signup.move', 'status');
      await audit.write(person, [
        {
          action: 'change',
          subject: 'signup',
          subjectId: id,
          activityId: current.activityId,
          detail: `sidebar ${d.id}: status ${current.status} → ${status}`,
        },
      ]);
      const title = (await activities.get(current.activityId))?.title ?? '';
      return c.json(toSignup(moved, title), 200, { 'Cache-Control': 'no-store' });
    })
    .delete('/sidepanel/forbindelse', async (c) => {
      const { device: d, person } = await device(c);
      await devices.revoke(person.id, d.id);
      await audit.write(person, [
        { action: 'access', subject: 'device', subjectId: d.id, detail: 'sidebar unpaired itself' },
      ]);
      return c.body(null, 204);
    });
}
