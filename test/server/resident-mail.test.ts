// What residents hear back, through a real SMTP server and parser, on the
// engine the run is for: the sign-up's receipt, a place confirmed with its
// calendar file and cancel link, a place on the waiting list, and a place
// reached from it when someone gives theirs up, each in the language the
// resident used.
import { join } from 'node:path';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { DEMO_ACTIVITIES } from '../../src/server/activities/demo.js';
import { openActivityStore } from '../../src/server/activities/store.js';
import { createApp } from '../../src/server/app.js';
import { smtpTransport } from '../../src/server/mail/transport.js';
import { startSmtp } from '../support/smtp.js';
import {
  ADMIN_TOKEN,
  afterTest,
  asAdmin,
  freshDb,
  manualClock,
  newKey,
  signupBody,
  tempDir,
} from './support.js';

const PUBLIC = 'https://samskab.eksempel.dk';

async function residentApp() {
  const smtp = await startSmtp();
  afterTest(() => smtp.close());
  const { db } = await freshDb();
  await (await openActivityStore(db)).seed(DEMO_ACTIVITIES, new Date('2026-11-01T08:00:00Z'));
  const clock = manualClock(Date.parse('2026-11-30T09:00:00Z'));
  const transport = smtpTransport(smtp.url, 'Eksempel Kommune <frivillig@eksempel.dk>');
  afterTest(() => transport.close());
  const { app, mail } = await createApp({
    db,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: [],
    widgetsDir: join(tempDir(), 'no-widgets'),
    rateLimit: false,
    now: clock.now,
    publicUrl: PUBLIC,
    site: { name: 'Eksempel Kommune', processor: '' },
    mailTransport: transport,
  });
  /** Every mail sent so far, once the worker has run. */
  const inbox = async (): Promise<ParsedMail[]> => {
    await mail.worker.run();
    return smtp.received;
  };
  return { app, clock, inbox, smtp };
}

type App = Awaited<ReturnType<typeof residentApp>>['app'];

const post = (app: App, path: string, body: unknown, lang = 'da') =>
  app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': newKey(),
      'Accept-Language': lang,
    },
    body: JSON.stringify(body),
  });

async function shift(app: App, capacity = 1) {
  const res = await app.request('/api/v1/shifts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...asAdmin() },
    body: JSON.stringify({
      activityId: 'besoegsven',
      title: 'Eftermiddagsbesøg',
      location: 'Plejecenter Solgården',
      start: '2026-12-08T15:00:00+01:00',
      end: '2026-12-08T17:00:00+01:00',
      capacity,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }[])[0]!.id;
}

const claimBody = (n: string) => ({
  name: `Frivillig ${n}`,
  email: `${n.toLowerCase()}@example.dk`,
  ageBand: '18-plus',
  consent: true,
  waitlist: true,
});

describe('mail to residents', () => {
  it('tells a resident who signs up that the sign-up arrived, what happens next and how to withdraw', async () => {
    const { app, inbox } = await residentApp();
    expect((await post(app, '/api/v1/signups', signupBody())).status).toBe(201);
    const [mail] = await inbox();
    expect(mail!.to).toMatchObject({ value: [{ address: 'soren@example.dk' }] });
    expect(mail!.subject).toBe('Vi har fået din tilmelding: Besøgsven på Plejecenter Solgården');
    expect(mail!.text).toContain('Kære Søren Ågård');
    expect(mail!.text).toContain('En koordinator kontakter dig');
    expect(mail!.text).toContain('Svar på denne mail og sig det, så sletter vi din tilmelding');
    expect(mail!.text).toContain('Det slettes 12 måneder efter');
    expect(mail!.text).toContain('Datatilsynet');
    expect(mail!.text).toContain('Venlig hilsen\nEksempel Kommune');
    expect(mail!.html).toContain('<html lang="da">');
    // No images, pixels or scripts: nothing that reports back.
    expect(mail!.html).not.toMatch(/<img|<script|https?:\/\/(?!samskab\.eksempel\.dk)/);
  });

  it('writes in English to a resident whose browser asked for English, and escapes what they typed', async () => {
    const { app, inbox } = await residentApp();
    const body = signupBody({ name: 'Ann <b>Lee</b>' });
    expect((await post(app, '/api/v1/signups', body, 'en-GB,en;q=0.9')).status).toBe(201);
    const [mail] = await inbox();
    expect(mail!.subject).toBe('We have your sign-up: Besøgsven på Plejecenter Solgården');
    expect(mail!.text).toContain('Dear Ann <b>Lee</b>');
    expect(mail!.html).toContain('Dear Ann &lt;b&gt;Lee&lt;/b&gt;');
    expect(mail!.html).toContain('<html lang="en">');
  });

  it('sends one mail for a sign-up retried with its key, and none for one refused', async () => {
    const { app, inbox } = await residentApp();
    const key = newKey();
    const send = (body: unknown) =>
      app.request('/api/v1/signups', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });
    expect((await send(signupBody())).status).toBe(201);
    expect((await send(signupBody())).status).toBe(201);
    expect((await post(app, '/api/v1/signups', signupBody({ activityId: 'nope' }))).status).toBe(
      400,
    );
    expect(await inbox()).toHaveLength(1);
  });

  it('confirms a place with the shift as a calendar file at the right instant and a cancel link that works', async () => {
    const { app, inbox } = await residentApp();
    const id = await shift(app);
    expect((await post(app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'))).status).toBe(201);
    const [mail] = await inbox();
    expect(mail!.subject).toBe(
      'Din plads er bekræftet: Eftermiddagsbesøg, tirsdag 8. december, kl. 15.00–17.00',
    );
    expect(mail!.text).toContain(
      'Hvornår og hvor: tirsdag 8. december, kl. 15.00–17.00, Plejecenter Solgården.',
    );
    const link = /Meld afbud:\n(\S+)/.exec(mail!.text ?? '')?.[1];
    expect(link).toMatch(/^https:\/\/samskab\.eksempel\.dk\/afmeld\/[A-Za-z0-9_-]{43}$/);
    expect(mail!.html).toContain(`<a href="${link}">Meld afbud</a>`);

    const [ics] = mail!.attachments;
    expect(ics!.filename).toBe('vagt.ics');
    const root = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')));
    for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const event = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-08T14:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-12-08T16:00:00.000Z');
    expect(event.component.getFirstPropertyValue('url')).toBe(link);

    // The link in the mail is the one that gives the place up.
    const page = await app.request(new URL(link!).pathname, { method: 'POST' });
    expect(page.status).toBe(200);
  });

  it('tells the second their place on the waiting list, and writes when they move up', async () => {
    const { app, inbox } = await residentApp();
    const id = await shift(app, 1);
    const first = await post(app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'));
    expect((await post(app, `/api/v1/shifts/${id}/claims`, claimBody('Bo'), 'en')).status).toBe(
      201,
    );
    const mails = await inbox();
    expect(mails.map((m) => m.subject)).toEqual([
      'Din plads er bekræftet: Eftermiddagsbesøg, tirsdag 8. december, kl. 15.00–17.00',
      'Waiting list, number 1: Eftermiddagsbesøg',
    ]);
    expect(mails[1]!.attachments).toEqual([]);
    expect(mails[1]!.text).toContain(
      'Leave the waiting list:\nhttps://samskab.eksempel.dk/afmeld/',
    );
    expect(mails[1]!.text).toContain('?lang=en');

    const { cancelToken } = await first.json();
    expect(
      (await app.request(`/api/v1/claims/${cancelToken}/cancel`, { method: 'POST' })).status,
    ).toBe(204);
    const after = await inbox();
    expect(after).toHaveLength(3);
    expect(after[2]!.to).toMatchObject({ value: [{ address: 'bo@example.dk' }] });
    expect(after[2]!.subject).toBe(
      'You have a place: Eftermiddagsbesøg, Tuesday 8 December, 15:00–17:00',
    );
    expect(after[2]!.text).toContain('as the first on the waiting list you have it now');
    expect(after[2]!.attachments.map((a) => a.filename)).toEqual(['vagt.ics']);
  });

  it('writes to whoever moves up when the admin erases a claim', async () => {
    const { app, inbox } = await residentApp();
    const id = await shift(app, 1);
    const first = await (await post(app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'))).json();
    await post(app, `/api/v1/shifts/${id}/claims`, claimBody('Bo'));
    const erased = await app.request(`/api/v1/claims/by-id/${first.id}`, {
      method: 'DELETE',
      headers: asAdmin(),
    });
    expect(erased.status).toBe(204);
    const mails = await inbox();
    expect(mails.at(-1)!.subject).toMatch(/^Du har fået en plads: Eftermiddagsbesøg/);
  });
});
