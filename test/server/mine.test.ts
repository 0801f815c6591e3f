// "Mine vagter" on the engine the run is for, through a real SMTP server and
// parser: the link by mail (the same answer for any address), its single use
// and 15 minutes, refusal of cross-site forms, and a resident's own list,
// cancel, export and erasure, never showing another address's data.
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/server/app.js';
import { FEATURES } from '../../src/server/features.js';
import { mineFeature } from '../../src/server/mine/feature.js';
import { asAdmin, mailingApp, newKey, signupBody } from './support.js';

/** What a browser sends with a form from the server's own page. */
const SAME_ORIGIN = { Origin: 'http://localhost', 'Sec-Fetch-Site': 'same-origin' };
const MINUTE = 60_000;

/** Every feature and "Mine vagter", whether or not features.ts lists it yet. */
const WITH_MINE = FEATURES.includes(mineFeature) ? FEATURES : [...FEATURES, mineFeature];

/** `mailingApp` with "Mine vagter"; `deps` override anything. */
const mineApp = (deps: Partial<AppDeps> = {}) => mailingApp({ features: WITH_MINE, ...deps });

type App = Awaited<ReturnType<typeof mineApp>>['app'];

const json = (app: App, path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), ...headers },
    body: JSON.stringify(body),
  });

/** A form POST as a browser sends it from the server's own page. */
const form = (
  app: App,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = SAME_ORIGIN,
) =>
  app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

async function shift(app: App, title: string, capacity = 1) {
  const res = await app.request('/api/v1/shifts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...asAdmin() },
    body: JSON.stringify({
      activityId: 'besoegsven',
      title,
      location: 'Plejecenter Solgården',
      start: '2026-12-08T15:00:00+01:00',
      end: '2026-12-08T17:00:00+01:00',
      capacity,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }[])[0]!.id;
}

async function claim(app: App, shiftId: string, name: string, email: string) {
  const res = await json(app, `/api/v1/shifts/${shiftId}/claims`, {
    name,
    email,
    phone: '12 34 56 78',
    ageBand: '18-plus',
    consent: true,
    waitlist: true,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; status: string };
}

async function claimsOn(app: App, shiftId: string) {
  const res = await app.request(`/api/v1/shifts/${shiftId}/claims`, { headers: asAdmin() });
  return (await res.json()) as {
    claimed: { email: string }[];
    waitlisted: { email: string }[];
  };
}

async function signupsOf(app: App) {
  const res = await app.request('/api/v1/signups', { headers: asAdmin() });
  return ((await res.json()) as { email: string }[]).map((s) => s.email);
}

const LINK = /https:\/\/samskab\.eksempel\.dk\/mine\/adgang\/([A-Za-z0-9_-]{43})(\?lang=en)?/;

/** Asks for a link for `email` and returns the token from the newest mail to it. */
async function linkFor(app: App, inbox: () => Promise<ParsedMail[]>, email: string) {
  expect((await form(app, '/mine/link', { email })).status).toBe(200);
  const mail = (await inbox()).findLast(
    (m) => m.subject === 'Dit link til Mine vagter' && m.text?.includes('/mine/adgang/'),
  );
  const token = LINK.exec(mail?.text ?? '')?.[1];
  expect(token).toBeDefined();
  return token!;
}

/** Uses the link up and returns the list page and the session token its forms carry. */
async function openList(app: App, token: string) {
  const res = await form(app, '/mine/adgang', { link: token });
  expect(res.status).toBe(200);
  const page = await res.text();
  const session = /name="session" value="([A-Za-z0-9_-]{43})"/.exec(page)?.[1];
  expect(session).toBeDefined();
  return { page, session: session! };
}

/** Anna holds a sign-up and the only place on a shift; Bo waits for it and has a shift of his own. */
async function twoResidents(app: App) {
  expect(
    (await json(app, '/api/v1/signups', signupBody({ email: 'anna@example.dk' }))).status,
  ).toBe(201);
  expect(
    (
      await json(
        app,
        '/api/v1/signups',
        signupBody({ activityId: 'lektiecafe', name: 'Bo Berg', email: 'bo@example.dk' }),
      )
    ).status,
  ).toBe(201);
  const shared = await shift(app, 'Eftermiddagsbesøg', 1);
  const bos = await shift(app, 'Bos egen vagt', 2);
  const anna = await claim(app, shared, 'Anna Andersen', 'Anna@Example.dk');
  const bo = await claim(app, shared, 'Bo Berg', 'bo@example.dk');
  await claim(app, bos, 'Bo Berg', 'bo@example.dk');
  expect(anna.status).toBe('claimed');
  expect(bo.status).toBe('waitlisted');
  return { shared, bos, anna, bo };
}

describe('the link to "Mine vagter"', () => {
  it('answers the same for a known and an unknown address, and mails only the known one', async () => {
    const { app, inbox } = await mineApp();
    await json(app, '/api/v1/signups', signupBody({ email: 'soren@example.dk' }));
    const before = (await inbox()).length;
    const known = await form(app, '/mine/link', { email: '  Soren@Example.DK ' });
    const unknown = await form(app, '/mine/link', { email: 'ingen@example.dk' });
    expect(unknown.status).toBe(known.status);
    expect(known.status).toBe(200);
    const body = await known.text();
    expect(await unknown.text()).toBe(body);
    expect(body).toContain('Hvis vi har noget om adressen, har vi sendt et link til den.');
    expect(body).not.toMatch(/soren|ingen/i);

    const mails = (await inbox()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toMatchObject({ value: [{ address: 'soren@example.dk' }] });
    expect(mails[0]!.subject).toBe('Dit link til Mine vagter');
    expect(mails[0]!.text).toMatch(LINK);
    expect(mails[0]!.text).toContain('Linket virker én gang og i 15 minutter.');
    expect(mails[0]!.html).toContain('<html lang="da">');
  });

  it('writes in English when the page was English, and links to the English page', async () => {
    const { app, inbox } = await mineApp();
    await json(app, '/api/v1/signups', signupBody({ email: 'ann@example.dk' }));
    const res = await form(app, '/mine/link?lang=en', { email: 'ann@example.dk' });
    expect(await res.text()).toContain('Check your inbox.');
    const mail = (await inbox()).at(-1)!;
    expect(mail.subject).toBe('Your link to My shifts');
    expect(LINK.exec(mail.text ?? '')?.[2]).toBe('?lang=en');
  });

  it('refuses an address that is not one, saying why beside the field', async () => {
    const { app } = await mineApp();
    const res = await form(app, '/mine/link', { email: 'ikke en adresse' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('aria-invalid="true"');
    expect(page).toContain('Skriv en gyldig e-mailadresse');
  });

  it('opens on GET without using the link up; the button uses it, once', async () => {
    const { app, inbox } = await mineApp();
    await json(app, '/api/v1/signups', signupBody({ email: 'soren@example.dk' }));
    const token = await linkFor(app, inbox, 'soren@example.dk');
    for (let i = 0; i < 3; i++) {
      const page = await app.request(`/mine/adgang/${token}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`name="link" value="${token}"`);
    }
    await openList(app, token);
    expect((await form(app, '/mine/adgang', { link: token })).status).toBe(404);
    expect((await app.request(`/mine/adgang/${token}`)).status).toBe(404);
  });

  it('works for 15 minutes and not a moment longer', async () => {
    const { app, inbox, clock } = await mineApp();
    await json(app, '/api/v1/signups', signupBody({ email: 'soren@example.dk' }));
    const early = await linkFor(app, inbox, 'soren@example.dk');
    clock.advance(15 * MINUTE - 1);
    await openList(app, early);
    const late = await linkFor(app, inbox, 'soren@example.dk');
    clock.advance(15 * MINUTE);
    expect((await app.request(`/mine/adgang/${late}`)).status).toBe(404);
    const res = await form(app, '/mine/adgang', { link: late });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Linket er brugt eller udløbet');
  });

  it('mails at most three links waiting at once for one address', async () => {
    const { app, inbox } = await mineApp();
    await json(app, '/api/v1/signups', signupBody({ email: 'soren@example.dk' }));
    const before = (await inbox()).length;
    for (let i = 0; i < 5; i++) {
      expect((await form(app, '/mine/link', { email: 'soren@example.dk' })).status).toBe(200);
    }
    expect((await inbox()).length - before).toBe(3);
  });

  it('refuses forms posted from another site, and the link survives the attempt', async () => {
    const { app, inbox } = await mineApp();
    await json(app, '/api/v1/signups', signupBody({ email: 'soren@example.dk' }));
    const before = (await inbox()).length;
    const foreign = await form(
      app,
      '/mine/link',
      { email: 'soren@example.dk' },
      { Origin: 'https://ond.example' },
    );
    expect(foreign.status).toBe(403);
    const crossSite = await form(
      app,
      '/mine/link',
      { email: 'soren@example.dk' },
      { 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(crossSite.status).toBe(403);
    // A sandboxed frame elsewhere sends `Origin: null`, as our own forms do (no-referrer); Sec-Fetch-Site tells them apart.
    const sandboxed = await form(
      app,
      '/mine/link',
      { email: 'soren@example.dk' },
      { Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(sandboxed.status).toBe(403);
    expect((await inbox()).length).toBe(before);
    const own = await form(
      app,
      '/mine/link',
      { email: 'soren@example.dk' },
      { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' },
    );
    expect(own.status).toBe(200);
    expect((await inbox()).length).toBe(before + 1);

    const token = await linkFor(app, inbox, 'soren@example.dk');
    const stolen = await form(
      app,
      '/mine/adgang',
      { link: token },
      { 'Sec-Fetch-Site': 'same-site' },
    );
    expect(stolen.status).toBe(403);
    const { session } = await openList(app, token);
    const erase = await form(
      app,
      '/mine/slet/bekraeft',
      { session },
      { Origin: 'https://ond.example', 'Sec-Fetch-Site': 'cross-site' },
    );
    expect(erase.status).toBe(403);
    expect(await signupsOf(app)).toEqual(['soren@example.dk']);
  });

  it('counts link requests as public writes', async () => {
    const { app } = await mineApp({ rateLimit: { perMinute: 1, burst: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await form(app, '/mine/link', { email: 'x@example.dk' })).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });
});

describe('the resident’s own page', () => {
  it('lists the address’s sign-ups and claims, in any case, and nothing of anyone else', async () => {
    const { app, inbox } = await mineApp();
    await twoResidents(app);
    const { page } = await openList(app, await linkFor(app, inbox, 'ANNA@example.dk'));
    expect(page).toContain('Eftermiddagsbesøg');
    expect(page).toContain('tirsdag 8. december, kl. 15.00–17.00, Plejecenter Solgården');
    expect(page).toContain('Du har en plads.');
    expect(page).toContain('Besøgsven på Plejecenter Solgården');
    expect(page).toContain('Meld afbud<span class="visually-hidden">: Eftermiddagsbesøg');
    expect(page).not.toContain('Bos egen vagt');
    expect(page).not.toMatch(/Bo Berg|bo@example|Lektiecaf/i);
    expect(page).not.toContain('Søren');

    const bo = await openList(app, await linkFor(app, inbox, 'bo@example.dk'));
    expect(bo.page).toContain('Du er nummer 1 på ventelisten.');
    expect(bo.page).toContain('Forlad ventelisten');
    expect(bo.page).toContain('Bos egen vagt');
    expect(bo.page).not.toMatch(/Anna/);
  });

  it('gives up a place: the next in line moves up and is told; another’s claim is out of reach', async () => {
    const { app, inbox } = await mineApp();
    const { shared, anna, bo } = await twoResidents(app);
    const { session } = await openList(app, await linkFor(app, inbox, 'anna@example.dk'));
    // Bo's claim with Anna's page: as unknown as a made-up id.
    const reach = await form(app, '/mine/afmeld', { session, claim: bo.id });
    expect(reach.status).toBe(404);
    expect((await claimsOn(app, shared)).waitlisted.map((c) => c.email)).toEqual(['bo@example.dk']);

    const res = await form(app, '/mine/afmeld', { session, claim: anna.id });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Du har meldt afbud til »Eftermiddagsbesøg«.');
    expect(page).toContain('Du har ingen vagter.');
    const after = await claimsOn(app, shared);
    expect(after.claimed.map((c) => c.email)).toEqual(['bo@example.dk']);
    expect(after.waitlisted).toEqual([]);
    const moved = (await inbox()).at(-1)!;
    expect(moved.to).toMatchObject({ value: [{ address: 'bo@example.dk' }] });
    expect(moved.subject).toMatch(/^Du har fået en plads: Eftermiddagsbesøg/);
  });

  it('exports exactly what is held about the address, as a JSON attachment', async () => {
    const { app, inbox } = await mineApp();
    const { anna } = await twoResidents(app);
    const { session } = await openList(app, await linkFor(app, inbox, 'anna@example.dk'));
    const res = await form(app, '/mine/eksport', { session });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="mine-data-2026-11-30.json"',
    );
    const text = await res.text();
    expect(text).not.toMatch(/bo@example|Bo Berg|Bos egen vagt|cancelToken/);
    const data = JSON.parse(text);
    expect(data.email).toBe('anna@example.dk');
    expect(data.signups).toHaveLength(1);
    expect(data.signups[0]).toMatchObject({
      activityId: 'besoegsven',
      activityTitle: 'Besøgsven på Plejecenter Solgården',
      email: 'anna@example.dk',
      name: 'Søren Ågård',
      phone: '12 34 56 78',
    });
    expect(data.claims).toEqual([
      expect.objectContaining({
        id: anna.id,
        status: 'claimed',
        name: 'Anna Andersen',
        email: 'anna@example.dk',
        shift: expect.objectContaining({
          title: 'Eftermiddagsbesøg',
          start: '2026-12-08T14:00:00.000Z',
        }),
      }),
    ]);
    // Without a good session there is nothing to download.
    expect((await form(app, '/mine/eksport', { session: 'x'.repeat(43) })).status).toBe(401);
  });

  it('erases everything after a confirm step, moves the next up, and mails no link afterwards', async () => {
    const { app, inbox } = await mineApp();
    const { shared, bos } = await twoResidents(app);
    const { session } = await openList(app, await linkFor(app, inbox, 'anna@example.dk'));

    const confirm = await form(app, '/mine/slet', { session });
    expect(confirm.status).toBe(200);
    const asked = await confirm.text();
    expect(asked).toContain('Vi sletter 1 tilmelding og 1 vagt.');
    expect(asked).toContain('action="/mine/slet/bekraeft"');
    // Asking is not erasing.
    expect((await claimsOn(app, shared)).claimed.map((c) => c.email)).toEqual(['anna@example.dk']);

    const done = await form(app, '/mine/slet/bekraeft', { session });
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('Du er slettet.');
    expect(page).toContain('1 tilmelding: Besøgsven på Plejecenter Solgården');
    expect(page).toContain('1 vagt: Eftermiddagsbesøg (tirsdag 8. december, kl. 15.00–17.00)');

    expect(await signupsOf(app)).toEqual(['bo@example.dk']);
    expect((await claimsOn(app, shared)).claimed.map((c) => c.email)).toEqual(['bo@example.dk']);
    expect((await claimsOn(app, bos)).claimed.map((c) => c.email)).toEqual(['bo@example.dk']);
    const mails = await inbox();
    expect(mails.at(-1)!.subject).toMatch(/^Du har fået en plads: Eftermiddagsbesøg/);

    // The page's session went with the data, and a new link finds nothing to mail.
    expect((await form(app, '/mine/vis', { session })).status).toBe(401);
    const count = mails.length;
    expect((await form(app, '/mine/link', { email: 'anna@example.dk' })).status).toBe(200);
    expect(await inbox()).toHaveLength(count);
  });

  it('stops acting for the address 30 minutes after the link was used', async () => {
    const { app, inbox, clock } = await mineApp();
    await json(app, '/api/v1/signups', signupBody({ email: 'soren@example.dk' }));
    const { session } = await openList(app, await linkFor(app, inbox, 'soren@example.dk'));
    clock.advance(30 * MINUTE - 1);
    expect((await form(app, '/mine/vis', { session })).status).toBe(200);
    clock.advance(1);
    const res = await form(app, '/mine/vis', { session });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('Siden er udløbet');
  });
});
