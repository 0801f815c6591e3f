// Indsigt og sletning in the workplace, on the engine the run is for: an admin
// looks an address up, downloads what is held as JSON, and erases it after a
// confirmation, as a resident's own erasure in Mine vagter would (whoever
// waits moves up and is told, unsent mail is withdrawn), each step in the
// audit log; a coordinator and another site get nowhere.
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { openAuditLog } from '../../src/server/audit/log.js';
import { openReflectionStore } from '../../src/server/reflections/store.js';
import { openShiftStore } from '../../src/server/shifts/store.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { mailingApp, newKey, newShift, postSignup, signedIn, signupBody } from './support.js';

const SOREN = 'soren@example.dk';

/** Every feature with a real SMTP server, and Søren's sign-up, place and reflection beside others'. */
async function insightApp() {
  const { app, db, clock, activities, inbox } = await mailingApp();
  const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey(), ...headers },
      body: JSON.stringify(body),
    });

  expect((await postSignup(app, signupBody({ email: 'Soren@Example.dk ' }))).status).toBe(201);
  expect(
    (await postSignup(app, signupBody({ name: 'Else', email: 'else@example.dk' }))).status,
  ).toBe(201);
  const shiftId = await newShift(app, 1);
  const claim = (name: string, email: string) =>
    json(`/api/v1/shifts/${shiftId}/claims`, {
      name,
      email,
      ageBand: '18-plus',
      consent: true,
      waitlist: true,
    });
  expect((await claim('Søren Ågård', SOREN)).status).toBe(201);
  expect((await claim('Bo Berg', 'bo@example.dk')).status).toBe(201);
  const reflect = (contact: string, note: string) =>
    json('/api/v1/reflections', {
      activityId: 'besoegsven',
      questionSetVersion: 0,
      answers: { meaning: 'yes', energy: 4, load: 'right', note },
      contact,
    });
  expect((await reflect('SOREN@example.dk', 'Ring <gerne>')).status).toBe(201);
  expect((await reflect('12345678', 'En anden')).status).toBe(201);

  const signups = await openSignupStore(db, activities);
  const shifts = await openShiftStore(db);
  const reflections = await openReflectionStore(db, activities);
  const audit = await openAuditLog(db, () => new Date(clock.now()));
  const contacts = async () =>
    (await reflections.reflectionsSince('besoegsven', new Date(0))).map((r) => r.contact);
  const admin = await signedIn(db, { role: 'admin', name: 'Anne Admin' });
  return { app, db, clock, admin, signups, shifts, contacts, audit, inbox };
}

const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : '');

describe('Indsigt og sletning', () => {
  it('is for admins only: a coordinator gets 403, and nobody signed out gets in', async () => {
    const { app, db, signups, audit } = await insightApp();
    const coordinator = await signedIn(db, { role: 'coordinator', activities: ['besoegsven'] });
    const page = await app.request('/leder/indsigt', { headers: coordinator.headers });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Kun administratorer ser denne side.');
    for (const path of [
      '/leder/indsigt',
      '/leder/indsigt/eksport',
      '/leder/indsigt/slet',
      '/leder/indsigt/slet/bekraeft',
    ]) {
      const res = await app.request(path, coordinator.form({ email: SOREN }));
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).not.toContain('Ågård');
    }
    const anon = await app.request('/leder/indsigt');
    expect(anon.status).toBe(303);
    expect(anon.headers.get('Location')).toBe('/leder/log-ind?next=%2Fleder%2Findsigt');
    expect(await signups.listByEmail(SOREN)).toHaveLength(1);
    expect(await audit.search({ text: SOREN })).toEqual([]);
    // The admins' navigation links it; a coordinator's does not.
    const home = async (headers: Record<string, string>) =>
      (await app.request('/leder', { headers })).text();
    expect(await home(coordinator.headers)).not.toContain('href="/leder/indsigt"');
  });

  it('shows everything held about an address, in any case, and logs the lookup', async () => {
    const { app, admin, audit } = await insightApp();
    const form = await app.request('/leder/indsigt', { headers: admin.headers });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('<form method="post" action="/leder/indsigt"');

    const res = await app.request('/leder/indsigt', admin.form({ email: ' SOREN@Example.DK' }));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Det har vi om soren@example.dk');
    expect(page).toContain('Højtlæsning om tirsdagen, Æblevej 5, Ærøskøbing');
    expect(page).toContain('Eftermiddagsbesøg, Besøgsven');
    expect(page).toContain('<dd>har en plads</dd>');
    expect(page).toContain('<dd>SOREN@example.dk</dd>');
    // Escaped, and nobody else's.
    expect(page).toContain('Ring &lt;gerne&gt;');
    expect(page).not.toContain('Else');
    expect(page).not.toContain('Bo Berg');
    expect(page).not.toContain('12345678');
    expect(page).toContain('action="/leder/indsigt/slet"');
    // Searched by the address, found by the reference the log keeps instead of it.
    expect(await audit.search({ text: SOREN })).toMatchObject([
      {
        action: 'view',
        subject: 'email',
        subjectId: audit.emailRef(SOREN),
        actorName: 'Anne Admin',
        detail: '1 sign-ups, 1 claims, 1 reflections',
      },
    ]);

    const english = await app.request(
      '/leder/indsigt',
      admin.form({ email: 'ingen@example.dk' }, { 'Accept-Language': 'en' }),
    );
    expect(await english.text()).toContain('Samskab holds nothing about this address.');
    const bad = await app.request('/leder/indsigt', admin.form({ email: 'ikke en adresse' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('aria-invalid="true"');
  });

  it('exports it as JSON, without the cancel link’s key, and logs the export', async () => {
    const { app, admin, audit } = await insightApp();
    const res = await app.request('/leder/indsigt/eksport', admin.form({ email: SOREN }));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="samskab-indsigt.json"',
    );
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const text = await res.text();
    const held = JSON.parse(text) as {
      email: string;
      signups: { name: string; activity: string }[];
      claims: { status: string; shift: { title: string } }[];
      reflections: { contact: string; note: string }[];
    };
    expect(held.email).toBe(SOREN);
    expect(held.signups).toMatchObject([{ name: 'Søren Ågård', activity: expect.any(String) }]);
    expect(held.claims).toMatchObject([
      { status: 'claimed', shift: { title: 'Eftermiddagsbesøg' } },
    ]);
    expect(held.reflections).toMatchObject([{ contact: 'SOREN@example.dk', note: 'Ring <gerne>' }]);
    expect(text).not.toMatch(/cancelToken|[A-Za-z0-9_-]{43}/);
    expect((await audit.search({ text: 'export' })).map((l) => [l.subject, l.subjectId])).toEqual([
      ['email', audit.emailRef(SOREN)],
    ]);
    expect(JSON.stringify(await audit.search())).not.toMatch(/soren@/i);
  });

  it('erases it after a confirmation: the next in line moves up and is told, unsent mail is withdrawn', async () => {
    const { app, admin, signups, shifts, contacts, audit, inbox } = await insightApp();
    const ask = await app.request('/leder/indsigt/slet', admin.form({ email: SOREN }));
    expect(ask.status).toBe(200);
    const question = await ask.text();
    expect(question).toContain('Du er ved at slette 1 tilmelding(er) og 1 vagt(er)');
    expect(question).toContain('action="/leder/indsigt/slet/bekraeft"');
    // Asking erased nothing.
    expect(await signups.listByEmail(SOREN)).toHaveLength(1);

    // Not from another site, nor without the form token.
    const cross = await app.request(
      '/leder/indsigt/slet/bekraeft',
      admin.form({ email: SOREN }, { 'Sec-Fetch-Site': 'cross-site' }),
    );
    expect(cross.status).toBe(403);
    const forged = await app.request(
      '/leder/indsigt/slet/bekraeft',
      admin.form({ email: SOREN, csrf: 'x'.repeat(43) }),
    );
    expect(forged.status).toBe(403);
    expect(await signups.listByEmail(SOREN)).toHaveLength(1);

    const done = await app.request('/leder/indsigt/slet/bekraeft', admin.form({ email: SOREN }));
    expect(done.status).toBe(200);
    const page = await done.text();
    expect(page).toContain('Alt om soren@example.dk er slettet.');
    expect(page).toContain('1 tilmelding(er) og 1 vagt(er) slettet; adressen fjernet fra 1');

    expect(await signups.listByEmail(SOREN)).toEqual([]);
    expect(await shifts.claimsByEmail(SOREN)).toEqual([]);
    expect(await contacts()).toEqual([null, '12345678']);
    // Others' are untouched, and Bo has the place now.
    expect(await signups.listByEmail('else@example.dk')).toHaveLength(1);
    expect((await shifts.claimsByEmail('bo@example.dk')).map((c) => c.claim.status)).toEqual([
      'claimed',
    ]);

    const mails = await inbox();
    expect(mails.filter((m) => to(m) === SOREN)).toEqual([]);
    expect(
      mails.some((m) => to(m) === 'bo@example.dk' && m.subject?.startsWith('Du har fået en plads')),
    ).toBe(true);
    expect(mails.some((m) => to(m) === 'else@example.dk')).toBe(true);

    const erased = (await audit.search({ text: 'erase' })).map((l) => l.subject).sort();
    expect(erased).toEqual(['claim', 'email', 'reflection', 'signup']);
    const line = (await audit.search({ text: `erase ${SOREN}` }))[0];
    expect(line).toMatchObject({
      actorName: 'Anne Admin',
      subject: 'email',
      detail: '1 sign-ups, 1 claims, 1 reflection contacts',
    });
    // The log says who erased the address without holding it.
    expect(JSON.stringify(await audit.search())).not.toMatch(/soren@/i);

    // Looked up again: nothing left.
    const again = await app.request('/leder/indsigt', admin.form({ email: SOREN }));
    expect(await again.text()).toContain('Samskab har intet om denne adresse.');
  });
});
