// The sign-up form in real Chromium, embedded on a page of another origin than
// the Samskab server, as a municipality's CMS would have it.
import { describe, expect, it } from 'vitest';
import { axeViolations, recordCspViolations } from '../support/browser.js';
import { useE2e } from '../support/e2e.js';

const e2e = useE2e();

const form = (n = 0) => e2e.page.locator('samskab-signup-form').nth(n);
const status = (n = 0) => form(n).locator('[role="status"]');
const signups = () => e2e.signups();

/**
 * Opens a municipal page of its own origin holding the script tag and `body`
 * (where `{{server}}` stands for the server's origin), and restarts the server
 * with that origin allowed.
 */
async function open(body: string, options: { css?: string; csp?: boolean } = {}) {
  await e2e.openWidgetPage(body, options);
  await expect.poll(() => form().locator('input').count()).toBeGreaterThan(0);
}

const FORM = '<samskab-signup-form activity="besoegsven"></samskab-signup-form>';

/** Fills the form with the keyboard alone, starting from the page's first Tab stop. */
async function fillByKeyboard(name: string, email: string) {
  await e2e.page.keyboard.press('Tab');
  await e2e.page.keyboard.type(name);
  await e2e.page.keyboard.press('Tab');
  await e2e.page.keyboard.type(email);
  await e2e.page.keyboard.press('Tab'); // phone, optional
  await e2e.page.keyboard.press('Tab'); // what I would like to help with
  await e2e.page.keyboard.type('Hjælpe med lektier tirsdag eftermiddag');
  await e2e.page.keyboard.press('Tab'); // age band: the first radio
  await e2e.page.keyboard.press('ArrowDown');
  await e2e.page.keyboard.press('ArrowDown'); // 18 or over
  await e2e.page.keyboard.press('Tab'); // consent
  await e2e.page.keyboard.press('Space');
}

/** Fills the required fields by pointer, for tests about something else than the keyboard. */
async function fillWithMouse(name: string, email: string, n = 0) {
  await form(n).getByLabel('Navn').fill(name);
  await form(n).getByLabel('E-mail').fill(email);
  await form(n).getByLabel('18 år eller derover').check();
  await form(n)
    .getByLabel(/Jeg giver samtykke/)
    .check();
}

describe('<samskab-signup-form>', () => {
  it('lets a resident on another origin sign up by keyboard alone, and the admin API lists exactly that', async () => {
    await open(FORM);
    await fillByKeyboard('Søren Ågård', 'soeren@example.dk');
    await e2e.page.keyboard.press('Tab'); // the submit button
    await e2e.page.keyboard.press('Enter');
    await expect
      .poll(() => form().getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);

    const rows = await signups();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      activityId: 'besoegsven',
      name: 'Søren Ågård',
      email: 'soeren@example.dk',
      help: 'Hjælpe med lektier tirsdag eftermiddag',
      ageBand: '18-plus',
    });
  });

  it('shows errors tied to their fields and a summary that takes focus', async () => {
    await open(FORM);
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    const summary = form().locator('[part="summary"]');
    await expect.poll(() => summary.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Skriv dit navn.',
      'Skriv din e-mailadresse.',
      'Vælg din alder.',
      'Du skal give samtykke for at kunne tilmelde dig.',
    ]);
    const name = form().getByLabel('Navn');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe('name-error');
    await summary.getByRole('link', { name: 'Skriv dit navn.' }).click();
    expect(await name.evaluate((el) => el.matches(':focus'))).toBe(true);
  });

  it('validates a field when it is left, and asks a guardian to agree for minors', async () => {
    await open(FORM);
    const email = form().getByLabel('E-mail');
    await email.fill('ikke-en-adresse');
    await email.press('Tab');
    await expect
      .poll(() => form().locator('#email-error').textContent())
      .toBe('Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.');
    await form().getByLabel('15–17 år').check();
    expect(await form().getByText('Min forælder eller værge har givet samtykke').count()).toBe(1);
  });

  it('passes axe in the empty, invalid, sent and queued states', async () => {
    await open(FORM);
    expect(await axeViolations(e2e.page), 'empty').toEqual([]);

    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect.poll(() => form().locator('[part="summary"]').count()).toBe(1);
    expect(await axeViolations(e2e.page), 'invalid').toEqual([]);

    await fillWithMouse('Ida Æbelø', 'ida@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    expect(await axeViolations(e2e.page), 'sent').toEqual([]);

    await form().getByRole('button', { name: 'Tilmeld en mere' }).click();
    await e2e.context.setOffline(true);
    await fillWithMouse('Ole Østergård', 'ole@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Din tilmelding er gemt' }).count())
      .toBe(1);
    expect(await axeViolations(e2e.page), 'queued').toEqual([]);
  });

  it('queues the sign-up while the server is down and stores exactly one row once it is back', async () => {
    await open(FORM);
    const port = await e2e.stopServer();

    const submitted = e2e.page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          document.addEventListener('samskab-submit', (event) => {
            seen.push(`${event.id}:${event.status}`);
            if (event.status === 'sent') resolve(seen);
          });
        }),
    );
    await fillWithMouse('Søren Ågård', 'soeren@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Din tilmelding er gemt' }).count())
      .toBe(1);

    await e2e.startServer(port);
    const events = await submitted;
    expect(events).toHaveLength(2);
    const [queued, sent] = events.map((e) => e.split(':'));
    expect(queued?.[1]).toBe('queued');
    expect(sent).toEqual([queued?.[0], 'sent']);
    await expect.poll(() => status().textContent()).toContain('Din gemte tilmelding er nu sendt.');

    // A reload must not send it again: the outbox is empty.
    await e2e.page.reload();
    await expect.poll(() => form().getByLabel('Navn').count()).toBe(1);
    expect(await signups()).toHaveLength(1);
  });

  it('sends a sign-up queued offline once the browser is online again', async () => {
    await open(FORM);
    await e2e.context.setOffline(true);
    await fillWithMouse('Åse Ærø', 'aase@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Din tilmelding er gemt' }).count())
      .toBe(1);
    expect(await signups()).toHaveLength(0);

    await e2e.context.setOffline(false);
    await expect.poll(() => status().textContent()).toContain('Din gemte tilmelding er nu sendt.');
    expect((await signups()).map((s) => s.name)).toEqual(['Åse Ærø']);
  });

  it('works under a strict CSP with Trusted Types and records no violation', async () => {
    const violations = await recordCspViolations(e2e.page);
    await open(FORM, { csp: true });
    await fillByKeyboard('Søren Ågård', 'soeren@example.dk');
    await e2e.page.keyboard.press('Tab');
    await e2e.page.keyboard.press('Enter');
    await expect
      .poll(() => form().getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    expect(await signups()).toHaveLength(1);
    expect(violations).toEqual([]);
  });

  it('survives the script loaded twice, elements added later and two forms on one page', async () => {
    // A second copy of the bundle, from another URL, is a second module instance.
    await open(`<script type="module" src="{{server}}/samskab.js?again"></script>${FORM}`);
    await e2e.page.evaluate(() => {
      const second = document.createElement('samskab-signup-form');
      second.setAttribute('activity', 'lektiecafe');
      document.querySelector('main')!.append(second);
    });
    await expect.poll(() => form(1).getByLabel('Navn').count()).toBe(1);
    await fillWithMouse('Karen Blixen', 'karen@example.dk', 0);
    await form(0).getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form(0).getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    expect(await form(1).getByLabel('Navn').inputValue()).toBe('');
    expect(await form(1).locator('[part="message"]').count()).toBe(0);
    expect((await signups()).map((s) => s.activityId)).toEqual(['besoegsven']);
  });

  it('looks the same whatever the host page’s CSS does', async () => {
    await open(FORM, {
      // Global rules a CMS theme really has: `*` reaches the widget's host
      // element (though not inside its shadow root), and inherited values flow in.
      css: `html { font-size: 10px; line-height: 3; text-transform: uppercase; letter-spacing: 4px }
            * { line-height: 3; text-transform: uppercase; letter-spacing: 4px; color: #777 }
            input, button, label { all: unset; background: red; font-size: 8px }`,
    });
    const name = form().getByLabel('Navn');
    await expect.poll(() => name.count()).toBe(1);
    const style = await name.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        fontSize: s.fontSize,
        lineHeight: s.lineHeight,
        border: s.borderTopStyle,
        transform: s.textTransform,
        spacing: s.letterSpacing,
      };
    });
    expect(style).toEqual({
      fontSize: '16px',
      lineHeight: '24px',
      border: 'solid',
      transform: 'none',
      spacing: 'normal',
    });
    const label = await form()
      .locator('label[for="name"]')
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return { lineHeight: s.lineHeight, transform: s.textTransform, colour: s.color };
      });
    expect(label).toEqual({ lineHeight: '24px', transform: 'none', colour: 'rgb(26, 26, 26)' });
    const button = await form()
      .getByRole('button', { name: 'Tilmeld' })
      .evaluate((el) => getComputedStyle(el).letterSpacing);
    expect(button).toBe('normal');
  });

  it('follows an English page and chooses among the server’s activities without an activity attribute', async () => {
    await open('<div lang="en"><samskab-signup-form></samskab-signup-form></div>');
    const select = form().getByLabel('Activity');
    await expect.poll(() => select.count()).toBe(1);
    const options = await select.locator('option').allTextContents();
    expect(options[0]).toBe('Choose an activity');
    expect(options.length).toBeGreaterThan(1);
    await form().getByRole('button', { name: 'Sign up' }).click();
    await expect
      .poll(() => form().locator('[part="summary"] a').first().textContent())
      .toBe('Choose an activity.');
  });

  it('keeps the activity list’s space while it loads, so the fields below do not move when it comes', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await e2e.page.route('**/api/v1/activities*', async (route) => {
      await held;
      await route.continue();
    });
    await open('<samskab-signup-form></samskab-signup-form>');
    const name = form().getByLabel('Navn');
    const top = async () => (await name.boundingBox())?.y;
    await expect.poll(() => form().getByText('Henter aktiviteter …').count()).toBe(1);
    const loading = await top();
    expect(await axeViolations(e2e.page), 'loading').toEqual([]);
    release();
    await expect.poll(() => form().getByLabel('Aktivitet').count()).toBe(1);
    expect(await top()).toBe(loading);
  });

  it('says on the next visit that a sign-up queued while the server was down has been sent', async () => {
    await open(FORM);
    const port = await e2e.stopServer();
    await fillWithMouse('Søren Ågård', 'soeren@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Din tilmelding er gemt' }).count())
      .toBe(1);
    await e2e.page.goto('about:blank');
    await e2e.startServer(port);
    await e2e.page.goto(e2e.host!.url);
    await expect
      .poll(() =>
        form().getByRole('heading', { name: 'Din gemte tilmelding er nu sendt.' }).count(),
      )
      .toBe(1);
    expect(await axeViolations(e2e.page), 'delivered later').toEqual([]);
    expect((await signups()).map((s) => s.name)).toEqual(['Søren Ågård']);
  });

  it('puts the answers back, with what to fix, when a queued sign-up is refused on the next visit', async () => {
    // The first visit: the activities do not load and the server cannot be reached,
    // so the typo in the markup goes unnoticed and the sign-up is queued.
    await e2e.page.route('**/api/v1/**', (route) => route.abort());
    await open('<samskab-signup-form activity="besogsven"></samskab-signup-form>');
    await fillWithMouse('Ida Æbelø', 'ida@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Din tilmelding er gemt' }).count())
      .toBe(1);
    await e2e.page.goto('about:blank');
    await e2e.page.unrouteAll();

    await e2e.page.goto(e2e.host!.url);
    const summary = form().locator('[part="summary"]');
    await expect.poll(() => summary.count()).toBe(1);
    expect(await form().getByLabel('Navn').inputValue()).toBe('Ida Æbelø');
    expect(await form().getByLabel('E-mail').inputValue()).toBe('ida@example.dk');
    // The activity is gone from the markup's reach: the resident chooses, and the summary's link leads there.
    const select = form().getByLabel('Aktivitet');
    await expect.poll(() => select.count()).toBe(1);
    await expect
      .poll(() => summary.getByRole('link').first().textContent())
      .toBe('Vælg en aktivitet.');
    await summary.getByRole('link').first().click();
    expect(await select.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await axeViolations(e2e.page), 'refused later').toEqual([]);
    await select.selectOption('besoegsven');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    expect((await signups()).map((s) => [s.name, s.activityId])).toEqual([
      ['Ida Æbelø', 'besoegsven'],
    ]);
  });

  it('gives a sign-up back as not sent once it has waited 7 days, with the answers in the form', async () => {
    await open(FORM);
    const port = await e2e.stopServer();
    await fillWithMouse('Åse Ærø', 'aase@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect.poll(() => form().locator('[part="message"]').textContent()).toContain('7 dage');
    await e2e.page.goto('about:blank');
    // Eight days later, the server is back.
    await e2e.page.addInitScript(() => {
      const now = Date.now;
      Date.now = () => now() + 8 * 24 * 3_600_000;
    });
    await e2e.startServer(port);
    await e2e.page.goto(e2e.host!.url);
    const summary = form().locator('[part="summary"]');
    await expect
      .poll(() => summary.textContent())
      .toContain('Vi kunne ikke sende din tilmelding i 7 dage.');
    expect(await form().getByLabel('Navn').inputValue()).toBe('Åse Ærø');
    expect(await axeViolations(e2e.page), 'expired').toEqual([]);
    expect(await signups()).toEqual([]);
  });

  it('warns once about an unknown activity and lets the resident choose instead', async () => {
    const warnings: string[] = [];
    e2e.page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await open('<samskab-signup-form activity="besogsven"></samskab-signup-form>');
    const select = form().getByLabel('Aktivitet');
    await expect.poll(() => select.count()).toBe(1);
    expect(await select.getAttribute('aria-describedby')).toBe('activityId-hint');
    expect(await form().locator('#activityId-hint').textContent()).toBe(
      'Aktiviteten på siden findes ikke. Vælg en her.',
    );
    expect(warnings.filter((w) => w.includes('activity="besogsven"'))).toHaveLength(1);
    expect(await axeViolations(e2e.page), 'unknown activity').toEqual([]);
    await select.selectOption('besoegsven');
    await fillWithMouse('Karen Blixen', 'karen@example.dk');
    await form().getByRole('button', { name: 'Tilmeld' }).click();
    await expect
      .poll(() => form().getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    expect((await signups()).map((s) => s.activityId)).toEqual(['besoegsven']);
  });
});
