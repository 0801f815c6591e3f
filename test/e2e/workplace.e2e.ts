// A coordinator's whole week in the workplace, in real Chromium and by
// keyboard alone on every form: accept an invitation, make an activity (after
// a refused try), a weekly series through its preview (after a refused try),
// see a resident's sign-up from the widget on a municipal page arrive and mark
// it kontaktet, move a waiting volunteer up, sign in again by e-mail on the
// shift's day and note who came, export both lists; then an admin reads a log
// line for each of those steps. Every workplace page is checked with axe, and
// Oversigt, Tilmeldinger and the Vagtliste at 320 px.
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeatureContext, FeatureFactory } from '../../src/server/feature.js';
import { FEATURES } from '../../src/server/features.js';
import type { Role } from '../../src/server/http/principal.js';
import { workplaceFeature } from '../../src/server/workplace/feature.js';
import { addDays, dateKey } from '../../src/time/calendar.js';
import { fromCopenhagen, toCopenhagen } from '../../src/time/copenhagen.js';
import { ADMIN_TOKEN, useE2e } from '../support/e2e.js';
import { municipalPage } from '../support/host-page.js';
import {
  checkPage,
  downloadByEnter,
  followLink,
  local,
  parseCsv,
  pressButton,
  submitWith,
  tableRows,
  tabTo,
  typeInto,
} from '../support/workplace.js';

/** How far the server's clock is ahead of the real one: the shift's day comes sooner. */
let later = 0;
/** The running server's feature context (a restarted server gives a new one). */
let server: FeatureContext | undefined;

// Published as localhost, as SAMSKAB_PUBLIC_URL would, so the cookie, the
// links in mail and the browser agree on one name (see workplace-passkey.e2e.ts).
const publishedWorkplace: FeatureFactory = async (context) => {
  server = context;
  return workplaceFeature({
    ...context,
    publicOrigin: (c) => local(context.publicOrigin(c)),
    mailOrigin: () => local(context.mailOrigin()),
  });
};

const e2e = useE2e({
  features: FEATURES.map((f) => (f === workplaceFeature ? publishedWorkplace : f)),
  now: () => Date.now() + later,
});

beforeEach(async () => {
  await e2e.newContext({ locale: 'da-DK' });
});
afterEach(() => {
  later = 0;
});

const base = () => local(e2e.server.url);

/** An invitation made on the running server's database; the path that accepts it. */
async function invitation(email: string, name: string, role: Role, activities: string[]) {
  const ctx = server!;
  const token = await ctx.db.write((trx) =>
    ctx.accounts.invite(trx, { email, name, role, activities, by: 'test' }, ctx.clock()),
  );
  return `leder/invitation/${token}`;
}

/** Accepts an invitation by keyboard, skips the passkey step and lands on Oversigt. */
async function accept(page: Page, path: string, name: string) {
  await page.goto(`${base()}${path}`);
  await checkPage(page, 'invitation');
  await typeInto(page, '#wp-name', name);
  await Promise.all([
    page.waitForURL(/\/leder\/konto\/passkeys\?velkommen=1$/),
    page.keyboard.press('Enter'),
  ]);
  expect(await page.getByRole('heading', { name: `Velkommen, ${name}!` }).count()).toBe(1);
  await checkPage(page, 'passkeys, welcome');
  await followLink(page, '/leder');
  expect(await h1(page)).toBe('Oversigt');
}

const h1 = (page: Page) => page.locator('h1').textContent();
const statusText = (page: Page) => page.locator('main [role="status"]').textContent();

/**
 * Types a date into a Chromium date field segment by segment. Their order is
 * the browser's own (its UI language, not the page's), so each order is tried
 * from the first segment until the field holds the date.
 */
async function typeDate(page: Page, selector: string, iso: string) {
  await tabTo(page, selector);
  const [y, m, d] = iso.split('-') as [string, string, string];
  for (const [i, order] of [`${d}${m}${y}`, `${m}${d}${y}`, `${y}${m}${d}`].entries()) {
    if (i > 0) {
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
    }
    await page.keyboard.type(order);
    if ((await page.locator(selector).inputValue()) === iso) break;
  }
  expect(await page.locator(selector).inputValue()).toBe(iso);
}

/** Selects the option of `value` in the focused select with the arrow keys. */
async function chooseOption(page: Page, selector: string, value: string) {
  await tabTo(page, selector);
  await page.keyboard.press('Home');
  for (let i = 0; i < 20 && (await page.locator(selector).inputValue()) !== value; i++) {
    await page.keyboard.press('ArrowDown');
  }
  expect(await page.locator(selector).inputValue()).toBe(value);
}

/** The newest sign-in link the demo server kept for /dev/mail. */
async function signInLinkFromMail(): Promise<string> {
  let path: string | undefined;
  await expect
    .poll(async () => {
      const res = await fetch(`${e2e.server.url}dev/mail`, {
        headers: {
          Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}`,
        },
      });
      const links = [
        ...(await res.text()).matchAll(/\/leder\/log-ind\/[A-Za-z0-9_-]{43}(\?next=[^"\s<&]*)?/g),
      ];
      path = links.at(-1)?.[0];
      return path !== undefined;
    })
    .toBe(true);
  return path!;
}

describe("a coordinator's week in the workplace", () => {
  it('runs from the invitation to the log by keyboard, axe-clean, reflowing at 320 px', async () => {
    const page = e2e.page;
    const karen = 'Karen Koordinator';

    // The first day: the invitation, and Oversigt.
    await accept(
      page,
      await invitation('karen@eksempel.dk', karen, 'coordinator', ['lektiecafe']),
      karen,
    );
    await checkPage(page, 'Oversigt', { reflow: true });

    // A new activity: first sent without a title, then filled in.
    await followLink(page, '/leder/aktiviteter');
    expect(await h1(page)).toBe('Aktiviteter');
    await checkPage(page, 'Aktiviteter');
    await submitWith(page, 'form[action="/leder/aktiviteter"] button[type="submit"]');
    expect(await page.getByRole('alert').getByRole('link').allTextContents()).toHaveLength(1);
    expect(await page.locator('#a-title').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'Aktiviteter, refused');
    await typeInto(page, '#a-title', 'Strikkecafé på biblioteket');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Vi strikker til nyfødte på Hvidovre Hospital.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fællesskab om garn og kaffe.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Opret aktivitet');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    const activityId = /\/leder\/aktiviteter\/([0-9a-f-]{36})\?oprettet=1$/.exec(page.url())?.[1];
    expect(activityId).toBeDefined();
    expect(await statusText(page)).toBe('Aktiviteten er oprettet.');
    expect(await h1(page)).toBe('Strikkecafé på biblioteket');
    await checkPage(page, 'the new activity');

    // A weekly series from the day after tomorrow: first without an end, then three times.
    const today = toCopenhagen(new Date(Date.now()));
    const firstDay = dateKey(addDays(today, 2));
    const firstStart = fromCopenhagen({ ...addDays(today, 2), hour: 17, minute: 0 })!;
    await followLink(page, '/leder/vagter');
    expect(await h1(page)).toBe('Vagter');
    await checkPage(page, 'Vagter');
    await chooseOption(page, '#s-activityId', activityId!);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Strikkecafé');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Hovedbiblioteket, mødelokale 2');
    await typeDate(page, '#s-date', firstDay);
    await tabTo(page, '#s-start');
    await page.keyboard.type('1700');
    await tabTo(page, '#s-end');
    await page.keyboard.type('1900');
    expect([
      await page.locator('#s-start').inputValue(),
      await page.locator('#s-end').inputValue(),
    ]).toEqual(['17:00', '19:00']);
    await tabTo(page, '#s-capacity');
    await page.keyboard.type('1');
    await tabTo(page, '#s-once');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#s-weekly').isChecked()).toBe(true);
    await submitWith(page, 'form[action="/leder/vagter/forhaandsvis"] button[type="submit"]');
    expect(await page.getByRole('alert').textContent()).toContain(
      'Skriv en slutdato eller et antal gange (1–104).',
    );
    await checkPage(page, 'Vagter, refused');
    await typeInto(page, '#s-count', '3');
    await submitWith(page, 'form[action="/leder/vagter/forhaandsvis"] button[type="submit"]');
    expect(await h1(page)).toBe('Forhåndsvisning');
    expect(await page.locator('main').textContent()).toContain(
      'Der oprettes 3 vagter (dansk tid):',
    );
    expect(await page.locator('main ol.wp-list li:not(.wp-dst)').count()).toBe(3);
    await checkPage(page, 'Vagter, preview');
    await submitWith(page, 'form[action="/leder/vagter"] button[type="submit"]');
    expect(page.url()).toMatch(/\/leder\/vagter\?oprettet=3$/);
    expect(await statusText(page)).toBe('3 vagter er oprettet.');
    await checkPage(page, 'Vagter, created');
    const created = page.locator('main h3', { hasText: 'Strikkecafé på biblioteket' });
    const shiftLinks = await page
      .locator('main h3 + ul')
      .filter({ has: page.locator('a', { hasText: 'Strikkecafé' }) })
      .locator('li > a:first-child')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(await created.count()).toBe(1);
    expect(shiftLinks).toHaveLength(3);
    const shiftId = /^\/leder\/vagter\/([0-9a-f-]{36})$/.exec(shiftLinks[0]!)?.[1];
    expect(shiftId).toBeDefined();

    // Two volunteers take the first shift through the widgets' API: one place, one waiting.
    const person = { ageBand: '18-plus', consent: true, waitlist: true };
    const anna = { name: 'Anna Andersen', email: 'anna@example.dk', phone: '20 30 40 50' };
    const bo = { name: 'Bo Berg', email: 'bo@example.dk' };
    for (const [who, key] of [
      [anna, 'week-anna-claim-000001'],
      [bo, 'week-bo-claim-0000001'],
    ] as const) {
      const res = await e2e.post(`shifts/${shiftId}/claims`, key, { ...who, ...person });
      expect(res.status).toBe(201);
    }

    // A resident signs up through the widget on the municipality's own page.
    const host = await e2e.openHostPage(
      (origin) => ({
        html: municipalPage(
          `<samskab-signup-form activity="${activityId}"></samskab-signup-form>`,
          `<script type="module" src="${origin}/samskab.js"></script>`,
        ),
      }),
      { samePort: true },
    );
    const resident = await e2e.browser.newContext({ locale: 'da-DK' });
    try {
      const widgetPage = await resident.newPage();
      await widgetPage.goto(host.url);
      const form = widgetPage.locator('samskab-signup-form');
      await expect.poll(() => form.locator('input').count()).toBeGreaterThan(0);
      await widgetPage.keyboard.press('Tab');
      await widgetPage.keyboard.type('Sofie Sørensen');
      await widgetPage.keyboard.press('Tab');
      await widgetPage.keyboard.type('sofie@example.dk');
      await widgetPage.keyboard.press('Tab'); // phone, optional
      await widgetPage.keyboard.press('Tab');
      await widgetPage.keyboard.type('Strikke og lære andre at strikke');
      await widgetPage.keyboard.press('Tab'); // age band: the first radio
      await widgetPage.keyboard.press('ArrowDown');
      await widgetPage.keyboard.press('ArrowDown'); // 18 or over
      await widgetPage.keyboard.press('Tab'); // consent
      await widgetPage.keyboard.press('Space');
      await widgetPage.keyboard.press('Tab');
      await widgetPage.keyboard.press('Enter');
      await expect
        .poll(() => form.getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
        .toBe(1);
    } finally {
      await resident.close();
    }

    // It arrives: on Oversigt, and in Tilmeldinger, where it is marked kontaktet.
    await page.goto(`${base()}leder`);
    expect(await h1(page)).toBe('Oversigt');
    expect(await page.locator('main li', { hasText: 'Sofie Sørensen' }).textContent()).toContain(
      'Strikkecafé på biblioteket',
    );
    expect(
      await page
        .locator('main li', { has: page.locator(`a[href="/leder/vagter/${shiftId}"]`) })
        .textContent(),
    ).toContain('1 af 1 pladser besat, 1 på venteliste');
    await checkPage(page, 'Oversigt with the sign-up', { reflow: true });
    await followLink(page, '/leder/tilmeldinger');
    expect(await h1(page)).toBe('Tilmeldinger');
    expect(
      await page.locator('main li', { hasText: 'Strikkecafé på biblioteket' }).textContent(),
    ).toContain('1 tilmelding, 1 ny');
    await checkPage(page, 'Tilmeldinger', { reflow: true });
    await followLink(page, `/leder/tilmeldinger?activity=${activityId}`);
    expect(await h1(page)).toBe('Tilmeldinger: Strikkecafé på biblioteket');
    const inbox = await tableRows(page);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.slice(0, 7)).toEqual([
      'Sofie Sørensen',
      'sofie@example.dk',
      '',
      'Strikke og lære andre at strikke',
      '18+',
      expect.any(String),
      'Ny',
    ]);
    await checkPage(page, 'Tilmeldinger, inbox', { reflow: true });
    await pressButton(page, 'Flyt til »Kontaktet«: Sofie Sørensen');
    expect(await statusText(page)).toBe('Sofie Sørensen er flyttet til »Kontaktet«.');
    const moved = (await tableRows(page))[0]!;
    expect(moved[6]).toBe('Kontaktet');
    expect(moved[7]).toMatch(/^Karen Koordinator, /);
    await checkPage(page, 'Tilmeldinger, moved', { reflow: true });
    await tabTo(page, `a[href="/leder/tilmeldinger?activity=${activityId}&format=csv"]`);
    const signupCsv = await downloadByEnter(page);
    expect(signupCsv.name).toBe(`tilmeldinger-${activityId}.csv`);
    const signupRows = parseCsv(signupCsv.text);
    expect(signupRows[0]).toEqual([
      'Navn',
      'E-mail',
      'Telefon',
      'Vil gerne hjælpe med',
      'Alder',
      'Forælders samtykke',
      'Tilmeldt',
      'Status',
      'Ændret af',
      'Ændret',
    ]);
    expect(signupRows.slice(1).map((r) => [r[0], r[1], r[7], r[8]])).toEqual([
      ['Sofie Sørensen', 'sofie@example.dk', 'Kontaktet', karen],
    ]);

    await followLink(page, '/leder/vagter');
    expect(
      await page.locator('main li', { hasText: 'Strikkecafé' }).first().textContent(),
    ).toContain('1 af 1 pladser besat, 1 på venteliste');
    await checkPage(page, 'Vagter, taken');
    await followLink(page, `/leder/vagter/${shiftId}`);
    expect(await h1(page)).toBe('Vagtliste: Strikkecafé');
    expect(await page.locator('main dl').textContent()).toContain('1 af 1 besat, 1 på venteliste');
    expect(await page.locator('main').textContent()).toContain('Ingen ledig plads');
    expect(await page.locator('main').textContent()).toContain(
      'Kan noteres, når vagten er begyndt',
    );
    await checkPage(page, 'Vagtliste, full', { reflow: true });

    // A place comes free while Bo waits. The store itself moves the next in
    // line up on a cancel, an erasure or a larger capacity, so the place is
    // made as test/server/workplace-roster.test.ts makes it: behind its back.
    await sql`UPDATE shifts SET capacity = 2 WHERE id = ${shiftId}`.execute(server!.db.kysely);
    await page.reload();
    await checkPage(page, 'Vagtliste, a free place', { reflow: true });
    await pressButton(page, 'Ryk op: Bo Berg');
    expect(await statusText(page)).toBe('Bo Berg har fået en plads og får besked på e-mail.');
    expect(await page.locator('main dl').textContent()).toContain('2 af 2 besat, 0 på venteliste');
    expect(await page.locator('main').textContent()).toContain('Ingen står på ventelisten.');
    await checkPage(page, 'Vagtliste, moved up', { reflow: true });

    // The shift's day, half an hour in: the session has lapsed, so Karen signs in by e-mail.
    later = firstStart.getTime() + 30 * 60_000 - Date.now();
    await page.goto(`${base()}leder/vagter/${shiftId}`);
    await page.waitForURL(/\/leder\/log-ind\?next=/);
    await checkPage(page, 'sign-in');
    await typeInto(page, '#wp-email', 'karen@eksempel.dk');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await statusText(page)).toContain('Tjek din indbakke');
    await checkPage(page, 'sign-in, link sent');
    const link = await signInLinkFromMail();
    expect(link).toContain(`next=${encodeURIComponent(`/leder/vagter/${shiftId}`)}`);
    await page.goto(`${base()}${link.slice(1)}`);
    await checkPage(page, 'sign-in link');
    await submitWith(page, 'main form button[type="submit"]');
    expect(page.url()).toBe(`${base()}leder/vagter/${shiftId}`);
    expect(await page.locator('main').textContent()).not.toContain('Kan noteres');
    await checkPage(page, 'Vagtliste, begun');

    // Who came, noted by keyboard.
    await pressButton(page, 'Mødt: Anna Andersen');
    expect(await statusText(page)).toBe('Fremmødet er noteret.');
    await pressButton(page, 'Udeblev: Bo Berg');
    expect(await statusText(page)).toBe('Fremmødet er noteret.');
    const held = await tableRows(page, '[aria-labelledby="har-plads"]');
    expect(held.map((r) => [r[0], r[4]])).toEqual([
      [
        'Anna Andersen',
        expect.stringMatching(
          /^Mødt \(Karen Koordinator, .+\)Mødt: Anna Andersen Udeblev: Anna Andersen$/,
        ),
      ],
      [
        'Bo Berg',
        expect.stringMatching(/^Udeblev \(Karen Koordinator, .+\)Mødt: Bo Berg Udeblev: Bo Berg$/),
      ],
    ]);
    await checkPage(page, 'Vagtliste, attendance', { reflow: true });

    // The roster as a spreadsheet.
    await tabTo(page, `a[href="/leder/vagter/${shiftId}?format=csv"]`);
    const rosterCsv = await downloadByEnter(page);
    expect(rosterCsv.name).toBe(`vagtliste-${shiftId}.csv`);
    const rosterRows = parseCsv(rosterCsv.text);
    expect(rosterRows[0]).toEqual([
      'Status',
      'Nr.',
      'Navn',
      'Telefon',
      'E-mail',
      'Alder',
      'Fremmøde',
      'Noteret af',
    ]);
    expect(rosterRows.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ['Plads', '', 'Anna Andersen', '20 30 40 50', 'anna@example.dk', '18+', 'Mødt'],
      ['Plads', '', 'Bo Berg', '', 'bo@example.dk', '18+', 'Udeblev'],
    ]);
    expect(rosterRows[1]![7]).toMatch(/^Karen Koordinator, \d{4}-\d{2}-\d{2}T/);

    // An admin, in a browser of her own, reads the log: a line for each step.
    await e2e.newContext({ locale: 'da-DK' });
    const admin = e2e.page;
    await accept(admin, await invitation('ada@eksempel.dk', 'Ada Admin', 'admin', []), 'Ada Admin');
    await checkPage(admin, 'Oversigt, admin');
    await followLink(admin, '/leder/log');
    expect(await h1(admin)).toBe('Log over adgang til persondata');
    await checkPage(admin, 'Log');
    const log = (await tableRows(admin)).filter((r) => r[1] === karen);
    const lines = log.map(([, , action, subject, , activity, detail]) => [
      action,
      subject,
      activity,
      detail,
    ]);
    const shiftLine = (action: string, detail: string) => [action, 'claim', activityId, detail];
    expect(lines).toEqual(
      expect.arrayContaining([
        ['adgang', 'account', '', 'invitation accepted as coordinator'],
        ['så', 'signup', '', 'Oversigt: new sign-ups'],
        ['ændrede', 'activity', activityId, 'created'],
        ['ændrede', 'shift', activityId, 'created series of 3'],
        ['så', 'signup', activityId, 'inbox, page 1'],
        ['ændrede', 'signup', activityId, 'status ny → kontaktet'],
        ['eksporterede', 'signup', activityId, 'csv, 1 rows'],
        shiftLine('så', `roster ${shiftId}`),
        shiftLine('ændrede', 'waitlisted → claimed'),
        ['loggede ind', 'account', '', 'e-mail'],
        shiftLine('ændrede', 'attendance – → moedt'),
        shiftLine('ændrede', 'attendance – → udeblev'),
        shiftLine('eksporterede', `roster ${shiftId}, csv, 2 rows`),
      ]),
    );
  }, 300_000);
});
