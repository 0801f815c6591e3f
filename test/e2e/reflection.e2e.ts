// The reflection prompt in real Chromium, on a page of another origin than the
// Samskab server, as a municipality's CMS would have it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activitiesFeature } from '../../src/server/activities/feature.js';
import { embedFeature } from '../../src/server/embed/feature.js';
import type { FeatureFactory } from '../../src/server/feature.js';
import { reflectionsFeature } from '../../src/server/reflections/feature.js';
import { openInvitations } from '../../src/server/reflections/invitations.js';
import { workplaceFeature } from '../../src/server/workplace/feature.js';
import { axeViolations, recordCspViolations } from '../support/browser.js';
import { useE2e } from '../support/e2e.js';
import { municipalPage } from '../support/host-page.js';

/** How far the server's clock is ahead: the pulse shows only finished weeks. */
let later = 0;
const WEEK = 7 * 24 * 3_600_000;
/** Issues an invitation to besoegsven on the running server's database, as a claim does. */
let invite: () => Promise<string> = () => Promise.reject(new Error('no server'));
/** A coordinator of besoegsven signed in to the workplace: the session cookie's value. */
let coordinator: () => Promise<string> = () => Promise.reject(new Error('no server'));
const invitations: FeatureFactory = async ({ db, clock, accounts }) => {
  const store = await openInvitations(db);
  invite = () => db.write((trx) => store.issue(trx, 'besoegsven', clock()));
  coordinator = async () => {
    const email = `leder${Date.now()}@kommune.dk`;
    const token = await db.write((trx) =>
      accounts.invite(
        trx,
        { email, name: 'Leder', role: 'coordinator', activities: ['besoegsven'], by: 'test' },
        clock(),
      ),
    );
    return (await accounts.acceptInvitation(token, 'Leder', clock()))!.session;
  };
  return {};
};
const e2e = useE2e({
  features: [activitiesFeature, reflectionsFeature, embedFeature, workplaceFeature, invitations],
  now: () => Date.now() + later,
});

beforeEach(() => {
  later = 0;
});
// Also after: the next test's server starts (and seeds the demo) before its own beforeEach.
afterEach(() => {
  later = 0;
});

const prompt = () => e2e.page.locator('samskab-reflection-prompt');
const status = () => prompt().locator('[role="status"]');
const SENT = 'Tak! Din refleksion er sendt.';
const QUEUED = 'Din refleksion er gemt og bliver sendt, når forbindelsen er tilbage.';

async function admin(path: string, init: RequestInit = {}) {
  const response = await e2e.admin(path, init);
  expect(response.status).toBeLessThan(300);
  return response.json();
}

const pulse = () => admin('activities/besoegsven/pulse?weeks=1');

/** Two invited reflections straight to the API, so the week's figures reach the k-anonymity rule. */
async function twoMore(energy: number) {
  for (const key of ['e2e-extra-reflection-1', 'e2e-extra-reflection-2']) {
    const response = await e2e.post('reflections', key, {
      activityId: 'besoegsven',
      questionSetVersion: 0,
      answers: { energy, meaning: 'yes', load: 'right' },
      invitation: await invite(),
    });
    expect(response.status).toBe(201);
  }
}

/** Opens a municipal page of its own origin with the bundle and `body`, the server allowing it. */
async function open(body: string, options: { csp?: boolean } = {}) {
  await e2e.openWidgetPage(body, options);
  await expect.poll(() => prompt().locator('input[type="radio"]').count()).toBeGreaterThan(0);
}

const PROMPT =
  '<samskab-reflection-prompt activity="besoegsven" shift="vagt-42"></samskab-reflection-prompt>';

/** Opens the page holding `body` again at `?invitation=<token>`, as the link in the mail does. */
async function openInvited(token: string) {
  await e2e.page.goto(`${e2e.host!.url}?invitation=${encodeURIComponent(token)}`);
  await expect.poll(() => prompt().locator('input[type="radio"]').count()).toBeGreaterThan(0);
}

/** Lets besoegsven take open reflections or not. */
async function setOpen(openReflections: boolean) {
  await admin('activities/besoegsven/reflection-settings', {
    method: 'PUT',
    body: JSON.stringify({ openReflections }),
  });
}

/** Answers a few questions by pointer, for tests about something else than the keyboard. */
async function answerWithMouse(within = prompt()) {
  await within.getByRole('radio', { name: 'Ja' }).first().check();
  await within.getByRole('radio', { name: '3', exact: true }).check();
  await within.getByRole('radio', { name: 'For meget' }).check();
}

const send = () => prompt().getByRole('button', { name: 'Send refleksion' }).click();

describe('<samskab-reflection-prompt>', () => {
  it('lets a volunteer reflect by keyboard alone under a strict CSP, and the leader sees it', async () => {
    const violations = await recordCspViolations(e2e.page);
    await open(PROMPT, { csp: true });
    // From the link in the invitation mail: the page's URL carries the token.
    await openInvited(await invite());
    const keys = async (...list: string[]) => {
      for (const key of list) await e2e.page.keyboard.press(key);
    };
    await keys('Tab', 'Space'); // Gav det mening? Ja
    await keys('Tab', 'ArrowRight', 'ArrowRight', 'ArrowRight'); // energy: 1 → 4
    await keys('Tab', 'ArrowRight'); // load: For lidt → Passende
    await keys('Tab', 'Space'); // ownership: Ja
    await keys('Tab', 'ArrowRight', 'ArrowRight'); // belonging: Ja → Nej
    await keys('Tab');
    await e2e.page.keyboard.type('Jeg vil gerne tale om vagtplanen.');
    await keys('Tab', 'Space'); // Må vi kontakte dig?
    await keys('Tab');
    await e2e.page.keyboard.type('12 34 56 78');
    await keys('Tab', 'Enter');
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(SENT);
    expect(
      await prompt()
        .locator('[part="message"]')
        .evaluate((el) => el.matches(':focus')),
    ).toBe(true);

    await twoMore(4);
    later = WEEK; // let the week end
    const p = await pulse();
    const week = p.series.at(-1);
    // The keyboard's answers are the only way these figures come out exactly so.
    expect(week).toMatchObject({
      answers: 3,
      meanEnergy: 4,
      shareTooMuch: 0,
      shareMeaningful: 1,
    });
    expect(p.followUps).toMatchObject([
      {
        contact: '12 34 56 78',
        open: false,
        note: 'Jeg vil gerne tale om vagtplanen.',
        shiftId: 'vagt-42',
        question: 'Er der noget, din koordinator bør vide?',
      },
    ]);
    expect(violations).toEqual([]);
  });

  it('sends the invitation from the page URL or the attribute, and says when it is used up', async () => {
    await open(PROMPT);
    const token = await invite();
    await openInvited(token);
    await answerWithMouse();
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(SENT);
    expect((await pulse()).running).toMatchObject({ answers: 1, openCount: 0 });

    // The attribute, for a page that writes the token into the markup.
    const other = await invite();
    await e2e.page.goto(e2e.host!.url);
    await e2e.page.evaluate((t) => {
      document.querySelector('samskab-reflection-prompt')?.setAttribute('invitation', t);
    }, other);
    await expect.poll(() => prompt().locator('input[type="radio"]').count()).toBeGreaterThan(0);
    await answerWithMouse();
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(SENT);
    expect((await pulse()).running).toMatchObject({ answers: 2, openCount: 0 });

    // The same link again, on an activity that takes only invited reflections.
    await setOpen(false);
    await openInvited(token);
    await answerWithMouse();
    await send();
    const error = prompt().locator('.form-error');
    await expect
      .poll(() => error.textContent())
      .toBe(
        'Refleksionen blev ikke modtaget: Invitationen er allerede brugt, er udløbet eller hører til en anden aktivitet. Bed din koordinator om et nyt link.',
      );
    expect(await error.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await prompt().getByRole('radio', { name: 'For meget' }).isChecked()).toBe(true);
    expect(await axeViolations(e2e.page), 'invitation used').toEqual([]);

    // No invitation at all, on an English page.
    await e2e.page.setContent('<p>x</p>');
    await open(`<div lang="en">${PROMPT}</div>`);
    await prompt().getByRole('radio', { name: 'Yes' }).first().check();
    await prompt().getByRole('button', { name: 'Send reflection' }).click();
    await expect
      .poll(() => error.textContent())
      .toBe(
        'The reflection was not received: This activity takes reflections only through the link in your invitation. Use the link from your e-mail after the shift.',
      );
    expect(await axeViolations(e2e.page), 'invitation required').toEqual([]);
    expect((await pulse()).running).toMatchObject({ answers: 2, openCount: 0 });
  });

  it('reaches a prompt in the iframe snippet too: resize.js hands the page’s ?invitation= on', async () => {
    const papers = await fetch(
      `${e2e.server.url}embed/papers?widget=reflection-prompt&activity=besoegsven`,
    );
    const { iframe } = (await papers.json()) as { iframe: string };
    await e2e.openHostPage(() => ({ html: municipalPage(iframe) }), { samePort: true });
    await setOpen(false);
    const token = await invite();
    await e2e.page.goto(`${e2e.host!.url}?invitation=${encodeURIComponent(token)}`);
    const frame = e2e.page.locator('iframe[data-samskab-frame]');
    await expect
      .poll(async () =>
        new URL((await frame.getAttribute('src')) ?? '').searchParams.get('invitation'),
      )
      .toBe(token);
    const framed = e2e.page
      .frameLocator('iframe[data-samskab-frame]')
      .locator('samskab-reflection-prompt');
    await answerWithMouse(framed);
    await framed.getByRole('button', { name: 'Send refleksion' }).click();
    await expect.poll(() => framed.locator('[part="message"]').textContent()).toContain(SENT);
    // Invited: it counts, on an activity that takes nothing else.
    expect((await pulse()).running).toMatchObject({ answers: 1, openCount: 0 });
  });

  it('passes axe when empty, with errors, sent and queued, and reflows at 320px', async () => {
    await e2e.page.setViewportSize({ width: 320, height: 640 });
    await open(PROMPT);
    expect(await axeViolations(e2e.page), 'empty').toEqual([]);
    expect(await e2e.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );

    await send();
    const error = prompt().locator('.form-error');
    await expect.poll(() => error.textContent()).toBe('Svar på mindst ét spørgsmål.');
    expect(await error.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await axeViolations(e2e.page), 'nothing answered').toEqual([]);

    await answerWithMouse();
    await prompt().getByLabel('Må vi kontakte dig?').check();
    await prompt().getByLabel('Telefon eller e-mail').fill('ring til mig');
    await send();
    const contact = prompt().getByLabel('Telefon eller e-mail');
    await expect.poll(() => contact.getAttribute('aria-invalid')).toBe('true');
    expect(await contact.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await prompt().locator('#contact-error').textContent()).toBe(
      'Skriv et gyldigt telefonnummer eller en gyldig e-mailadresse.',
    );
    expect(await axeViolations(e2e.page), 'bad contact').toEqual([]);

    await prompt().getByLabel('Må vi kontakte dig?').uncheck();
    await e2e.context.setOffline(true);
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(QUEUED);
    expect(await axeViolations(e2e.page), 'queued').toEqual([]);

    await e2e.context.setOffline(false);
    await expect.poll(() => status().textContent()).toContain('Din gemte refleksion er nu sendt.');
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(SENT);
    expect(await axeViolations(e2e.page), 'sent').toEqual([]);
  });

  it('keeps a reflection while the server is down and stores it exactly once when it is back', async () => {
    await open(PROMPT);
    const port = await e2e.stopServer();

    const events = e2e.page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          document.addEventListener('samskab-reflection', (event) => {
            seen.push(`${event.id}:${event.status}`);
            if (event.status === 'sent') resolve(seen);
          });
        }),
    );
    await answerWithMouse();
    await prompt().getByLabel('Må vi kontakte dig?').check();
    await prompt().getByLabel('Telefon eller e-mail').fill('ida@example.dk');
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(QUEUED);

    await e2e.startServer(port);
    const [queued, sent] = (await events).map((e) => e.split(':'));
    expect(queued?.[1]).toBe('queued');
    expect(sent).toEqual([queued?.[0], 'sent']);

    // A reload must not send it again: the outbox is empty. The widget comes
    // back with its questions, or first with the word that the saved
    // reflection was sent if the reload beat that word's own bookkeeping.
    await e2e.page.reload();
    await expect
      .poll(() => prompt().locator('input[type="radio"], [part="message"]').count())
      .toBeGreaterThan(0);
    await e2e.page.evaluate(() => dispatchEvent(new Event('online')));
    expect((await pulse()).followUps.map((f: { contact: string }) => f.contact)).toEqual([
      'ida@example.dk',
    ]);
  });

  it('shows the leader the pulse as a chart and a table, axe clean at 320px, behind the workplace’s sign-in', async () => {
    await twoMore(4);
    const response = await e2e.post('reflections', 'e2e-follow-up-000001', {
      activityId: 'besoegsven',
      questionSetVersion: 0,
      answers: { energy: 2, load: 'too-much', note: 'Jeg har for mange vagter.' },
      contact: 'ida@example.dk',
      invitation: await invite(),
    });
    expect(response.status).toBe(201);
    later = WEEK; // let the week end
    const url = `${e2e.server.url}leder/puls?activity=besoegsven&weeks=4`;
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);

    const leader = await e2e.browser.newContext({
      // The page follows Accept-Language; Chromium's default is English.
      locale: 'da-DK',
      viewport: { width: 320, height: 640 },
    });
    await leader.addCookies([
      { name: 'samskab_leder', value: await coordinator(), url: `${e2e.server.url}leder` },
    ]);
    try {
      const view = await leader.newPage();
      await view.goto(url);
      expect(await view.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Puls: Besøgsven på Plejecenter Solgården',
      );
      expect(await view.getByRole('img', { name: /Gennemsnitlig energi/ }).count()).toBe(1);
      const lastRow = view
        .getByRole('table', { name: 'Pulsen uge for uge' })
        // The last finished week; the running week follows it with only its count.
        .locator('tbody tr:not(.running)')
        .last();
      expect(await lastRow.locator('td').allTextContents()).toEqual([
        '3',
        '3,3',
        '33\u00a0%',
        // Only two answered the meaning question: under the rule, so no figure.
        'intet svar',
        // No open reflections.
        '0',
      ]);
      expect(await view.getByText('Jeg har for mange vagter.').count()).toBe(1);
      expect(await axeViolations(view)).toEqual([]);
      expect(await view.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        320,
      );
    } finally {
      await leader.close();
    }
  });

  it('asks the activity’s own questions, in English on an English page, marking Danish-only text', async () => {
    await admin('activities/besoegsven/reflection-questions', {
      method: 'PUT',
      body: JSON.stringify({
        questions: [
          {
            id: 'glaede',
            kind: 'scale',
            theme: 'energy',
            text: { da: 'Hvor glad gik du hjem?', en: 'How happy did you go home?' },
            low: { da: 'trist', en: 'sad' },
            high: { da: 'glad', en: 'happy' },
          },
          { id: 'mening', kind: 'agree', theme: 'meaning', text: { da: 'Gav det mening?' } },
        ],
      }),
    });
    await open(
      '<div lang="en"><samskab-reflection-prompt activity="besoegsven"></samskab-reflection-prompt></div>',
    );
    await expect
      .poll(() => prompt().getByRole('group', { name: 'How happy did you go home?' }).count())
      .toBe(1);
    expect(await prompt().locator('#hint-glaede').textContent()).toContain('1 = sad, 5 = happy');
    const danish = prompt().locator('legend span[lang="da"]');
    expect(await danish.textContent()).toBe('Gav det mening?');
    expect(await prompt().getByRole('radio', { name: 'Partly' }).count()).toBe(1);
    expect(await axeViolations(e2e.page), 'English').toEqual([]);
  });

  it('warns once about an unknown activity and lets the volunteer choose it', async () => {
    const warnings: string[] = [];
    e2e.page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await open('<samskab-reflection-prompt activity="besogsven"></samskab-reflection-prompt>');
    const select = prompt().getByLabel('Aktivitet');
    await expect.poll(() => select.count()).toBe(1);
    expect(await prompt().locator('#activity-hint').textContent()).toBe(
      'Aktiviteten på siden findes ikke.',
    );
    expect(warnings.filter((w) => w.includes('activity="besogsven"'))).toHaveLength(1);
    expect(await axeViolations(e2e.page), 'unknown activity').toEqual([]);

    await answerWithMouse();
    await send();
    await expect
      .poll(() => prompt().locator('.form-error').textContent())
      .toBe('Vælg en aktivitet');
    await select.selectOption('besoegsven');
    await expect.poll(() => prompt().getByRole('radio', { name: 'Ja' }).count()).toBeGreaterThan(0);
    await answerWithMouse();
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(SENT);
  });

  it('warns once when no activity is named, and lets the volunteer choose it and reflect by keyboard alone', async () => {
    const warnings: string[] = [];
    e2e.page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    // Two prompts without an activity: one warning, not one each.
    await e2e.openWidgetPage(
      '<samskab-reflection-prompt></samskab-reflection-prompt><samskab-reflection-prompt hidden></samskab-reflection-prompt>',
      { csp: true },
    );
    const first = prompt().first();
    const select = first.getByRole('combobox', { name: 'Hvilken aktivitet var du frivillig i?' });
    await expect.poll(() => select.count()).toBe(1);
    // Nothing to answer until the volunteer has chosen: the questions are the activity's.
    expect(await first.locator('input[type="radio"]').count()).toBe(0);
    expect(await first.getByRole('button', { name: 'Send refleksion' }).count()).toBe(0);
    expect(warnings.filter((w) => w.includes('names no activity'))).toEqual([
      '[samskab] <samskab-reflection-prompt> names no activity; letting the volunteer choose.',
    ]);
    expect(await axeViolations(e2e.page), 'choose an activity').toEqual([]);

    const keys = async (...list: string[]) => {
      for (const key of list) await e2e.page.keyboard.press(key);
    };
    await keys('Tab'); // the list of activities, first on the page
    expect(await select.evaluate((el) => el.matches(':focus'))).toBe(true);
    // A closed select takes arrow keys on Windows and Linux: the first activity is the Besøgsven.
    await keys('ArrowDown');
    expect(await select.inputValue()).toBe('besoegsven');
    await expect.poll(() => first.locator('input[type="radio"]').count()).toBeGreaterThan(0);
    expect(await axeViolations(e2e.page), 'chosen').toEqual([]);
    await keys('Tab', 'Space'); // Gav det mening? Ja
    await keys('Tab', 'ArrowRight'); // energy: 2
    await keys('Tab', 'Tab', 'Tab', 'Tab'); // past load, ownership and belonging to the note
    await keys('Tab', 'Space', 'Tab'); // Må vi kontakte dig? Ja, and on to the contact field
    await e2e.page.keyboard.type('ida@example.dk');
    await keys('Tab', 'Enter');
    await expect.poll(() => first.locator('[part="message"]').textContent()).toContain(SENT);
    // Stored for the activity chosen: its leader sees who asked to be contacted.
    expect((await pulse()).followUps.map((f: { contact: string }) => f.contact)).toEqual([
      'ida@example.dk',
    ]);
  });

  it('says when the activities cannot be loaded or there are none, and tries again on request', async () => {
    await e2e.page.route('**/api/v1/activities', (route) => route.abort());
    await e2e.openWidgetPage('<samskab-reflection-prompt></samskab-reflection-prompt>');
    const failed = prompt().getByText('Aktiviteterne kunne ikke hentes.', { exact: false });
    await expect.poll(() => failed.count()).toBe(1);
    expect(await axeViolations(e2e.page), 'failed').toEqual([]);

    // Loading stays on screen until the server answers.
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    await e2e.page.unrouteAll();
    await e2e.page.route('**/api/v1/activities', async (route) => {
      await answered;
      // A route's answer is held to CORS like the server's own.
      await route.fulfill({ json: [], headers: { 'Access-Control-Allow-Origin': '*' } });
    });
    await prompt().getByRole('button', { name: 'Prøv igen' }).focus();
    await e2e.page.keyboard.press('Enter');
    await expect.poll(() => prompt().getByText('Henter aktiviteter …').count()).toBe(1);
    expect(await axeViolations(e2e.page), 'loading').toEqual([]);
    answer();
    await expect
      .poll(() =>
        prompt().getByText('Der er ingen aktiviteter at reflektere over lige nu.').count(),
      )
      .toBe(1);
    expect(await axeViolations(e2e.page), 'none').toEqual([]);
  });

  it('retries a failed list by keyboard and lands on the list', async () => {
    await e2e.page.route('**/api/v1/activities', (route) => route.abort());
    await e2e.openWidgetPage('<samskab-reflection-prompt></samskab-reflection-prompt>');
    const retry = prompt().getByRole('button', { name: 'Prøv igen' });
    await expect.poll(() => retry.count()).toBe(1);
    await e2e.page.unrouteAll();
    await e2e.page.keyboard.press('Tab');
    expect(await retry.evaluate((el) => el.matches(':focus'))).toBe(true);
    await e2e.page.keyboard.press('Enter');
    const select = prompt().getByLabel('Hvilken aktivitet var du frivillig i?');
    await expect
      .poll(() => select.evaluate((el) => el.matches(':focus')).catch(() => false))
      .toBe(true);
  });

  it('puts the answers back with the reason when a queued reflection is refused on the next visit', async () => {
    // The first visit cannot reach the server, so the typo in the markup goes unnoticed.
    await e2e.page.route('**/api/v1/**', (route) => route.abort());
    await open('<samskab-reflection-prompt activity="besogsven"></samskab-reflection-prompt>');
    await answerWithMouse();
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(QUEUED);
    await e2e.page.goto('about:blank');
    await e2e.page.unrouteAll();

    await e2e.page.goto(e2e.host!.url);
    const error = prompt().locator('.form-error');
    await expect.poll(() => error.textContent()).toContain('Refleksionen blev ikke modtaget');
    await expect.poll(() => prompt().getByLabel('Aktivitet').count()).toBe(1);
    expect(await prompt().getByRole('radio', { name: 'For meget' }).isChecked()).toBe(true);
    expect(await axeViolations(e2e.page), 'refused later').toEqual([]);
  });

  it('gives a reflection back as not sent once it has waited 7 days', async () => {
    await open(PROMPT);
    const port = await e2e.stopServer();
    await answerWithMouse();
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain('7 dage');
    await e2e.page.goto('about:blank');
    await e2e.page.addInitScript(() => {
      const now = Date.now;
      Date.now = () => now() + 8 * 24 * 3_600_000;
    });
    await e2e.startServer(port);
    await e2e.page.goto(e2e.host!.url);
    await expect
      .poll(() => prompt().locator('.form-error').textContent())
      .toContain('Din gemte refleksion blev ikke sendt');
    expect(await prompt().getByRole('radio', { name: 'For meget' }).isChecked()).toBe(true);
    expect(await axeViolations(e2e.page), 'expired').toEqual([]);
  });

  it('says on the next visit that a reflection queued while the server was down has been sent', async () => {
    await open(PROMPT);
    const port = await e2e.stopServer();
    await answerWithMouse();
    await send();
    await expect.poll(() => prompt().locator('[part="message"]').textContent()).toContain(QUEUED);
    await e2e.page.goto('about:blank');
    await e2e.startServer(port);
    await e2e.page.goto(e2e.host!.url);
    await expect
      .poll(() => prompt().locator('[part="message"]').textContent())
      .toContain('Din gemte refleksion er nu sendt.');
    expect(await axeViolations(e2e.page), 'delivered later').toEqual([]);
  });
});
