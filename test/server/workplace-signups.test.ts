// The workplace's Tilmeldinger on the engine the run is for: a coordinator
// sees their own activities' sign-ups, newest first, moves each on one step at
// a time (or one back), sees who moved it when, and exports them as CSV a
// spreadsheet cannot be tricked by; everyone else gets a 404, cross-site posts
// are refused, and every view, change and export is in the audit log.
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/server/audit/log.js';
import { OWN, postSignup, signedInAt, signupBody, testApp } from './support.js';

type Setup = Awaited<ReturnType<typeof testApp>>;

type Who = Awaited<ReturnType<typeof signedInAt>>;

// Each request a second later, so the audit log's lines come in a known order.
const get = (s: Setup, who: Who, path: string, lang = 'da') => {
  s.clock.advance(1000);
  return s.app.request(path, { headers: { Cookie: who.cookie, 'Accept-Language': lang } });
};

const move = (
  s: Setup,
  who: Who,
  id: string,
  status: string,
  {
    csrf = who.csrf as string | null,
    site = 'same-origin',
    lang = 'da',
  }: { csrf?: string | null; site?: string; lang?: string } = {},
) => {
  s.clock.advance(1000);
  return s.app.request(`/leder/tilmeldinger/${id}/status`, {
    method: 'POST',
    headers: {
      Cookie: who.cookie,
      'Sec-Fetch-Site': site,
      Origin: OWN,
      'Accept-Language': lang,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ status, ...(csrf === null ? {} : { csrf }) }).toString(),
  });
};

/** Sign-ups made a minute apart; their ids in that order. */
async function signups(s: Setup, bodies: Record<string, unknown>[]) {
  for (const body of bodies) {
    expect((await postSignup(s.app, signupBody(body))).status).toBe(201);
    s.clock.advance(60_000);
  }
  const all = await s.store.list();
  return bodies.map((b) => all.find((x) => x.email === b.email)!.id);
}

const auditLines = async (s: Setup) => {
  const log = await openAuditLog(s.db, () => new Date(s.clock.now()));
  return log.search({ limit: 1000 });
};

describe('Tilmeldinger', () => {
  it('shows a coordinator their activity’s sign-ups newest first, and who moved one when', async () => {
    const s = await testApp({ rateLimit: false });
    const [anna, bo] = await signups(s, [
      { name: 'Anna Ås', email: 'anna@example.dk', phone: '11 22 33 44', help: 'Højtlæsning' },
      {
        name: 'Bo Bæk',
        email: 'bo@example.dk',
        help: 'Gåture',
        ageBand: '15-17',
        guardianConsent: true,
      },
      { name: 'Cecilie Lektie', email: 'cecilie@example.dk', activityId: 'lektiecafe' },
    ]);
    const kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);

    const index = await (await get(s, kim, '/leder/tilmeldinger')).text();
    expect(index).toContain('href="/leder/tilmeldinger?activity=besoegsven"');
    expect(index).toContain('2 tilmeldinger, 2 nye');
    expect(index).not.toContain('activity=lektiecafe');

    const res = await get(s, kim, '/leder/tilmeldinger?activity=besoegsven');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('class="wp-table-wrap" tabindex="0" role="region"');
    expect(page.indexOf('Bo Bæk')).toBeLessThan(page.indexOf('Anna Ås'));
    expect(page).not.toContain('Cecilie');
    for (const seen of ['anna@example.dk', '11 22 33 44', 'Højtlæsning', 'Gåture', '15–17']) {
      expect(page).toContain(seen);
    }
    expect(page).toContain('Ikke ændret');

    const moved = await move(s, kim, anna!, 'kontaktet');
    expect(moved.status).toBe(303);
    expect(moved.headers.get('Location')).toBe(
      `/leder/tilmeldinger?activity=besoegsven&gemt=${anna}`,
    );
    const after = await (await get(s, kim, moved.headers.get('Location')!)).text();
    expect(after).toContain('Anna Ås er flyttet til »Kontaktet«.');
    // Who and when: the coordinator's name and the time in Copenhagen.
    expect(after).toMatch(/<td>Kontaktet<\/td>\s*<td>Kim Koordinator, [^<]*2026[^<]*<\/td>/);

    const filtered = await (
      await get(s, kim, '/leder/tilmeldinger?activity=besoegsven&status=kontaktet')
    ).text();
    expect(filtered).toContain('Anna Ås');
    expect(filtered).not.toContain('Bo Bæk');

    const lines = await auditLines(s);
    const views = lines.filter((l) => l.action === 'view' && l.subject === 'signup');
    expect(views[views.length - 1]).toMatchObject({
      actorName: 'Kim Koordinator',
      activityId: 'besoegsven',
      subjectId: `${bo} ${anna}`,
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        action: 'change',
        subject: 'signup',
        subjectId: anna,
        activityId: 'besoegsven',
        detail: 'status ny → kontaktet',
      }),
    );
  });

  it('shows a long inbox 50 at a time, counts each status in full, and logs only what was shown', async () => {
    const s = await testApp({ rateLimit: false });
    const ids = await signups(
      s,
      Array.from({ length: 60 }, (_, i) => ({
        activityId: 'lektiecafe',
        name: `Frivillig ${String(i).padStart(2, '0')}`,
        email: `f${i}@example.dk`,
      })),
    );
    // Signed in after the hour of sign-ups, so the session is fresh.
    const coordinator = await signedInAt(s, 'k@kommune.dk', 'Karen', ['lektiecafe']);
    await move(s, coordinator, ids[0]!, 'kontaktet');
    const base = '/leder/tilmeldinger?activity=lektiecafe';
    const first = await (await get(s, coordinator, base)).text();
    expect(first).toContain('Alle (60)');
    expect(first).toContain('Kontaktet (1)');
    expect(first).toContain('Side 1 af 2.');
    // Newest first: 59 down to 10 here, the rest on the next page.
    expect(first).toContain('Frivillig 59');
    expect(first).toContain('Frivillig 10');
    expect(first).not.toContain('Frivillig 09');
    expect(first).toContain(`href="${base.replaceAll('&', '&amp;')}&amp;side=2"`);
    const second = await (await get(s, coordinator, `${base}&side=2`)).text();
    expect(second).toContain('Side 2 af 2.');
    expect(second).toContain('Frivillig 00');
    expect(second).not.toContain('Frivillig 10');
    // One status, one page: no pager.
    const contacted = await (await get(s, coordinator, `${base}&status=kontaktet`)).text();
    expect(contacted).toContain('Frivillig 00');
    expect(contacted).not.toContain('Side 1 af');
    const views = (await auditLines(s)).filter(
      (l) => l.action === 'view' && l.subject === 'signup',
    );
    expect(views.map((l) => l.subjectId.split(' ').length).sort((a, b) => a - b)).toEqual([
      1, 10, 50,
    ]);
  });

  it('moves a sign-up one step on or one step back, and refuses the rest in the reader’s language', async () => {
    const s = await testApp({ rateLimit: false });
    const [id] = await signups(s, [{ email: 'anna@example.dk' }]);
    const kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);
    const status = async () => (await s.store.listForActivity('besoegsven'))[0]!.status;

    const skip = await move(s, kim, id!, 'aktiv');
    expect(skip.status).toBe(409);
    expect(await skip.text()).toContain('En tilmelding kan ikke flyttes fra »Ny« til »Aktiv«.');
    const skipEn = await move(s, kim, id!, 'aktiv', { lang: 'en' });
    expect(await skipEn.text()).toContain('A sign-up cannot move from “New” to “Active”.');
    expect(await status()).toBe('ny');
    expect((await move(s, kim, id!, 'nonsense')).status).toBe(400);

    expect((await move(s, kim, id!, 'kontaktet')).status).toBe(303);
    expect((await move(s, kim, id!, 'ny')).status).toBe(303);
    expect(await status()).toBe('ny');
    expect((await move(s, kim, id!, 'kontaktet')).status).toBe(303);
    expect((await move(s, kim, id!, 'ikke-aktuel')).status).toBe(303);
    expect((await move(s, kim, id!, 'aktiv')).status).toBe(409);
    expect((await move(s, kim, id!, 'kontaktet')).status).toBe(303);
    expect((await move(s, kim, id!, 'aktiv')).status).toBe(303);
    expect((await move(s, kim, id!, 'ny')).status).toBe(409);
    expect(await status()).toBe('aktiv');

    const details = (await auditLines(s))
      .filter((l) => l.action === 'change')
      .map((l) => l.detail)
      .reverse();
    expect(details).toEqual([
      'status ny → kontaktet',
      'status kontaktet → ny',
      'status ny → kontaktet',
      'status kontaktet → ikke-aktuel',
      'status ikke-aktuel → kontaktet',
      'status kontaktet → aktiv',
    ]);
  });

  it('answers 404 to a coordinator of another activity, and an admin sees every activity', async () => {
    const s = await testApp({ rateLimit: false });
    const [id] = await signups(s, [{ name: 'Anna Ås', email: 'anna@example.dk' }]);
    const other = await signedInAt(s, 'lis@example.dk', 'Lis Lektie', ['lektiecafe']);
    for (const path of [
      '/leder/tilmeldinger?activity=besoegsven',
      '/leder/tilmeldinger?activity=besoegsven&format=csv',
      '/leder/tilmeldinger?activity=findes-ikke',
    ]) {
      const res = await get(s, other, path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('Anna');
    }
    expect((await move(s, other, id!, 'kontaktet')).status).toBe(404);
    expect((await s.store.listForActivity('besoegsven'))[0]!.status).toBe('ny');

    const admin = await signedInAt(s, 'ada@example.dk', 'Ada Admin', [], 'admin');
    const page = await (await get(s, admin, '/leder/tilmeldinger?activity=besoegsven')).text();
    expect(page).toContain('Anna Ås');
  });

  it('refuses a post without the form token or from another site', async () => {
    const s = await testApp({ rateLimit: false });
    const [id] = await signups(s, [{ email: 'anna@example.dk' }]);
    const kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);
    expect((await move(s, kim, id!, 'kontaktet', { csrf: null })).status).toBe(403);
    expect(
      (await move(s, kim, id!, 'kontaktet', { csrf: 'x'.repeat(kim.csrf.length) })).status,
    ).toBe(403);
    expect((await move(s, kim, id!, 'kontaktet', { site: 'cross-site' })).status).toBe(403);
    expect((await s.store.listForActivity('besoegsven'))[0]!.status).toBe('ny');
    expect((await auditLines(s)).filter((l) => l.action === 'change')).toEqual([]);
  });

  it('exports an activity’s sign-ups as CSV with a BOM, formulas defused, and audits it', async () => {
    const s = await testApp({ rateLimit: false });
    const [id] = await signups(s, [
      {
        name: '=HYPERLINK("https://ondt.example/","Klik")',
        email: 'anna@example.dk',
        help: '+SUM(1;2)',
      },
    ]);
    const kim = await signedInAt(s, 'kim@example.dk', 'Kim Koordinator', ['besoegsven']);
    const res = await get(s, kim, '/leder/tilmeldinger?activity=besoegsven&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="tilmeldinger-besoegsven.csv"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [head, row] = text.split('\r\n');
    expect(head).toBe(
      '"Navn","E-mail","Telefon","Vil gerne hjælpe med","Alder","Forælders samtykke","Tilmeldt","Status","Ændret af","Ændret"',
    );
    expect(row).toContain(`"'=HYPERLINK(""https://ondt.example/"",""Klik"")","anna@example.dk"`);
    expect(row).toContain(`"'+SUM(1;2)"`);
    expect(row).toContain('"Ny"');
    expect(await auditLines(s)).toContainEqual(
      expect.objectContaining({
        action: 'export',
        subject: 'signup',
        subjectId: id,
        activityId: 'besoegsven',
      }),
    );
  });
});
