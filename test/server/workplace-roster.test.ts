// The workplace's Vagtliste on the engine the run is for, with mail through a
// real SMTP server: a coordinator sees who holds a place and who waits, in
// line order, moves a waiting person up into a free place (who is told by
// mail), notes who came once the shift has begun, prints and exports the
// roster; a coordinator of another activity gets a 404, cross-site posts are
// refused, and every view, change and export is in the audit log.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/server/audit/log.js';
import { openShiftStore } from '../../src/server/shifts/store.js';
import { mailingApp, newKey, newShift, OWN, signedInAt } from './support.js';

async function rosterApp() {
  const made = await mailingApp();
  const { db, clock } = made;
  const shifts = await openShiftStore(db);
  const audit = await openAuditLog(db, () => new Date(clock.now()));
  return { ...made, shifts, audit };
}

type Setup = Awaited<ReturnType<typeof rosterApp>>;

type Who = Awaited<ReturnType<typeof signedInAt>>;

const get = (s: Setup, who: Who, path: string) => {
  s.clock.advance(1000);
  return s.app.request(path, { headers: { Cookie: who.cookie, 'Accept-Language': 'da' } });
};

const post = (
  s: Setup,
  who: Who,
  path: string,
  fields: Record<string, string> = {},
  { csrf = who.csrf as string | null, site = 'same-origin' } = {},
) => {
  s.clock.advance(1000);
  return s.app.request(path, {
    method: 'POST',
    headers: {
      Cookie: who.cookie,
      'Sec-Fetch-Site': site,
      Origin: OWN,
      'Accept-Language': 'da',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ ...fields, ...(csrf === null ? {} : { csrf }) }).toString(),
  });
};

/** A shift of the Besøgsven activity on 8 December, 15–17, and claims on it in this order. */
async function shiftWith(s: Setup, capacity: number, people: Record<string, unknown>[]) {
  const id = await newShift(s.app, capacity);
  const ids: string[] = [];
  for (const p of people) {
    const claimed = await s.app.request(`/api/v1/shifts/${id}/claims`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
      body: JSON.stringify({ ageBand: '18-plus', consent: true, waitlist: true, ...p }),
    });
    expect(claimed.status).toBe(201);
    ids.push(((await claimed.json()) as { id: string }).id);
  }
  return { id, claims: ids };
}

const PEOPLE = [
  { name: 'Anna Ås', email: 'anna@example.dk', phone: '11 22 33 44' },
  { name: 'Bo Bæk', email: 'bo@example.dk', phone: '55 66 77 88' },
  { name: 'Cecilie Cø', email: 'cecilie@example.dk', ageBand: '15-17', guardianConsent: true },
];

describe('Vagtliste', () => {
  it('shows who holds a place and who waits in line order, with how to reach them', async () => {
    const s = await rosterApp();
    const { id, claims } = await shiftWith(s, 1, PEOPLE);
    const kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);
    const res = await get(s, kim, `/leder/vagter/${id}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1>Vagtliste: Eftermiddagsbesøg</h1>');
    expect(page).toContain('Plejecenter Solgården');
    expect(page).toContain('1 af 1 besat, 2 på venteliste');
    const held = page.indexOf('id="har-plads"');
    const line = page.indexOf('id="venteliste"');
    expect(page.indexOf('Anna Ås')).toBeGreaterThan(held);
    expect(page.indexOf('Anna Ås')).toBeLessThan(line);
    expect(page.indexOf('Bo Bæk')).toBeGreaterThan(line);
    expect(page.indexOf('Cecilie Cø')).toBeGreaterThan(page.indexOf('Bo Bæk'));
    for (const seen of ['11 22 33 44', 'bo@example.dk', '15–17', '18+']) {
      expect(page).toContain(seen);
    }
    expect(page).toContain('role="region" aria-labelledby="venteliste"');
    // No free place, and the shift has not begun: neither move up nor attendance.
    expect(page).toContain('Ingen ledig plads');
    expect(page).toContain('Kan noteres, når vagten er begyndt');
    expect(page).not.toContain('/ryk-op/');
    expect(page).not.toContain('/fremmoede/');

    expect(await s.audit.search()).toContainEqual(
      expect.objectContaining({
        action: 'view',
        subject: 'claim',
        subjectId: claims.join(' '),
        activityId: 'besoegsven',
        actorName: 'Kim Koordinator',
      }),
    );
  });

  it('moves a waiting person up into a free place, and they get the moved-up mail', async () => {
    const s = await rosterApp();
    const { id, claims } = await shiftWith(s, 1, PEOPLE);
    const [, bo, cecilie] = claims;
    const kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);
    const before = (await s.inbox()).length;
    // A full shift: nobody moves up.
    expect((await post(s, kim, `/leder/vagter/${id}/ryk-op/${bo}`)).status).toBe(409);
    // A place comes free behind the store's back (a capacity the store would have filled).
    await sql`UPDATE shifts SET capacity = 2 WHERE id = ${id}`.execute(s.db.kysely);
    const page = await (await get(s, kim, `/leder/vagter/${id}`)).text();
    expect(page).toContain(`action="/leder/vagter/${id}/ryk-op/${cecilie}"`);

    const moved = await post(s, kim, `/leder/vagter/${id}/ryk-op/${cecilie}`);
    expect(moved.status).toBe(303);
    const after = await (await get(s, kim, moved.headers.get('Location')!)).text();
    expect(after).toContain('Cecilie Cø har fået en plads og får besked på e-mail.');
    expect(after).toContain('2 af 2 besat, 1 på venteliste');
    const roster = await s.shifts.roster(id);
    expect(roster.map((r) => [r.name, r.status])).toEqual([
      ['Anna Ås', 'claimed'],
      ['Bo Bæk', 'waitlisted'],
      ['Cecilie Cø', 'claimed'],
    ]);
    // Now full again.
    expect((await post(s, kim, `/leder/vagter/${id}/ryk-op/${bo}`)).status).toBe(409);
    expect((await post(s, kim, `/leder/vagter/${id}/ryk-op/${cecilie}`)).status).toBe(409);

    const mails = (await s.inbox()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toMatchObject({ value: [{ address: 'cecilie@example.dk' }] });
    expect(mails[0]!.subject).toBe(
      'Du har fået en plads: Eftermiddagsbesøg, tirsdag 8. december, kl. 15.00–17.00',
    );
    expect(mails[0]!.text).toContain('som den første på ventelisten har du den nu');

    expect(await s.audit.search()).toContainEqual(
      expect.objectContaining({
        action: 'change',
        subject: 'claim',
        subjectId: cecilie,
        detail: 'waitlisted → claimed',
      }),
    );
  });

  it('notes who came only once the shift has begun, with who noted it when', async () => {
    const s = await rosterApp();
    const { id, claims } = await shiftWith(s, 2, PEOPLE);
    const [anna, bo, cecilie] = claims;
    let kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);
    const early = await post(s, kim, `/leder/vagter/${id}/fremmoede/${anna}`, { value: 'moedt' });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('Fremmøde kan først noteres, når vagten er begyndt.');
    // The store says so too, whoever asks it.
    expect(await s.shifts.setAttendance(anna!, 'moedt', 'Kim', new Date(s.clock.now()))).toBe(
      undefined,
    );
    expect((await s.shifts.roster(id))[0]!.attendance).toBe(null);

    s.clock.advance(Date.parse('2026-12-08T14:30:00Z') - s.clock.now());
    kim = await signedInAt(s, 'kim2@example.dk', 'Kim Koordinator', ['besoegsven']);
    const page = await (await get(s, kim, `/leder/vagter/${id}`)).text();
    expect(page).toContain(`action="/leder/vagter/${id}/fremmoede/${anna}"`);
    expect(page).not.toContain(`/fremmoede/${cecilie}"`);

    const noted = await post(s, kim, `/leder/vagter/${id}/fremmoede/${anna}`, { value: 'moedt' });
    expect(noted.status).toBe(303);
    expect(
      (await post(s, kim, `/leder/vagter/${id}/fremmoede/${bo}`, { value: 'udeblev' })).status,
    ).toBe(303);
    expect(
      (await post(s, kim, `/leder/vagter/${id}/fremmoede/${bo}`, { value: 'kom' })).status,
    ).toBe(400);
    // Someone on the waiting list holds no place to come to.
    expect(
      (await post(s, kim, `/leder/vagter/${id}/fremmoede/${cecilie}`, { value: 'moedt' })).status,
    ).toBe(404);

    expect(noted.headers.get('Location')).toBe(`/leder/vagter/${id}?gemt=fremmoede`);
    const after = await (await get(s, kim, noted.headers.get('Location')!)).text();
    expect(after).toContain('Fremmødet er noteret.');
    expect(after).toMatch(/Mødt \(Kim Koordinator, [^)]*8\. december[^)]*\)/);
    expect(after).toMatch(/Udeblev \(Kim Koordinator, /);
    const roster = await s.shifts.roster(id);
    expect(roster.map((r) => [r.name, r.attendance, r.attendanceBy])).toEqual([
      ['Anna Ås', 'moedt', 'Kim Koordinator'],
      ['Bo Bæk', 'udeblev', 'Kim Koordinator'],
      ['Cecilie Cø', null, null],
    ]);
    expect(await s.audit.search()).toContainEqual(
      expect.objectContaining({
        action: 'change',
        subject: 'claim',
        subjectId: anna,
        detail: 'attendance – → moedt',
      }),
    );
  });

  it('answers 404 to a coordinator of another activity and refuses cross-site posts', async () => {
    const s = await rosterApp();
    const { id, claims } = await shiftWith(s, 1, PEOPLE);
    const [anna, bo] = claims;
    await sql`UPDATE shifts SET capacity = 2 WHERE id = ${id}`.execute(s.db.kysely);
    const lis = await signedInAt(s, 'lis@example.dk', 'Lis Lektie', ['lektiecafe']);
    for (const path of [
      `/leder/vagter/${id}`,
      `/leder/vagter/${id}/print`,
      `/leder/vagter/${id}?format=csv`,
      '/leder/vagter/findes-ikke',
    ]) {
      const res = await get(s, lis, path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('Anna');
    }
    expect((await post(s, lis, `/leder/vagter/${id}/ryk-op/${bo}`)).status).toBe(404);
    expect(
      (await post(s, lis, `/leder/vagter/${id}/fremmoede/${anna}`, { value: 'moedt' })).status,
    ).toBe(404);

    const kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);
    expect(
      (await post(s, kim, `/leder/vagter/${id}/ryk-op/${bo}`, {}, { csrf: null })).status,
    ).toBe(403);
    expect(
      (await post(s, kim, `/leder/vagter/${id}/ryk-op/${bo}`, {}, { site: 'cross-site' })).status,
    ).toBe(403);
    expect((await s.shifts.roster(id)).map((r) => r.status)).toEqual([
      'claimed',
      'waitlisted',
      'waitlisted',
    ]);
    expect((await s.audit.search()).filter((l) => l.action === 'change')).toEqual([]);
  });

  it('prints the roster on a plain page and exports it as CSV with formulas defused', async () => {
    const s = await rosterApp();
    const { id, claims } = await shiftWith(s, 1, [
      {
        name: '=HYPERLINK("https://ondt.example/")',
        email: 'anna@example.dk',
        phone: '11 22 33 44',
      },
      { name: 'Bo Bæk', email: 'bo@example.dk' },
    ]);
    const kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);

    const print = await get(s, kim, `/leder/vagter/${id}/print`);
    expect(print.status).toBe(200);
    const printed = await print.text();
    expect(printed).toContain('<link rel="stylesheet" href="/leder/vagtliste-print.css">');
    expect(printed).not.toContain('wp-nav');
    expect(printed).toContain('=HYPERLINK(&quot;https://ondt.example/&quot;)');
    expect(printed).toContain('Bo Bæk');
    const css = await s.app.request('/leder/vagtliste-print.css');
    expect(await css.text()).toContain('@media print');

    const res = await get(s, kim, `/leder/vagter/${id}?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
    expect(lines).toEqual([
      '"Status","Nr.","Navn","Telefon","E-mail","Alder","Fremmøde","Noteret af"',
      `"Plads","","'=HYPERLINK(""https://ondt.example/"")","11 22 33 44","anna@example.dk","18+","",""`,
      '"Venteliste","1","Bo Bæk","","bo@example.dk","18+","",""',
    ]);
    const audit = await s.audit.search();
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'export', subject: 'claim', subjectId: claims.join(' ') }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'view', detail: `roster ${id}, print` }),
    );
  });
});
