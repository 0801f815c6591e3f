// "Mine vagter" in real Chromium at 320 px, by keyboard alone: ask for a link,
// read it from the demo server's kept mail, open it, give a place up (the
// next in line moves up), download the data, and erase everything after a
// confirm step; axe-clean and without sideways scrolling in every state.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/server/features.js';
import { mineFeature } from '../../src/server/mine/feature.js';
import { axeViolations } from '../support/browser.js';
import { ADMIN_TOKEN, useE2e } from '../support/e2e.js';

/** Every feature and "Mine vagter", whether or not features.ts lists it yet. */
const WITH_MINE = FEATURES.includes(mineFeature) ? FEATURES : [...FEATURES, mineFeature];
const e2e = useE2e({ features: WITH_MINE });

/** Tabs forward until the focused element matches `selector`; fails after 20 presses. */
async function tabTo(selector: string) {
  for (let i = 0; i < 20; i++) {
    await e2e.page.keyboard.press('Tab');
    if (await e2e.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      return;
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** No WCAG A/AA violation and no sideways scrolling at the page's 320 px. */
async function checkState(name: string) {
  expect(await axeViolations(e2e.page), name).toEqual([]);
  expect(
    await e2e.page.evaluate(() => document.documentElement.scrollWidth),
    name,
  ).toBeLessThanOrEqual(320);
}

/** The newest "Mine vagter" link in the demo server's kept mail. */
async function linkFromDevMail(): Promise<string> {
  const res = await fetch(`${e2e.server.url}dev/mail`, {
    headers: { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
  });
  expect(res.status).toBe(200);
  const path = /\/mine\/adgang\/[A-Za-z0-9_-]{43}/.exec(await res.text())?.[0];
  expect(path).toBeDefined();
  return path!;
}

async function claimsOf(id: string) {
  const res = await e2e.admin(`shifts/${id}/claims`);
  return (await res.json()) as { claimed: { email: string }[]; waitlisted: { email: string }[] };
}

describe('Mine vagter', () => {
  it('takes a resident from their address to erasure by keyboard alone, axe-clean at 320 px', async () => {
    await e2e.page.setViewportSize({ width: 320, height: 720 });
    const created = await e2e.admin('shifts', {
      method: 'POST',
      body: JSON.stringify({
        activityId: 'besoegsven',
        title: 'Eftermiddagsbesøg med en meget lang titel, der skal ombrydes pænt',
        location: 'Plejecenter Solgården, Æblevej 5, Ærøskøbing',
        start: '2030-01-08T17:00:00+01:00',
        end: '2030-01-08T19:00:00+01:00',
        capacity: 1,
      }),
    });
    expect(created.status).toBe(201);
    const [{ id }] = (await created.json()) as [{ id: string }];
    const person = { ageBand: '18-plus', consent: true, waitlist: true };
    const anna = { name: 'Anna Andersen', email: 'anna.andersen@example.dk', ...person };
    expect((await e2e.post(`shifts/${id}/claims`, 'mine-anna-claim-0001', anna)).status).toBe(201);
    const bo = { name: 'Bo Berg', email: 'bo@example.dk', ...person };
    expect((await e2e.post(`shifts/${id}/claims`, 'mine-bo-claim-00001', bo)).status).toBe(201);
    const signup = {
      activityId: 'besoegsven',
      name: 'Anna Andersen',
      email: 'anna.andersen@example.dk',
      ageBand: '18-plus',
      consent: true,
    };
    expect((await e2e.post('signups', 'mine-anna-signup-001', signup)).status).toBe(201);

    // Ask for a link.
    await e2e.page.goto(`${e2e.server.url}mine`);
    await checkState('ask');
    await tabTo('#mine-email');
    await e2e.page.keyboard.type('Anna.Andersen@example.dk');
    await e2e.page.keyboard.press('Enter');
    await expect
      .poll(() => e2e.page.getByRole('status').textContent())
      .toContain('Tjek din indbakke');
    await checkState('asked');

    // Open it: the page first, then the button that uses it up.
    await e2e.page.goto(`${e2e.server.url}${(await linkFromDevMail()).slice(1)}`);
    await checkState('link');
    await tabTo('button');
    await e2e.page.keyboard.press('Enter');
    await expect
      .poll(() => e2e.page.getByRole('heading', { level: 2 }).allTextContents())
      .toEqual(['Dine vagter', 'Dine tilmeldinger', 'Dine data']);
    expect(await e2e.page.getByText('Du har en plads.').count()).toBe(1);
    expect(await e2e.page.getByText('Besøgsven på Plejecenter Solgården').count()).toBe(1);
    expect(await e2e.page.getByText(/Bo Berg|bo@example/).count()).toBe(0);
    await checkState('list');

    // Give the place up: Bo moves up.
    await tabTo('button[type="submit"]');
    expect(await e2e.page.evaluate(() => document.activeElement?.textContent ?? '')).toContain(
      'Meld afbud',
    );
    await e2e.page.keyboard.press('Enter');
    await expect
      .poll(() => e2e.page.getByRole('status').textContent())
      .toContain('Du har meldt afbud');
    await checkState('cancelled');
    const after = await claimsOf(id);
    expect(after.claimed.map((c) => c.email)).toEqual(['bo@example.dk']);

    // Download everything held.
    await tabTo('form[action^="/mine/eksport"] button');
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^mine-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data.email).toBe('anna.andersen@example.dk');
    expect(data.signups.map((s: { email: string }) => s.email)).toEqual([
      'anna.andersen@example.dk',
    ]);
    expect(data.claims).toEqual([]);

    // Erase, after a confirm step.
    await tabTo('form[action^="/mine/slet"] button');
    await e2e.page.keyboard.press('Enter');
    await expect
      .poll(() => e2e.page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Slet alt om dig?');
    await checkState('confirm');
    await tabTo('form[action^="/mine/slet/bekraeft"] button');
    await e2e.page.keyboard.press('Enter');
    await expect.poll(() => e2e.page.getByRole('status').textContent()).toContain('Du er slettet.');
    await checkState('erased');
    const left = (await e2e.signups()).map((s) => s.email);
    expect(left).not.toContain('anna.andersen@example.dk');
  });

  it('is English with ?lang=en, and axe-clean there too', async () => {
    await e2e.page.setViewportSize({ width: 320, height: 720 });
    await e2e.page.goto(`${e2e.server.url}mine?lang=en`);
    expect(await e2e.page.getAttribute('html', 'lang')).toBe('en');
    await checkState('ask, English');
    await tabTo('#mine-email');
    await e2e.page.keyboard.type('not an address');
    await e2e.page.keyboard.press('Enter');
    await expect.poll(() => e2e.page.getByRole('alert').textContent()).toContain('valid e-mail');
    await checkState('invalid, English');
  });
});
