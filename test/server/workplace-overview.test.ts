// The workplace's Oversigt on the engine the run is for: the coming week's
// shifts with places filled, sign-ups of the last seven days and not older,
// reflections asking for contact, volunteers past the weekly cap they gave,
// and for admins only, mail that could not be delivered; all of a
// coordinator's own activities and nothing of another's.
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/server/audit/log.js';
import { ADMIN_TOKEN, newKey, postSignup, signedIn, signupBody, testApp } from './support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('Oversigt', () => {
  it('shows a coordinator the week of their own activities, and who is over their own cap', async () => {
    const s = await testApp({ rateLimit: false });
    const { app, db, clock } = s;
    const admin = (path: string, body: unknown) =>
      app.request(`/api/v1${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    // An old sign-up (8 days) and a new one (1 day), in lektiecafe; one in another activity.
    expect(
      (await postSignup(app, signupBody({ activityId: 'lektiecafe', name: 'Gammel Gert' }))).status,
    ).toBe(201);
    clock.advance(7 * DAY);
    expect(
      (await postSignup(app, signupBody({ activityId: 'lektiecafe', name: 'Ny Nina' }))).status,
    ).toBe(201);
    expect(
      (await postSignup(app, signupBody({ activityId: 'besoegsven', name: 'Anden Anders' })))
        .status,
    ).toBe(201);
    clock.advance(DAY);
    // Two three-hour shifts this week; Ida gives a cap of 4 hours on both.
    const shiftIds: string[] = [];
    for (const day of [2, 3]) {
      const start = new Date(clock.now() + day * DAY);
      const res = await admin('/shifts', {
        activityId: 'lektiecafe',
        title: `Lektiehjælp ${day}`,
        start: start.toISOString(),
        end: new Date(start.getTime() + 3 * HOUR).toISOString(),
        capacity: 2,
      });
      shiftIds.push(((await res.json()) as [{ id: string }])[0].id);
    }
    for (const id of shiftIds) {
      const res = await app.request(`/api/v1/shifts/${id}/claims`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
        body: JSON.stringify({
          name: 'Ida Frivillig',
          email: 'ida@example.dk',
          ageBand: '18-plus',
          consent: true,
          loadCapHours: 4,
        }),
      });
      expect(res.status).toBe(201);
    }
    const coordinator = await signedIn(db, {
      role: 'coordinator',
      activities: ['lektiecafe'],
      now: new Date(clock.now()),
    });
    const page = await app.request('/leder', { headers: coordinator.headers });
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Lektiehjælp 2');
    expect(text).toContain('1 af 2 pladser besat');
    expect(text).toContain('Ny Nina');
    expect(text).not.toContain('Gammel Gert');
    expect(text).not.toContain('Anden Anders');
    expect(text).toContain('Ida Frivillig: 6 timer denne uge, grænse 4');
    // The log names what the page showed, by id: the new sign-up and Ida's two places.
    const log = await openAuditLog(db, () => new Date(clock.now()));
    const lines = await log.search({ text: 'Oversigt' });
    const nina = (await s.store.list('lektiecafe')).find((x) => x.name === 'Ny Nina')!;
    expect(lines.map((l) => [l.subject, l.subjectId.split(' ').length])).toEqual(
      expect.arrayContaining([
        ['signup', 1],
        ['claim', 2],
      ]),
    );
    expect(lines.find((l) => l.subject === 'signup')?.subjectId).toBe(nina.id);
    // Undelivered mail is the admins' matter.
    expect(text).not.toContain('Mails, der ikke kunne leveres');
    const adminPage = await (
      await app.request('/leder', {
        headers: (await signedIn(db, { role: 'admin', now: new Date(clock.now()) })).headers,
      })
    ).text();
    expect(adminPage).toContain('Mails, der ikke kunne leveres');
    expect(adminPage).toContain('Anden Anders');
  });
});
