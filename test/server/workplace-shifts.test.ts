// The workplace's Vagter page, on the engine the run is for, with a real SMTP
// server: a weekly series previewed across the end of summer time and then
// saved, the rest of a series changed, and a cancelled shift's residents told
// why, by mail.
import { describe, expect, it } from 'vitest';
import { openShiftStore } from '../../src/server/shifts/store.js';
import { mailingApp, manualClock, newKey, signedIn } from './support.js';

async function shiftsApp() {
  const { app, db, clock, inbox } = await mailingApp(
    {},
    {
      seededAt: new Date('2026-09-01T08:00:00Z'),
      clock: manualClock(Date.parse('2026-10-01T09:00:00Z')),
    },
  );
  const now = new Date(clock.now());
  const shifts = await openShiftStore(db);
  /** The activity's shifts from the clock's now on, by start. */
  const list = (activityId = 'lektiecafe') =>
    shifts.listShifts({
      activityId,
      from: now,
      to: new Date(now.getTime() + 400 * 86_400_000),
      limit: 100,
    });
  return { app, db, clock, inbox, now, list };
}

/** A weekly series of Tuesdays from 13 October 2026, 17.00–19.00, `count` times. */
const series = (count = '4') => ({
  activityId: 'lektiecafe',
  title: 'Lektiehjælp',
  location: 'Hovedbiblioteket',
  date: '2026-10-13',
  start: '17:00',
  end: '19:00',
  capacity: '3',
  repeat: 'weekly',
  until: '',
  count,
});

const claim = (app: Awaited<ReturnType<typeof shiftsApp>>['app'], shiftId: string, n: string) =>
  app.request(`/api/v1/shifts/${shiftId}/claims`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
    body: JSON.stringify({
      name: `Frivillig ${n}`,
      email: `${n}@example.dk`,
      ageBand: '18-plus',
      consent: true,
    }),
  });

describe('Vagter', () => {
  it('previews a weekly series across the last Sunday of October with the change of time, then saves it', async () => {
    const { app, db, now, list } = await shiftsApp();
    const admin = await signedIn(db, { now });
    const preview = await app.request('/leder/vagter/forhaandsvis', admin.form(series()));
    expect(preview.status).toBe(200);
    const body = await preview.text();
    const occurrences = /<ol class="wp-list">(.*?)<\/ol>/s.exec(body)![1]!;
    const items = [...occurrences.matchAll(/<li(?: class="wp-dst")?>(.*?)<\/li>/g)].map(
      (m) => m[1],
    );
    expect(items).toEqual([
      'tirsdag 13. oktober, kl. 17.00–19.00',
      'tirsdag 20. oktober, kl. 17.00–19.00',
      '<strong>Sommertid slutter søndag 25. oktober: urene stilles en time tilbage, og vagterne bliver på samme klokkeslæt dansk tid.</strong>',
      'tirsdag 27. oktober, kl. 17.00–19.00',
      'tirsdag 3. november, kl. 17.00–19.00',
    ]);
    // Nothing is saved by a preview.
    expect(await list()).toEqual([]);

    const saved = await app.request('/leder/vagter', admin.form(series()));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('Location')).toBe('/leder/vagter?oprettet=4');
    const rows = await list();
    expect(rows.map((r) => r.start.toISOString())).toEqual([
      '2026-10-13T15:00:00.000Z',
      '2026-10-20T15:00:00.000Z',
      '2026-10-27T16:00:00.000Z',
      '2026-11-03T16:00:00.000Z',
    ]);
    expect(new Set(rows.map((r) => r.seriesId)).size).toBe(1);

    const page = await (
      await app.request('/leder/vagter?oprettet=4', { headers: admin.headers })
    ).text();
    expect(page).toContain('4 vagter er oprettet.');
    expect(page).toContain(`<a href="/leder/vagter/${rows[0]!.id}">Lektiehjælp</a>`);
    expect(page).toContain('0 af 3 pladser besat');
  });

  it('refuses a series with neither end date nor count, and an end before the start, keeping what was typed', async () => {
    const { app, db, now, list } = await shiftsApp();
    const admin = await signedIn(db, { now });
    const res = await app.request(
      '/leder/vagter/forhaandsvis',
      admin.form({ ...series(''), end: '16:00', title: 'Lektier & <leg>' }),
    );
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toContain('role="alert"');
    expect(body).toContain(
      '<p id="s-until-error" class="wp-error">Skriv en slutdato eller et antal gange (1–104).</p>',
    );
    expect(body).toContain(
      '<p id="s-end-error" class="wp-error">Vagten skal slutte efter, at den begynder.</p>',
    );
    expect(body).toMatch(
      /id="s-end" name="end" required aria-invalid="true" aria-describedby="s-end-error"/,
    );
    expect(body).toContain('value="Lektier &amp; &lt;leg&gt;"');
    expect(await list()).toEqual([]);
  });

  it('changes this and the rest of a series, telling whoever is on it why', async () => {
    const { app, db, now, list, inbox } = await shiftsApp();
    const admin = await signedIn(db, { now });
    expect((await app.request('/leder/vagter', admin.form(series()))).status).toBe(303);
    const [first, second, third] = await list();
    expect((await claim(app, third!.id, 'ida')).status).toBe(201);

    const change = {
      scope: 'rest',
      title: 'Lektiehjælp for 7.–9. klasse',
      location: 'Hovedbiblioteket',
      date: '2026-10-20',
      start: '18:00',
      end: '20:00',
      capacity: '4',
      reason: '',
    };
    // Someone is on the rest of the series: the reason they read is required.
    const refused = await app.request(`/leder/vagter/${second!.id}/ret`, admin.form(change));
    expect(refused.status).toBe(400);
    const refusedBody = await refused.text();
    expect(refusedBody).toContain('Skriv en grund, som de frivillige på vagten får at vide.');
    expect(refusedBody).toContain('value="Lektiehjælp for 7.–9. klasse"');

    const res = await app.request(
      `/leder/vagter/${second!.id}/ret`,
      admin.form({ ...change, reason: 'Biblioteket åbner senere.' }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/leder/vagter?aendret=3');
    const rows = await list();
    expect(rows.map((r) => [r.title, r.start.toISOString(), r.capacity])).toEqual([
      [first!.title, '2026-10-13T15:00:00.000Z', 3],
      ['Lektiehjælp for 7.–9. klasse', '2026-10-20T16:00:00.000Z', 4],
      ['Lektiehjælp for 7.–9. klasse', '2026-10-27T17:00:00.000Z', 4],
      ['Lektiehjælp for 7.–9. klasse', '2026-11-03T17:00:00.000Z', 4],
    ]);
    const told = (await inbox()).filter((m) => m.text?.includes('Biblioteket åbner senere.'));
    expect(told.map((m) => m.to)).toMatchObject([{ value: [{ address: 'ida@example.dk' }] }]);
  });

  it('changes all of the rest of a series or none of it: a capacity below one shift’s places refuses the lot', async () => {
    const { app, db, now, list, inbox } = await shiftsApp();
    const admin = await signedIn(db, { now });
    expect((await app.request('/leder/vagter', admin.form(series()))).status).toBe(303);
    const [, , , last] = await list();
    // The last shift of four has two places taken; the change asks for one.
    for (const n of ['ida', 'bo']) expect((await claim(app, last!.id, n)).status).toBe(201);
    const before = await list();
    const res = await app.request(
      `/leder/vagter/${before[1]!.id}/ret`,
      admin.form({
        scope: 'rest',
        title: 'Lektiehjælp, ny tid',
        location: '',
        date: '2026-10-20',
        start: '18:00',
        end: '20:00',
        capacity: '1',
        reason: 'Ny tid',
      }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('aria-invalid="true"');
    // Not one shift changed, and nobody was told of a change that did not happen.
    expect(await list()).toEqual(before);
    expect((await inbox()).filter((m) => m.text?.includes('Ny tid'))).toEqual([]);
  });

  it('cancels a shift with a reason the residents on it are told by mail', async () => {
    const { app, db, now, list, inbox } = await shiftsApp();
    const admin = await signedIn(db, { now });
    expect(
      (await app.request('/leder/vagter', admin.form({ ...series(), repeat: 'once' }))).status,
    ).toBe(303);
    const [shift] = await list();
    expect((await claim(app, shift!.id, 'bo')).status).toBe(201);

    const empty = await app.request(
      `/leder/vagter/${shift!.id}/aflys`,
      admin.form({ reason: ' ' }),
    );
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(
      '<p id="c-reason-error" class="wp-error">Skriv en grund, som de frivillige på vagten får at vide.</p>',
    );
    expect(await list()).toHaveLength(1);

    const res = await app.request(
      `/leder/vagter/${shift!.id}/aflys`,
      admin.form({ reason: 'Biblioteket holder lukket på grund af vandskade.' }),
    );
    expect(res.status).toBe(303);
    expect(await list()).toEqual([]);
    const cancelled = (await inbox()).filter((m) =>
      m.text?.includes('Biblioteket holder lukket på grund af vandskade.'),
    );
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.to).toMatchObject({ value: [{ address: 'bo@example.dk' }] });
  });

  it('answers 404 to a coordinator of another activity', async () => {
    const { app, db, now, list } = await shiftsApp();
    const admin = await signedIn(db, { now });
    await app.request('/leder/vagter', admin.form({ ...series(), repeat: 'once' }));
    const [shift] = await list();
    const other = await signedIn(db, { now, role: 'coordinator', activities: ['besoegsven'] });
    expect(
      (await app.request(`/leder/vagter/${shift!.id}/ret`, { headers: other.headers })).status,
    ).toBe(404);
    const cancel = await app.request(
      `/leder/vagter/${shift!.id}/aflys`,
      other.form({ reason: 'Nej' }),
    );
    expect(cancel.status).toBe(404);
    const create = await app.request('/leder/vagter', other.form({ ...series(), repeat: 'once' }));
    expect(create.status).toBe(400);
    expect(await list()).toHaveLength(1);
    const page = await (await app.request('/leder/vagter', { headers: other.headers })).text();
    expect(page).not.toContain(shift!.id);
  });
});
