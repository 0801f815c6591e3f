// What residents hear back, through a real SMTP server and parser, on the
// engine the run is for: the sign-up's receipt, a place confirmed with its
// calendar file and cancel link, a place on the waiting list, and a place
// reached from it when someone gives theirs up, each in the language the
// resident used.
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { asAdmin, mailingApp, newKey, newShift, signupBody } from './support.js';

async function residentApp({ trustProxy = false } = {}) {
  const made = await mailingApp({ trustProxy });
  let { app, mail } = made;
  /** The same database served again, as after a restart. */
  const restart = async () => {
    ({ app, mail } = await made.restart());
    return app;
  };
  return {
    get app() {
      return app;
    },
    clock: made.clock,
    /** Every mail sent so far, once the latest app's worker has run. */
    inbox: () => made.inbox(mail),
    smtp: made.smtp,
    restart,
  };
}

type App = Awaited<ReturnType<typeof residentApp>>['app'];
const HOUR = 3_600_000;
const subjects = (mails: ParsedMail[]) => mails.map((m) => m.subject);

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

const claimBody = (n: string, overrides: Record<string, unknown> = {}) => ({
  name: `Frivillig ${n}`,
  email: `${n.toLowerCase()}@example.dk`,
  ageBand: '18-plus',
  consent: true,
  waitlist: true,
  ...overrides,
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
    const id = await newShift(app);
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
    const id = await newShift(app, 1);
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
    const id = await newShift(app, 1);
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

describe('reminders', () => {
  // The shift starts Tuesday 8 December 15.00 Copenhagen (14.00 UTC); the clock starts 30 November.
  const reminderAt = Date.parse('2026-12-07T14:00:00Z');

  it('reminds a day before, once, also across a restart at its time', async () => {
    const r = await residentApp();
    const id = await newShift(r.app);
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'));
    expect(subjects(await r.inbox())).toHaveLength(1);
    r.clock.advance(reminderAt - r.clock.now() - 1_000);
    expect(subjects(await r.inbox())).toHaveLength(1);
    r.clock.advance(2_000);
    // The server restarts just as the reminder is due: the new one sends it, once.
    await r.restart();
    await r.inbox();
    await r.restart();
    const mails = await r.inbox();
    expect(subjects(mails)).toEqual([
      'Din plads er bekræftet: Eftermiddagsbesøg, tirsdag 8. december, kl. 15.00–17.00',
      'Påmindelse: Eftermiddagsbesøg, tirsdag 8. december, kl. 15.00–17.00',
    ]);
    expect(mails[1]!.text).toContain(
      'En påmindelse om, at du har en plads på »Eftermiddagsbesøg«.',
    );
    expect(mails[1]!.text).toMatch(/Meld afbud:\nhttps:\/\/samskab\.eksempel\.dk\/afmeld\//);
  });

  it('sends none for a place taken after the reminder time, or when the activity turned them off', async () => {
    const r = await residentApp();
    const late = await newShift(r.app);
    const off = await newShift(r.app, 1, { activityId: 'lektiecafe' });
    const policy = await r.app.request('/api/v1/shift-policies/lektiecafe', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ cancelDeadlineHours: 0, reminderHours: 0 }),
    });
    expect(await policy.json()).toEqual({ cancelDeadlineHours: 0, reminderHours: 0 });
    await post(r.app, `/api/v1/shifts/${off}/claims`, claimBody('Anna'));
    r.clock.advance(reminderAt - r.clock.now() + HOUR);
    await post(r.app, `/api/v1/shifts/${late}/claims`, claimBody('Bo'));
    r.clock.advance(2 * HOUR);
    expect(subjects(await r.inbox()).filter((s) => s?.startsWith('Påmindelse'))).toEqual([]);
  });

  it('takes the reminder back with the place, gives one to whoever moves up, and never sends one late', async () => {
    const r = await residentApp();
    const id = await newShift(r.app, 1);
    const anna = await (await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'))).json();
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Bo'));
    await r.app.request(`/api/v1/claims/${anna.cancelToken}/cancel`, { method: 'POST' });
    r.clock.advance(reminderAt - r.clock.now() + 1_000);
    const mails = await r.inbox();
    const reminders = mails.filter((m) => m.subject?.startsWith('Påmindelse'));
    expect(reminders.map((m) => m.to)).toMatchObject([{ value: [{ address: 'bo@example.dk' }] }]);

    // A server that was down from before a reminder until after the shift began sends none.
    const next = await newShift(r.app, 1, {
      start: '2026-12-20T15:00:00+01:00',
      end: '2026-12-20T17:00:00+01:00',
    });
    await post(r.app, `/api/v1/shifts/${next}/claims`, claimBody('Cille'));
    await r.inbox();
    const before = r.smtp.received.length;
    r.clock.advance(Date.parse('2026-12-20T15:00:00Z') - r.clock.now());
    expect(await r.inbox()).toHaveLength(before);
  });
});

describe('what a claim says about the claimant’s week, to them alone', () => {
  it('warns by mail of an overlapping shift and of hours past their own cap', async () => {
    const r = await residentApp();
    const a = await newShift(r.app, 5);
    const b = await newShift(r.app, 5, {
      activityId: 'lektiecafe',
      start: '2026-12-08T16:00:00+01:00',
      end: '2026-12-08T19:00:00+01:00',
    });
    await post(r.app, `/api/v1/shifts/${a}/claims`, claimBody('Anna', { loadCapHours: 4 }));
    const second = await post(
      r.app,
      `/api/v1/shifts/${b}/claims`,
      claimBody('Anna', { loadCapHours: 4 }),
    );
    // The answer holds this shift's hours alone.
    expect(await second.json()).toMatchObject({ weekHours: 3, overCap: false });
    const [first, warned] = await r.inbox();
    expect(first!.text).not.toContain('Bemærk');
    expect(warned!.text).toContain('Bemærk: Du har allerede en vagt på samme tid.');
    expect(warned!.text).toContain('Med denne vagt har du 5 timer i den uge – mere end de 4 timer');
  });
});

describe('a coordinator changes or cancels a shift', () => {
  const patch = (app: App, id: string, body: unknown) =>
    app.request(`/api/v1/shifts/${id}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify(body),
    });

  it('tells everyone on it why and what it is now, with a new calendar file, and moves the reminder', async () => {
    const r = await residentApp();
    const id = await newShift(r.app, 1);
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'));
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Bo'), 'en');
    await r.inbox();
    const before = r.smtp.received.length;
    const res = await patch(r.app, id, {
      start: '2026-12-09T15:00:00+01:00',
      end: '2026-12-09T17:00:00+01:00',
      reason: 'Beboerne har fællesspisning tirsdag.',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      start: '2026-12-09T15:00:00+01:00',
      taken: 1,
      waiting: 1,
    });
    const changed = (await r.inbox()).slice(before);
    const anna = changed.find((m) => m.text?.includes('Kære Frivillig Anna'));
    const bo = changed.find((m) => m.text?.includes('Dear Frivillig Bo'));
    expect(anna!.subject).toBe('Ændret: Eftermiddagsbesøg, onsdag 9. december, kl. 15.00–17.00');
    expect(anna!.text).toContain('Hvorfor: Beboerne har fællesspisning tirsdag.');
    expect(anna!.text).toContain('Før: Eftermiddagsbesøg, tirsdag 8. december, kl. 15.00–17.00');
    expect(anna!.text).toContain('Du har stadig din plads.');
    const root = new ICAL.Component(ICAL.parse(anna!.attachments[0]!.content.toString('utf8')));
    for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const event = new ICAL.Event(root.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-09T14:00:00.000Z');
    expect(bo!.subject).toBe('Changed: Eftermiddagsbesøg, Wednesday 9 December, 15:00–17:00');
    expect(bo!.text).toContain('You are still on the waiting list, as number 1.');
    expect(bo!.attachments).toEqual([]);

    // The reminder moved with the shift: none on the old day, one on the new.
    r.clock.advance(Date.parse('2026-12-07T14:30:00Z') - r.clock.now());
    const quiet = (await r.inbox()).length;
    r.clock.advance(Date.parse('2026-12-08T14:30:00Z') - r.clock.now());
    const reminders = (await r.inbox()).slice(quiet);
    expect(subjects(reminders)).toEqual([
      'Påmindelse: Eftermiddagsbesøg, onsdag 9. december, kl. 15.00–17.00',
    ]);
  });

  it('gives new places to the first in line, and refuses fewer places than are taken or no reason', async () => {
    const r = await residentApp();
    const id = await newShift(r.app, 1);
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'));
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Bo'));
    const noReason = await patch(r.app, id, { capacity: 2 });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors[0]).toMatchObject({
      path: 'reason',
      code: 'error.reason.required',
    });
    const more = await patch(r.app, id, { capacity: 2, reason: 'Vi har fået en bil mere.' });
    expect(await more.json()).toMatchObject({ capacity: 2, taken: 2, waiting: 0 });
    const bo = (await r.inbox()).find(
      (m) => m.subject?.startsWith('Ændret') && m.text?.includes('Kære Frivillig Bo'),
    );
    expect(bo!.text).toContain('som den første på ventelisten har du fået en');
    const fewer = await patch(r.app, id, { capacity: 1, reason: 'Bilen er i stykker.' });
    expect(fewer.status).toBe(409);
    expect((await fewer.json()).errors[0]).toMatchObject({
      path: 'capacity',
      code: 'error.shift.capacityTaken',
      message: 'Der er allerede 2 på vagten; der skal være mindst så mange pladser.',
    });
  });

  it('tells everyone on a cancelled shift why, and takes their reminders back', async () => {
    const r = await residentApp();
    const id = await newShift(r.app, 1);
    const plain = await newShift(r.app, 1, { activityId: 'lektiecafe' });
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'));
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Bo'));
    await post(r.app, `/api/v1/shifts/${plain}/claims`, claimBody('Cille'));
    const cancel = await r.app.request(`/api/v1/shifts/${id}/cancel`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ reason: 'Plejecentret har influenza.' }),
    });
    expect(cancel.status).toBe(204);
    const deleted = await r.app.request(`/api/v1/shifts/${plain}`, {
      method: 'DELETE',
      headers: asAdmin(),
    });
    expect(deleted.status).toBe(204);
    // Mails due at the same moment go in no set order: sorted by address.
    const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0]!.address! : '');
    const cancelled = (await r.inbox())
      .filter((m) => m.subject?.startsWith('Aflyst'))
      .sort((a, b) => to(a).localeCompare(to(b)));
    expect(cancelled.map(to)).toEqual(['anna@example.dk', 'bo@example.dk', 'cille@example.dk']);
    expect(cancelled[0]!.text).toContain('er aflyst, så din plads på den er væk');
    expect(cancelled[0]!.text).toContain('Hvorfor: Plejecentret har influenza.');
    expect(cancelled[2]!.text).not.toContain('Hvorfor');
    r.clock.advance(Date.parse('2026-12-07T14:30:00Z') - r.clock.now());
    expect(subjects(await r.inbox()).filter((s) => s?.startsWith('Påmindelse'))).toEqual([]);
    expect(
      (
        await r.app.request(`/api/v1/shifts/${id}/cancel`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...asAdmin() },
          body: JSON.stringify({ reason: 'Igen.' }),
        })
      ).status,
    ).toBe(404);
  });
});

describe('the invitation to reflect', () => {
  it('comes when the shift ends, with a link whose token makes one reflection count', async () => {
    const r = await residentApp();
    const id = await newShift(r.app, 1);
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'), 'en');
    r.clock.advance(Date.parse('2026-12-08T15:59:00Z') - r.clock.now());
    expect(subjects(await r.inbox()).filter((s) => s?.startsWith('How did it go'))).toEqual([]);
    r.clock.advance(2 * 60_000);
    const invitation = (await r.inbox()).find(
      (m) => m.subject === 'How did it go? Eftermiddagsbesøg',
    );
    expect(invitation!.text).toContain('Thank you for your shift on “Eftermiddagsbesøg”.');
    const link = /Reflect on the shift:\n(\S+)/.exec(invitation!.text ?? '')?.[1];
    const url = new URL(link!);
    expect(url.origin + url.pathname).toBe('https://samskab.eksempel.dk/embed/reflection-prompt');
    expect(url.searchParams.get('activity')).toBe('besoegsven');
    expect(url.searchParams.get('lang')).toBe('en');
    // The hosted page the link opens serves the widget.
    expect((await r.app.request(url.pathname + url.search)).status).toBe(200);

    const reflect = () =>
      post(r.app, '/api/v1/reflections', {
        activityId: 'besoegsven',
        questionSetVersion: 0,
        answers: {
          meaning: 'yes',
          energy: 4,
          load: 'right',
          ownership: 'partly',
          belonging: 'yes',
        },
        invitation: url.searchParams.get('invitation'),
      });
    const first = await reflect();
    expect(first.status).toBe(201);
    expect((await first.json()).invited).toBe(true);
    // Used once: a second answer with it does not count.
    expect((await (await reflect()).json()).invited).not.toBe(true);
  });

  it('goes with the place when it is given up before the shift', async () => {
    const r = await residentApp();
    const id = await newShift(r.app, 1);
    const anna = await (await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'))).json();
    await r.app.request(`/api/v1/claims/${anna.cancelToken}/cancel`, { method: 'POST' });
    r.clock.advance(Date.parse('2026-12-08T17:00:00Z') - r.clock.now());
    expect(subjects(await r.inbox()).filter((s) => s?.startsWith('Hvordan gik det'))).toEqual([]);
  });
});

describe('mail that must not go', () => {
  it('links to the public address whatever host the request that caused the mail named', async () => {
    const r = await residentApp({ trustProxy: true });
    const id = await newShift(r.app, 1);
    const anna = await (await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'))).json();
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Bo'));
    await r.app.request(`/api/v1/claims/${anna.cancelToken}/cancel`, {
      method: 'POST',
      headers: { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' },
    });
    const movedUp = (await r.inbox()).find((m) => m.subject?.startsWith('Du har fået en plads'));
    expect(movedUp!.text).toContain('https://samskab.eksempel.dk/afmeld/');
    expect(JSON.stringify(r.smtp.received.map((m) => [m.text, m.html]))).not.toContain(
      'evil.example',
    );
  });

  it('takes back an erased sign-up’s mail that has not gone yet', async () => {
    const r = await residentApp();
    await r.smtp.down();
    const res = await post(r.app, '/api/v1/signups', signupBody());
    const { id } = await res.json();
    await r.inbox();
    const erased = await r.app.request(`/api/v1/signups/${id}`, {
      method: 'DELETE',
      headers: asAdmin(),
    });
    expect(erased.status).toBe(204);
    await r.smtp.up();
    r.clock.advance(2 * HOUR);
    expect(await r.inbox()).toEqual([]);
  });

  it('tells no one a shift is cancelled when it is deleted after it ended', async () => {
    const r = await residentApp();
    const id = await newShift(r.app, 1);
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'));
    r.clock.advance(Date.parse('2026-12-09T09:00:00Z') - r.clock.now());
    await r.inbox();
    const before = r.smtp.received.length;
    expect(
      (await r.app.request(`/api/v1/shifts/${id}`, { method: 'DELETE', headers: asAdmin() }))
        .status,
    ).toBe(204);
    expect(await r.inbox()).toHaveLength(before);
  });

  it('keeps an invitation valid for 30 days from the end of a shift claimed long before', async () => {
    const r = await residentApp();
    const id = await newShift(r.app, 1, {
      start: '2027-01-20T15:00:00+01:00',
      end: '2027-01-20T17:00:00+01:00',
    });
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'));
    r.clock.advance(Date.parse('2027-01-20T16:05:00Z') - r.clock.now());
    const invitation = (await r.inbox()).find((m) => m.subject?.startsWith('Hvordan gik det'));
    // Three weeks after the shift, ten weeks after the claim.
    r.clock.advance(Date.parse('2027-02-10T09:00:00Z') - r.clock.now());
    const token = new URL(
      /Reflektér over vagten:\n(\S+)/.exec(invitation!.text ?? '')![1]!,
    ).searchParams.get('invitation');
    const res = await post(r.app, '/api/v1/reflections', {
      activityId: 'besoegsven',
      questionSetVersion: 0,
      answers: { meaning: 'yes', energy: 4, load: 'right', ownership: 'partly', belonging: 'yes' },
      invitation: token,
    });
    expect((await res.json()).invited).toBe(true);
  });
});

describe('an activity’s own reflection page', () => {
  it('is where the invitation links, when the coordinator set one', async () => {
    const r = await residentApp();
    const put = (body: unknown) =>
      r.app.request('/api/v1/activities/besoegsven/reflection-settings', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...asAdmin() },
        body: JSON.stringify(body),
      });
    const bad = await put({ openReflections: false, reflectionUrl: 'javascript:alert(1)' });
    expect((await bad.json()).errors[0]).toMatchObject({
      path: 'reflectionUrl',
      code: 'error.reflection.url',
    });
    const own = 'https://www.eksempel.dk/frivillig/refleksion?kilde=mail';
    const set = await put({ openReflections: false, reflectionUrl: own });
    expect(await set.json()).toEqual({
      activityId: 'besoegsven',
      openReflections: false,
      reflectionUrl: own,
    });
    const id = await newShift(r.app, 1);
    await post(r.app, `/api/v1/shifts/${id}/claims`, claimBody('Anna'));
    r.clock.advance(Date.parse('2026-12-08T16:05:00Z') - r.clock.now());
    const mail = (await r.inbox()).find((m) => m.subject?.startsWith('Hvordan gik det'));
    const link = new URL(/Reflektér over vagten:\n(\S+)/.exec(mail!.text ?? '')![1]!);
    expect(link.origin + link.pathname).toBe('https://www.eksempel.dk/frivillig/refleksion');
    expect(link.searchParams.get('kilde')).toBe('mail');
    expect(link.searchParams.get('invitation')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Null goes back to the hosted page.
    expect(await (await put({ openReflections: false, reflectionUrl: null })).json()).toMatchObject(
      {
        reflectionUrl: null,
      },
    );
  });
});
