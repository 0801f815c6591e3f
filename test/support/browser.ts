import axe from 'axe-core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.js';

/** A headless Debian Chromium (or CHROME_PATH), never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: run `npm run test:e2e`, which installs it.');
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true });
}

/** WCAG 2.1 A and AA violations on the page, shadow roots included. */
export async function axeViolations(page: Page, include?: string) {
  await page.evaluate(axe.source);
  const results = await page.evaluate(
    (selector) =>
      // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time.
      (window as any).axe.run(selector ? { include: [[selector]] } : document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    include,
  );
  return (results as axe.AxeResults).violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/**
 * Collects the page's Content-Security-Policy violations from its next
 * navigation on, as `<directive> <blocked URI>`; the array fills as they come.
 */
export async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // biome-ignore lint/suspicious/noExplicitAny: exposed just above.
      (window as any).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}
