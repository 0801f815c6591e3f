// <samskab-shift-calendar> in real Chromium, on a municipal page of another
// origin under a strict CSP: claims by keyboard in every view, the waitlist
// offer after a lost race, cancelling by link, .ics feeds, a visitor in New York.
import { describe, expect, it } from 'vitest';
import { ClaimReceipt, ShiftClaims } from '../../src/schemas/claim.js';
import { activitiesFeature } from '../../src/server/activities/feature.js';
import { embedFeature } from '../../src/server/embed/feature.js';
import { shiftsFeature } from '../../src/server/shifts/feature.js';
import { axeViolations } from '../support/browser.js';
import { useE2e } from '../support/e2e.js';

const e2e = useE2e({ features: [activitiesFeature, shiftsFeature, embedFeature] });

const calendar = () => e2e.page.locator('samskab-shift-calendar');
const status = () => calendar().locator('[role="status"]');

/** Tuesday 8 January 2030, 17.00–19.00 in Copenhagen: far enough ahead to stay claimable. */
const TUESDAY = { start: '2030-01-08T17:00:00+01:00', end: '2030-01-08T19:00:00+01:00' };
const TUESDAY_TEXT = 'tirsdag 8. januar, kl. 17.00–19.00';

async function createShift(overrides: Record<string, unknown> = {}) {
  const res = await e2e.admin('shifts', {
    method: 'POST',
    body: JSON.stringify({
      activityId: 'besoegsven',
      title: 'Eftermiddagsbesøg',
      location: 'Plejecenter Solgården',
      capacity: 3,
      ...TUESDAY,
      ...overrides,
    }),
  });
  expect(res.status).toBe(201);
  const [shift] = (await res.json()) as [{ id: string }];
  return shift.id;
}

async function claimsOf(id: string) {
  const res = await e2e.admin(`shifts/${id}/claims`);
  return ShiftClaims.parse(await res.json());
}

/** Opens a page of its own origin holding `markup` ({{server}} is the server's origin). */
async function open(markup: string, options: { width?: number } = {}) {
  if (options.width) await e2e.page.setViewportSize({ width: options.width, height: 800 });
  await e2e.openWidgetPage(markup, { csp: true });
  await e2e.page.evaluate(() => {
    const w = window as unknown as { events: string[] };
    w.events = [];
    for (const type of ['samskab-claim', 'samskab-cancel']) {
      document.addEventListener(type, (e) => {
        const { shiftId, status } = e as unknown as { shiftId: string; status?: string };
        w.events.push(`${type}:${shiftId}:${status ?? ''}`);
      });
    }
  });
}

const events = () => e2e.page.evaluate(() => (window as unknown as { events: string[] }).events);

/** From the claim form's heading: fills the person by keyboard alone and submits. */
async function fillAndSubmit(name: string, email: string, loadCap = '') {
  await e2e.page.keyboard.press('Tab');
  await fillFromName(name, email, loadCap);
}

/** With the name field focused: fills the person by keyboard alone and submits. */
async function fillFromName(name: string, email: string, loadCap = '') {
  const k = e2e.page.keyboard;
  await k.type(name);
  await k.press('Tab');
  await k.type(email);
  await k.press('Tab'); // phone, optional
  await k.press('Tab'); // age band: the first radio
  await k.press('ArrowDown');
  await k.press('ArrowDown'); // 18 or over
  await k.press('Tab');
  if (loadCap) await k.type(loadCap);
  await k.press('Tab'); // consent
  await k.press('Space');
  await k.press('Tab'); // submit
  await k.press('Enter');
}

/** Opens the only shift's claim form by pointer and fills it in for Anna. */
async function openClaimFormAsAnna() {
  await calendar().getByRole('button', { name: 'Tag vagten' }).click();
  await calendar().getByLabel('Navn').fill('Anna');
  await calendar().getByLabel('E-mail').fill('anna@example.dk');
  await calendar().getByLabel('18 år eller derover').check();
  await calendar()
    .getByLabel(/Jeg giver samtykke/)
    .check();
}

const focusedText = () =>
  e2e.page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.textContent?.trim() ?? '';
  });

describe('<samskab-shift-calendar>', () => {
  it('claims from the list view by keyboard, then offers the calendar file and the cancel link', async () => {
    const id = await createShift();
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    await expect.poll(() => calendar().getByText('3 af 3 pladser ledige').count()).toBe(1);
    await expect.poll(() => calendar().getByText(TUESDAY_TEXT).count()).toBe(1);
    expect(await axeViolations(e2e.page), 'list').toEqual([]);

    // Tab through the view switch and the period buttons to the shift's button.
    for (let i = 0; i < 6; i++) await e2e.page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Tag vagten');
    await e2e.page.keyboard.press('Enter');
    await expect.poll(focusedText).toContain('Tag vagten: Eftermiddagsbesøg');
    expect(await axeViolations(e2e.page), 'form').toEqual([]);
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Enter'); // submit the empty form
    await expect.poll(() => calendar().getByText('Skriv dit navn.').count()).toBeGreaterThan(0);
    expect(await axeViolations(e2e.page), 'invalid').toEqual([]);

    // The summary's first link takes the resident to the name field.
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Enter');
    await fillFromName('Søren Ågård', 'soeren@example.dk', '1');
    await expect
      .poll(() => calendar().getByRole('heading', { name: 'Vagten er din' }).count())
      .toBe(1);
    expect(await events()).toEqual([`samskab-claim:${id}:claimed`]);
    // One hour a week was the resident's own limit: a two-hour shift is allowed, and said.
    await expect
      .poll(() =>
        calendar()
          .getByText(/mere end de 1 timer/)
          .count(),
      )
      .toBe(1);
    const ics = calendar().getByRole('link', { name: 'Tilføj til kalender' });
    expect(await ics.getAttribute('href')).toMatch(/\/api\/v1\/claims\/[\w-]{43}\/shift\.ics$/);
    expect(await axeViolations(e2e.page), 'claimed').toEqual([]);
    expect((await claimsOf(id)).claimed.map((c) => c.name)).toEqual(['Søren Ågård']);

    // Back in the list, the count has been refreshed.
    await calendar().getByRole('button', { name: 'Tilbage til vagterne' }).click();
    await expect.poll(() => calendar().getByText('2 af 3 pladser ledige').count()).toBe(1);
  });

  for (const view of ['week', 'month'] as const) {
    it(`claims from the ${view} grid by keyboard: arrows to the day, Enter, then the shift`, async () => {
      const id = await createShift();
      await open(
        `<samskab-shift-calendar activity="besoegsven" view="${view}" date="2030-01-07"></samskab-shift-calendar>`,
      );
      const cell = calendar().locator('[data-day="2030-01-08"]');
      await expect.poll(() => cell.textContent()).toContain('Eftermiddagsbesøg');
      expect(await axeViolations(e2e.page), view).toEqual([]);
      await calendar().locator('[role="gridcell"][tabindex="0"]').focus();
      // Home, then one day on: the Tuesday, whatever the grid started at.
      await e2e.page.keyboard.press(view === 'week' ? 'Home' : 'ArrowRight');
      if (view === 'week') await e2e.page.keyboard.press('ArrowRight');
      expect(await cell.getAttribute('tabindex')).toBe('0');
      await e2e.page.keyboard.press('ArrowDown');
      await e2e.page.keyboard.press('ArrowUp');
      await e2e.page.keyboard.press('Enter');
      await expect.poll(focusedText).toBe('Vagter tirsdag 8. januar');
      expect(await axeViolations(e2e.page), `${view} day`).toEqual([]);
      await e2e.page.keyboard.press('Tab');
      expect(await focusedText()).toBe('Tag vagten');
      await e2e.page.keyboard.press('Enter');
      await expect.poll(focusedText).toContain('Tag vagten: Eftermiddagsbesøg');
      await fillAndSubmit('Lærke Ø', `laerke-${view}@example.dk`);
      await expect
        .poll(() => calendar().getByRole('heading', { name: 'Vagten er din' }).count())
        .toBe(1);
      expect(await events()).toEqual([`samskab-claim:${id}:claimed`]);
    });
  }

  it('offers the waitlist in an aria-live message when another resident takes the last place first', async () => {
    const id = await createShift({ capacity: 1 });
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    await openClaimFormAsAnna();
    // Someone else is quicker.
    const other = await e2e.post(`shifts/${id}/claims`, 'other-resident-key-0001', {
      name: 'Bo',
      email: 'bo@example.dk',
      ageBand: '18-plus',
      consent: true,
    });
    expect(ClaimReceipt.parse(await other.json()).status).toBe('claimed');
    await calendar().getByRole('button', { name: 'Tag vagten' }).click();
    await expect.poll(() => status().textContent()).toContain('Den sidste plads blev taget');
    expect(await axeViolations(e2e.page), 'race lost').toEqual([]);
    await calendar().getByRole('button', { name: 'Skriv mig på ventelisten' }).click();
    await expect
      .poll(() => calendar().getByRole('heading', { name: 'Du er på ventelisten' }).count())
      .toBe(1);
    expect(await events()).toEqual([`samskab-claim:${id}:waitlisted`]);
    const stored = await claimsOf(id);
    expect(stored.claimed.map((c) => c.name)).toEqual(['Bo']);
    expect(stored.waitlisted.map((c) => c.name)).toEqual(['Anna']);
  });

  it('cancels by the personal link, and the first on the waitlist gets the place', async () => {
    const id = await createShift({ capacity: 1 });
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    await openClaimFormAsAnna();
    await calendar().getByRole('button', { name: 'Tag vagten' }).click();
    const link = calendar().getByRole('link', { name: /Dit personlige afmeldingslink/ });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/\/afmeld\/[\w-]{43}$/);
    await e2e.post(`shifts/${id}/claims`, 'waiting-resident-key-01', {
      name: 'Bo',
      email: 'bo@example.dk',
      ageBand: '18-plus',
      consent: true,
      waitlist: true,
    });

    const cancelPage = await e2e.context.newPage();
    await cancelPage.goto(href!);
    expect(await cancelPage.getByText(TUESDAY_TEXT).count()).toBe(1);
    expect(await axeViolations(cancelPage)).toEqual([]);
    await cancelPage.getByRole('button', { name: 'Afmeld vagten' }).press('Enter');
    await expect
      .poll(() => cancelPage.getByRole('status').textContent())
      .toContain('Du er afmeldt');
    const stored = await claimsOf(id);
    expect(stored.claimed.map((c) => c.name)).toEqual(['Bo']);
    expect(stored.waitlisted).toEqual([]);
  });

  it('cancels from the widget and says so', async () => {
    const id = await createShift();
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    await openClaimFormAsAnna();
    await calendar().getByRole('button', { name: 'Tag vagten' }).click();
    await calendar().getByRole('button', { name: 'Afmeld vagten' }).click();
    await expect.poll(() => status().textContent()).toContain('Du er afmeldt vagten');
    expect(await events()).toEqual([`samskab-claim:${id}:claimed`, `samskab-cancel:${id}:`]);
    expect((await claimsOf(id)).claimed).toEqual([]);
  });

  it('shows an .ics feed (parsed by ical.js) at the same Copenhagen times, read-only', async () => {
    await createShift();
    // Across the October change: 21.00 to 03.00 is seven hours.
    await createShift({
      title: 'Flagermustur',
      start: '2030-10-26T21:00:00+02:00',
      end: '2030-10-27T03:00:00+01:00',
    });
    await open(
      '<samskab-shift-calendar view="list" date="2030-01-07" ics="{{server}}/api/v1/shifts.ics?activity=besoegsven&amp;from=2030-01-01T00:00:00Z&amp;to=2030-12-31T00:00:00Z"></samskab-shift-calendar>' +
        '<samskab-shift-calendar view="list" date="2030-10-20" ics="{{server}}/api/v1/shifts.ics?activity=besoegsven&amp;from=2030-01-01T00:00:00Z&amp;to=2030-12-31T00:00:00Z&amp;tz=utc"></samskab-shift-calendar>',
    );
    await expect.poll(() => calendar().first().getByText(TUESDAY_TEXT).count()).toBe(1);
    await expect
      .poll(() =>
        calendar()
          .nth(1)
          .getByText('lørdag 26. oktober, kl. 21.00–søndag 27. oktober, kl. 03.00')
          .count(),
      )
      .toBe(1);
    expect(await calendar().nth(1).getByText('(7 timer)').count()).toBe(1);
    expect(await calendar().first().getByRole('button', { name: 'Tag vagten' }).count()).toBe(0);
    expect(await axeViolations(e2e.page), 'feed').toEqual([]);
  });

  it('shows Copenhagen times to a visitor whose browser is in America/New_York', async () => {
    await e2e.newContext({ timezoneId: 'America/New_York' });
    await createShift();
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    expect(await e2e.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    await expect.poll(() => calendar().getByText(TUESDAY_TEXT).count()).toBe(1);
  });

  it('reflows at 320 px in every view without sideways scrolling', async () => {
    await createShift();
    for (const view of ['list', 'week', 'month']) {
      await open(
        `<samskab-shift-calendar activity="besoegsven" view="${view}" date="2030-01-07"></samskab-shift-calendar>`,
        { width: 320 },
      );
      await expect
        .poll(() =>
          calendar()
            .getByText(/Eftermiddagsbesøg/)
            .count(),
        )
        .toBeGreaterThan(0);
      expect(
        await e2e.page.evaluate(() => document.documentElement.scrollWidth),
        view,
      ).toBeLessThanOrEqual(320);
      await e2e.closeHost();
    }
  });

  for (const width of [440, 320]) {
    it(`says legibly on each day of a ${width} px column how many shifts it has and how many places are free`, async () => {
      await createShift();
      await createShift({
        title: 'Aftenbesøg med højtlæsning og kaffe',
        start: '2030-01-08T19:30:00+01:00',
        end: '2030-01-08T21:00:00+01:00',
        capacity: 5,
      });
      const full = await createShift({
        start: '2030-01-10T17:00:00+01:00',
        end: '2030-01-10T19:00:00+01:00',
        capacity: 1,
      });
      await e2e.post(`shifts/${full}/claims`, 'narrow-column-claim-01', {
        name: 'Bo',
        email: 'bo@example.dk',
        ageBand: '18-plus',
        consent: true,
      });
      // A wide screen: the column, not the viewport, is narrow (the demo page's two columns).
      await e2e.page.setViewportSize({ width: 1280, height: 900 });
      for (const view of ['month', 'week']) {
        await e2e.openWidgetPage(
          `<div class="column"><samskab-shift-calendar activity="besoegsven" view="${view}" date="2030-01-07"></samskab-shift-calendar></div>`,
          { csp: true, css: `.column { inline-size: ${width}px; }` },
        );
        const cell = (day: string) => calendar().locator(`[data-day="${day}"]`);
        await expect.poll(() => cell('2030-01-08').textContent()).toContain('2 vagter');
        const seen = (day: string) =>
          cell(day).evaluate((el) => {
            const box = el.getBoundingClientRect();
            // Every piece of text a sighted resident sees in the day (the screen reader's is apart).
            const leaves = [...el.querySelectorAll('*')].filter(
              (e) =>
                e.children.length === 0 &&
                e.textContent!.trim() !== '' &&
                !e.closest('.visually-hidden') &&
                e.checkVisibility(),
            );
            return leaves.map((e) => {
              const range = document.createRange();
              range.selectNodeContents(e);
              const text = range.getBoundingClientRect();
              const style = getComputedStyle(e);
              return {
                text: e.textContent!.replace(/\s+/g, ' ').trim(),
                // Ellipsis or clipping: the text is laid out beyond its box, or beyond the day's.
                truncated:
                  (style.display !== 'inline' && e.scrollWidth > e.clientWidth) ||
                  text.left < box.left - 0.5 ||
                  text.right > box.right + 0.5,
                fontSize: Number.parseFloat(style.fontSize),
              };
            });
          });
        for (const [day, expected] of [
          ['2030-01-08', ['2 vagter', '8 ledige']],
          ['2030-01-10', ['1 vagt', 'Fuldt booket']],
        ] as const) {
          const texts = await seen(day);
          const label = `${view} ${day}`;
          expect(
            texts.filter((t) => t.truncated),
            label,
          ).toEqual([]);
          expect(Math.min(...texts.map((t) => t.fontSize)), label).toBeGreaterThanOrEqual(14);
          const said = texts.map((t) => t.text).join(' ');
          for (const text of expected) expect(said, label).toContain(text);
        }
        expect(await axeViolations(e2e.page), `${view} at ${width} px`).toEqual([]);
        // The screen reader hears the same, with the date.
        expect(await cell('2030-01-08').locator('.visually-hidden').textContent()).toBe(
          'tirsdag 8. januar: 2 vagter, 8 ledige',
        );
      }
    });
  }

  it('shows a claim queued offline and delivered on the next visit, with a working cancel link', async () => {
    const id = await createShift();
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    await openClaimFormAsAnna();
    const port = await e2e.stopServer();
    await calendar().getByRole('button', { name: 'Tag vagten' }).click();
    await expect
      .poll(() => calendar().getByRole('heading', { name: 'Din vagt er gemt' }).count())
      .toBe(1);
    expect(await calendar().locator('[part="message"]').textContent()).toContain('7 dage');

    // The resident closes the page; the server comes back; they visit again later.
    await e2e.page.goto('about:blank');
    await e2e.startServer(port);
    await e2e.page.goto(e2e.host!.url);
    await expect
      .poll(() => calendar().getByRole('heading', { name: 'Vagten er din' }).count())
      .toBe(1);
    expect(await calendar().locator('[part="message"]').textContent()).toContain(
      'Din gemte vagt er nu sendt.',
    );
    expect(
      await calendar().getByRole('link', { name: 'Tilføj til kalender' }).getAttribute('href'),
    ).toMatch(/\/api\/v1\/claims\/[\w-]{43}\/shift\.ics$/);
    expect(await axeViolations(e2e.page), 'delivered later').toEqual([]);
    expect((await claimsOf(id)).claimed.map((c) => c.name)).toEqual(['Anna']);

    const href = await calendar()
      .getByRole('link', { name: /Dit personlige afmeldingslink/ })
      .getAttribute('href');
    const cancelPage = await e2e.context.newPage();
    await cancelPage.goto(href!);
    await cancelPage.getByRole('button', { name: 'Afmeld vagten' }).click();
    await expect
      .poll(() => cancelPage.getByRole('status').textContent())
      .toContain('Du er afmeldt');
    expect((await claimsOf(id)).claimed).toEqual([]);

    // Shown once: a third visit starts from the calendar.
    await e2e.page.reload();
    await expect.poll(() => calendar().getByText('3 af 3 pladser ledige').count()).toBe(1);
    expect(await calendar().getByRole('heading', { name: 'Vagten er din' }).count()).toBe(0);
  });

  it('offers the waitlist, with the answers back, when a claim queued offline is refused on the next visit', async () => {
    const id = await createShift({ capacity: 1 });
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    await openClaimFormAsAnna();
    const port = await e2e.stopServer();
    await calendar().getByRole('button', { name: 'Tag vagten' }).click();
    await expect
      .poll(() => calendar().getByRole('heading', { name: 'Din vagt er gemt' }).count())
      .toBe(1);
    await e2e.page.goto('about:blank');
    await e2e.startServer(port);
    // Meanwhile someone else takes the only place.
    await e2e.post(`shifts/${id}/claims`, 'other-resident-key-0002', {
      name: 'Bo',
      email: 'bo@example.dk',
      ageBand: '18-plus',
      consent: true,
    });

    await e2e.page.goto(e2e.host!.url);
    await expect
      .poll(() => calendar().locator('.race').textContent())
      .toContain('Den sidste plads blev taget');
    expect(await calendar().getByLabel('Navn').inputValue()).toBe('Anna');
    expect(await calendar().getByLabel('E-mail').inputValue()).toBe('anna@example.dk');
    expect(await axeViolations(e2e.page), 'refused later').toEqual([]);
    await calendar().getByRole('button', { name: 'Skriv mig på ventelisten' }).click();
    await expect
      .poll(() => calendar().getByRole('heading', { name: 'Du er på ventelisten' }).count())
      .toBe(1);
    expect((await claimsOf(id)).waitlisted.map((c) => c.name)).toEqual(['Anna']);
  });

  it('shows a shift that has begun as past, with no claim button', async () => {
    const start = new Date(Date.now() - 3_600_000);
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(start);
    await createShift({
      title: 'Morgenbesøg',
      start: start.toISOString(),
      end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    });
    await open(
      `<samskab-shift-calendar activity="besoegsven" view="list" date="${day}"></samskab-shift-calendar>`,
    );
    // Other shifts may run today (the demo data's); this one has begun.
    const shift = calendar().locator('[part="shift"]').filter({ hasText: 'Morgenbesøg' });
    await expect
      .poll(() => shift.getByText('Vagten er begyndt og kan ikke tages.').count())
      .toBe(1);
    expect(await shift.getByRole('button').count()).toBe(0);
    expect(await axeViolations(e2e.page), 'past').toEqual([]);
  });

  it('shows a shift added through `shifts` in its day of a rendered month, leaving out what is not a shift', async () => {
    const warnings: string[] = [];
    e2e.page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await createShift();
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="month" date="2030-01-07"></samskab-shift-calendar>',
    );
    const tuesday = calendar().locator('[data-day="2030-01-08"]');
    const wednesday = calendar().locator('[data-day="2030-01-09"]');
    await expect.poll(() => tuesday.textContent()).toContain('Eftermiddagsbesøg');
    await calendar().locator('[role="gridcell"][tabindex="0"]').focus();
    await e2e.page.keyboard.press('ArrowRight');
    await e2e.page.keyboard.press('ArrowRight');
    expect(await wednesday.getAttribute('tabindex')).toBe('0');
    await e2e.page.evaluate(() => {
      const el = document.querySelector('samskab-shift-calendar')!;
      const [first] = el.shifts;
      el.shifts = [
        ...el.shifts,
        {
          ...first!,
          id: 'added',
          title: 'Aftenbesøg',
          start: '2030-01-09T18:00:00+01:00',
          end: '2030-01-09T20:00:00+01:00',
        },
        { id: 'not a shift' } as never,
      ];
    });
    await expect.poll(() => wednesday.textContent()).toContain('18.00 Aftenbesøg');
    expect(await tuesday.textContent()).toContain('Eftermiddagsbesøg');
    // The grid is drawn again around the resident, not under them.
    expect(await focusedText()).toContain('onsdag 9. januar: 1 vagt');
    expect(
      await e2e.page.evaluate(
        () => document.querySelector('samskab-shift-calendar')!.shifts.length,
      ),
    ).toBe(2);
    expect(warnings.filter((w) => w.includes('not a shift'))).toHaveLength(1);
    await e2e.page.keyboard.press('Enter');
    await expect.poll(focusedText).toBe('Vagter onsdag 9. januar');
    expect(await calendar().locator('[part="shift"]').textContent()).toContain('Aftenbesøg');
    expect(await axeViolations(e2e.page), 'added shift').toEqual([]);
  });

  it('lists five days of shifts in a 320 px column with every claim button reachable by Tab, described by its shift, axe clean', async () => {
    await createShift();
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
      { width: 320 },
    );
    await expect.poll(() => calendar().locator('[part="shift"]').count()).toBe(1);
    // Six more a day on 8–12 January: most days are below the fold, where the list is not
    // laid out until it is scrolled to (content-visibility), yet must be there for everyone.
    await e2e.page.evaluate(() => {
      const el = document.querySelector('samskab-shift-calendar')!;
      const [first] = el.shifts;
      const more = [];
      for (let day = 8; day <= 12; day++) {
        for (let n = 0; n < 6; n++) {
          const hour = String(8 + n * 2).padStart(2, '0');
          more.push({
            ...first!,
            id: `more-${day}-${n}`,
            title: `Besøg ${day}.${n}`,
            location: n % 2 ? first!.location : '',
            start: `2030-01-${String(day).padStart(2, '0')}T${hour}:00:00+01:00`,
            end: `2030-01-${String(day).padStart(2, '0')}T${hour}:30:00+01:00`,
            taken: n === 5 ? first!.capacity : 0,
          });
        }
      }
      el.shifts = [...el.shifts, ...more];
    });
    await expect.poll(() => calendar().locator('[part="shift"]').count()).toBe(31);
    expect(await calendar().getByRole('heading', { level: 3 }).count()).toBe(5);
    expect(await e2e.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    expect(await axeViolations(e2e.page), 'many shifts').toEqual([]);

    // Each button is described by its own shift's title and time.
    const described = await e2e.page.evaluate(() => {
      const root = document.querySelector('samskab-shift-calendar')!.shadowRoot!;
      return [...root.querySelectorAll<HTMLElement>('button[data-shift]')].map((b) => {
        const when = root.getElementById(b.getAttribute('aria-describedby') ?? '');
        return `${b.dataset.shift}: ${when?.textContent?.replace(/\s+/g, ' ')}`;
      });
    });
    expect(described).toHaveLength(31);
    expect(described).toContain(
      'more-10-3: Besøg 10.3 torsdag 10. januar, kl. 14.00–14.30 (0,5 timer) Plejecenter Solgården',
    );
    expect(described).toContain(
      'more-12-0: Besøg 12.0 lørdag 12. januar, kl. 08.00–08.30 (0,5 timer)',
    );

    // Tab goes through every shift's button in the order they are listed.
    const order = await e2e.page.evaluate(() =>
      [
        ...document
          .querySelector('samskab-shift-calendar')!
          .shadowRoot!.querySelectorAll<HTMLElement>('button[data-shift]'),
      ].map((b) => b.dataset.shift),
    );
    await calendar().locator('button[data-shift]').first().focus();
    const reached = [];
    for (let i = 0; i < order.length; i++) {
      reached.push(
        await e2e.page.evaluate(() =>
          document
            .querySelector('samskab-shift-calendar')!
            .shadowRoot!.activeElement?.getAttribute('data-shift'),
        ),
      );
      await e2e.page.keyboard.press('Tab');
    }
    expect(reached).toEqual(order);
    expect(await calendar().getByRole('button', { name: 'Skriv dig på ventelisten' }).count()).toBe(
      5,
    );
  });

  it('keeps focus on a shift’s button when the list is refreshed on return to the page', async () => {
    await createShift();
    await open(
      '<samskab-shift-calendar activity="besoegsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    const button = calendar().getByRole('button', { name: 'Tag vagten' });
    await expect.poll(() => button.count()).toBe(1);
    await button.focus();
    // Another resident takes a place meanwhile; coming back counts again.
    await e2e.page.evaluate(() => dispatchEvent(new Event('focus')));
    await createShift({
      title: 'Aftenbesøg',
      start: '2030-01-08T18:00:00+01:00',
      end: '2030-01-08T20:00:00+01:00',
    });
    await e2e.page.evaluate(() => dispatchEvent(new Event('focus')));
    await expect.poll(() => calendar().locator('[part="shift"]').count()).toBe(2);
    expect(await focusedText()).toBe('Tag vagten');
    expect(
      await calendar()
        .locator('[part="shift"]', { has: e2e.page.locator(':focus') })
        .textContent(),
    ).toContain('Eftermiddagsbesøg');
  });

  it('warns once about an unknown activity and shows every activity’s shifts instead', async () => {
    const warnings: string[] = [];
    e2e.page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await createShift();
    await open(
      '<samskab-shift-calendar activity="besogsven" view="list" date="2030-01-07"></samskab-shift-calendar>',
    );
    await expect.poll(() => calendar().getByText('3 af 3 pladser ledige').count()).toBe(1);
    expect(
      await calendar()
        .getByText('Aktiviteten på siden findes ikke. Her er alle ledige vagter.')
        .count(),
    ).toBe(1);
    expect(warnings.filter((w) => w.includes('activity="besogsven"'))).toHaveLength(1);
    expect(await axeViolations(e2e.page), 'unknown activity').toEqual([]);
  });
});
