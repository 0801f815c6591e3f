// The webmaster's side in real Chromium: the configurator, the snippets it
// makes pasted into a page of another origin, the iframe fallback, SRI and
// forced colours.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { EmbedPapers } from '../../src/schemas/embed.js';
import { axeViolations, recordCspViolations } from '../support/browser.js';
import { useE2e } from '../support/e2e.js';
import { municipalPage } from '../support/host-page.js';

const e2e = useE2e();
let hostHtml = '';

/**
 * A municipal page on its own origin holding `body`; the server is restarted
 * on the same port (the snippets name it) with that origin allowed.
 */
async function openHostPage(body: string) {
  hostHtml = municipalPage(body);
  await e2e.openHostPage(() => ({ html: hostHtml }), { samePort: true });
}

async function papers(query: string): Promise<EmbedPapers> {
  const response = await fetch(`${e2e.server.url}embed/papers?${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

const signups = () => e2e.signups();

/** Whether the page's sign-up form has rendered its fields. */
const signupFormRendered = () =>
  e2e.page.locator('samskab-signup-form').evaluate((e) => !!e.shadowRoot?.querySelector('input'));

/** Signs an adult up by pointer in `form` and waits for the thanks. */
async function signUp(form: Locator, name: string, email: string) {
  await form.getByLabel('Navn').fill(name);
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('18 år eller derover').check();
  await form.getByLabel(/Jeg giver samtykke/).check();
  await form.getByRole('button', { name: 'Tilmeld' }).click();
  await expect
    .poll(() => form.getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
    .toBe(1);
}

describe('the configurator', () => {
  it('is usable by keyboard alone, updates its snippet live and copies it', async () => {
    await e2e.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(e2e.server.url).origin,
    });
    await e2e.page.goto(`${e2e.server.url}embed`);
    await e2e.page.getByRole('radio', { name: 'Tilmeldingsformular' }).focus();
    await e2e.page.keyboard.press('ArrowDown'); // to Vagtkalender
    await expect
      .poll(() => e2e.page.locator('#snippet-script').textContent())
      .toContain('<samskab-shift-calendar');
    await e2e.page.keyboard.press('Tab'); // the activity select
    await e2e.page.keyboard.press('ArrowDown'); // the first activity
    await expect
      .poll(() => e2e.page.locator('#snippet-script').textContent())
      .toContain('activity="besoegsven"');
    await expect
      .poll(() => e2e.page.locator('#preview').evaluate((e) => e.localName))
      .toBe('samskab-shift-calendar');

    const copy = e2e.page.locator('button[data-copy="snippet-script"]');
    await copy.focus();
    await e2e.page.keyboard.press('Enter');
    await expect
      .poll(() => e2e.page.locator('#copy-status').textContent())
      .toBe('Kopieret: Script og widget');
    const copied = await e2e.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await e2e.page.locator('#snippet-script').textContent());
  });

  it('passes axe, and so do the docs and a hosted page', async () => {
    await e2e.page.goto(`${e2e.server.url}embed`);
    await expect
      .poll(() =>
        e2e.page.locator('#preview').evaluate((e) => !!e.shadowRoot?.querySelector('input')),
      )
      .toBe(true);
    expect(await axeViolations(e2e.page), 'configurator').toEqual([]);
    await e2e.page.goto(`${e2e.server.url}docs/samskab-signup-form`);
    expect(await axeViolations(e2e.page), 'docs').toEqual([]);
    await e2e.page.goto(`${e2e.server.url}embed/signup-form?activity=besoegsven`);
    await expect.poll(signupFormRendered).toBe(true);
    expect(await axeViolations(e2e.page), 'hosted page').toEqual([]);
  });

  it('warns when the chosen colours have too little contrast', async () => {
    await e2e.page.goto(`${e2e.server.url}embed`);
    expect(await e2e.page.locator('#contrast .warn').count()).toBe(0);
    await e2e.page.locator('#primary').evaluate((input: HTMLInputElement) => {
      input.value = '#aaaaaa';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => e2e.page.locator('#contrast .warn').count()).toBe(2);
    expect(await e2e.page.locator('#contrast').textContent()).toContain('for lav kontrast');
    await expect
      .poll(() => e2e.page.locator('#snippet-css').textContent())
      .toContain('--samskab-color-primary: #aaaaaa;');
  });
});

describe('the snippets', () => {
  it('work when pasted into a page on another origin: a resident signs up', async () => {
    const snippet = (await papers('widget=signup-form&activity=besoegsven')).script;
    await openHostPage(snippet);
    const form = e2e.page.locator('samskab-signup-form');
    await expect.poll(() => form.getByLabel('Navn').count()).toBe(1);
    await signUp(form, 'Jens Ærbø', 'jens@example.dk');
    expect(await signups()).toMatchObject([{ name: 'Jens Ærbø', activityId: 'besoegsven' }]);
  });

  it('pin a version whose SRI hash the browser accepts, and refuse tampered bytes', async () => {
    const versioned = (await papers('widget=signup-form&activity=besoegsven')).versioned;
    expect(versioned).toMatch(/integrity="sha384-/);
    await openHostPage(versioned);
    await expect.poll(signupFormRendered).toBe(true);

    const tampered = versioned.replace(
      /integrity="sha384-[^"]+"/,
      `integrity="sha384-${'A'.repeat(64)}"`,
    );
    const errors: string[] = [];
    e2e.page.on('console', (m) => errors.push(m.text()));
    await e2e.closeHost();
    await openHostPage(tampered);
    await expect.poll(() => errors.join('\n')).toContain('integrity');
    expect(
      await e2e.page.evaluate(() => customElements.get('samskab-signup-form')),
    ).toBeUndefined();
  });

  it('fall back to an iframe that sizes itself and still signs a resident up', async () => {
    const iframe = (await papers('widget=signup-form&activity=lektiecafe')).iframe;
    await openHostPage(iframe);
    const frame = e2e.page.locator('iframe[data-samskab-frame]');
    expect(await frame.getAttribute('title')).toBe('Tilmeld dig som frivillig');
    // resize.js replaces the snippet's fixed 900 px with the content's height.
    await expect.poll(() => frame.getAttribute('height')).not.toBe('900');
    const before = Number(await frame.getAttribute('height'));
    expect(before).toBeGreaterThan(300);

    const form = e2e.page.frameLocator('iframe[data-samskab-frame]').locator('samskab-signup-form');
    await form.getByRole('button', { name: 'Tilmeld' }).click();
    // The error summary makes the content taller; the iframe follows.
    await expect
      .poll(async () => Number(await frame.getAttribute('height')))
      .toBeGreaterThan(before);
    await signUp(form, 'Mette Ørsted', 'mette@example.dk');
    expect(await signups()).toMatchObject([{ name: 'Mette Ørsted', activityId: 'lektiecafe' }]);
    expect(hostHtml).toContain('resize.js');
  });
});

describe('the bundle loaded twice under a strict CSP', () => {
  it('records no violation and no page error under the advised policy, from both URLs', async () => {
    const violations = await recordCspViolations(e2e.page);
    const pageErrors: string[] = [];
    e2e.page.on('pageerror', (error) => pageErrors.push(error.message));
    const made = await papers('widget=signup-form&activity=besoegsven');
    const pinned = /<script [^>]*\/v\/[^>]*><\/script>/.exec(made.versioned)?.[0];
    expect(pinned).toBeDefined();
    const advised = made.csp.map((need) => `${need.directive} ${need.sources}`);
    expect(advised).toContain("trusted-types lit-html 'allow-duplicates'");

    /** The evergreen and the pinned bundle on one page under `directives`. */
    const open = async (directives: string[]) => {
      const policy = [
        "default-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "require-trusted-types-for 'script'",
        ...directives,
      ].join('; ');
      hostHtml = municipalPage(
        '<samskab-signup-form activity="besoegsven"></samskab-signup-form>',
        `<script type="module" src="${new URL(e2e.server.url).origin}/samskab.js"></script>${pinned}`,
      );
      await e2e.openHostPage(
        () => ({ html: hostHtml, headers: { 'Content-Security-Policy': policy } }),
        { samePort: true },
      );
      await expect.poll(signupFormRendered).toBe(true);
    };

    // The policy the configurator used to advise: the second copy's policy is refused.
    // This also shows that both copies run, so the check below can fail.
    await open(advised.map((d) => d.replace(" 'allow-duplicates'", '')));
    await expect.poll(() => violations.join('\n')).toContain('trusted-types');
    await expect.poll(() => pageErrors.join('\n')).toContain('lit-html');

    violations.length = 0;
    pageErrors.length = 0;
    await e2e.closeHost();
    await open(advised);
    const form = e2e.page.locator('samskab-signup-form');
    await signUp(form, 'Jens Ærbø', 'jens@example.dk');
    expect(violations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe('resize.js', () => {
  it('ignores height messages from a foreign origin and from another window', async () => {
    const iframe = (await papers('widget=signup-form&activity=lektiecafe')).iframe;
    const samskab = new URL(e2e.server.url).origin;
    // Another window of the Samskab origin: a hosted page that is not the marked iframe.
    const other = `<iframe name="andet" src="${samskab}/embed/signup-form?activity=besoegsven" title="En anden side" width="300" height="200"></iframe>`;
    await openHostPage(`${iframe}\n${other}`);
    const host = new URL(e2e.host!.url).origin;
    const frame = e2e.page.locator('iframe[data-samskab-frame]');
    await expect.poll(() => frame.getAttribute('height')).not.toBe('900');
    const fitted = await frame.getAttribute('height');

    // Notes forged heights as the host page receives them; resize.js listened first.
    await e2e.page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { forged: seen });
      addEventListener('message', (event) => {
        const height = event.data?.height;
        if (height === 4321 || height === 555) seen.push(`${event.origin} ${height}`);
      });
    });
    const forged = () =>
      e2e.page.evaluate(() => (window as unknown as { forged: string[] }).forged.slice());
    const forge = (height: number) => ({ type: 'samskab:height', height });

    // From the host page's own origin (as any script on the page could), and from
    // the Samskab origin but a window that is not the iframe's.
    await e2e.page.evaluate((message) => postMessage(message, '*'), forge(4321));
    const andet = e2e.page.frame({ name: 'andet' });
    await expect.poll(() => andet?.evaluate(() => document.readyState)).toBe('complete');
    await andet!.evaluate((message) => parent.postMessage(message, '*'), forge(4321));
    await expect.poll(forged).toEqual([`${host} 4321`, `${samskab} 4321`]);
    expect(await frame.getAttribute('height')).toBe(fitted);

    // The same message from the iframe itself is believed, so the checks can fail.
    const own = e2e.page.frames().find((f) => f.url().includes('activity=lektiecafe'));
    await own!.evaluate((message) => parent.postMessage(message, '*'), forge(4321));
    await expect.poll(() => frame.getAttribute('height')).toBe('4321');

    // The iframe's own window, once it shows a page of another origin (here the
    // host's, through about:blank), is no longer believed.
    await frame.evaluate(async (f: HTMLIFrameElement, message) => {
      await new Promise((loaded) => {
        f.addEventListener('load', loaded, { once: true });
        f.src = 'about:blank';
      });
      // A script of the frame's own document posts, so the message's source is the frame.
      const script = f.contentDocument!.createElement('script');
      script.textContent = `parent.postMessage(${JSON.stringify(message)}, '*')`;
      f.contentDocument!.body.append(script);
    }, forge(555));
    await expect.poll(forged).toContain(`${host} 555`);
    expect(await frame.getAttribute('height')).toBe('4321');
  });
});

describe('forced colours (Windows high contrast)', () => {
  it('keep visible focus and field borders', async () => {
    await e2e.page.emulateMedia({ forcedColors: 'active' });
    await e2e.page.goto(`${e2e.server.url}embed/signup-form?activity=besoegsven`);
    const name = e2e.page.locator('samskab-signup-form').getByLabel('Navn');
    await expect.poll(() => name.count()).toBe(1);
    await name.focus();
    const style = await name.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        outline: s.outlineStyle,
        outlineWidth: s.outlineWidth,
        border: s.borderTopStyle,
        borderWidth: s.borderTopWidth,
      };
    });
    expect(style.outline).toBe('solid');
    expect(Number.parseFloat(style.outlineWidth)).toBeGreaterThanOrEqual(2);
    expect(style.border).toBe('solid');
    expect(Number.parseFloat(style.borderWidth)).toBeGreaterThanOrEqual(1);
  });
});
