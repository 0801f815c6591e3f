// Two municipalities on one server, in real Chromium: the widget script's
// origin selects the tenant, so the same snippet on A's site signs residents up
// with A, and a page on A's site that loads B's script cannot write into B.
import { request as httpRequest } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/server/cli.js';
import type { RunningServer } from '../../src/server/server.js';
import { launchChromium } from '../support/browser.js';
import { type HostPage, municipalPage, serveHostPage } from '../support/host-page.js';
import { startTempServer, tempDbPath } from '../support/temp-server.js';

let browser: Browser;
let server: RunningServer;
let host: HostPage;
let scriptOrigin = '';
const tokens: Record<string, string> = {};
const dbPath = tempDbPath();

/** Runs `npm run samskab -- <argv>` on the server's database; returns what it printed. */
async function samskab(argv: string[]) {
  const out: string[] = [];
  const code = await run(
    argv,
    { SAMSKAB_DB: dbPath },
    { log: (t) => out.push(t), error: () => {} },
  );
  if (code !== 0) throw new Error(`samskab ${argv.join(' ')}: ${code}`);
  return out.join('\n');
}

beforeAll(async () => {
  browser = await launchChromium();
  // Chromium sends every *.localhost name to the loopback address, as DNS would a tenant's host.
  host = await serveHostPage(() => ({
    html: municipalPage(
      '<samskab-signup-form activity="besoegsven"></samskab-signup-form>',
      `<script type="module" src="${scriptOrigin}/samskab.js"></script>`,
    ),
  }));
  server = await startTempServer({ dbPath, demo: true, tenantRefreshMs: 200 });
  for (const id of ['a-kommune', 'b-kommune']) {
    const url = `http://${id}.localhost:${server.port}`;
    // Only A lets the municipal site embed its widgets.
    const origins = id === 'a-kommune' ? ['--origins', host.origin] : [];
    const printed = await samskab([
      'tenant',
      'add',
      id,
      '--host',
      `${id}.localhost`,
      '--url',
      url,
      ...origins,
    ]);
    tokens[id] = printed.split('\n').find((line) => /^[A-Za-z0-9_-]{43}$/.test(line))!;
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await host?.close();
});

/** The sign-ups tenant `id` holds, through its admin API on its own host. */
function signupsOf(id: string): Promise<{ name: string }[]> {
  // Node's resolver knows no *.localhost names: connect to loopback and name the host.
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/v1/signups',
        headers: { Host: `${id}.localhost:${server.port}`, Authorization: `Bearer ${tokens[id]}` },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => {
          if (response.statusCode === 200) resolve(JSON.parse(body));
          else reject(new Error(`${id}: ${response.statusCode} ${body}`));
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function signUp(name: string) {
  const page = await browser.newPage();
  await page.goto(host.url);
  const form = page.locator('samskab-signup-form');
  await expect.poll(() => form.locator('input').count()).toBeGreaterThan(0);
  await form.getByLabel('Navn').fill(name);
  await form.getByLabel('E-mail').fill('resident@example.dk');
  await form.getByLabel('18 år eller derover').check();
  await form.getByLabel(/Jeg giver samtykke/).check();
  await form.getByRole('button', { name: 'Tilmeld' }).click();
  return { page, form };
}

describe('two tenants in a browser', () => {
  it('signs a resident up with the tenant whose script the page loads', async () => {
    scriptOrigin = `http://a-kommune.localhost:${server.port}`;
    const { page, form } = await signUp('Anna fra A');
    await expect
      .poll(() => form.getByRole('heading', { name: 'Tak for din tilmelding!' }).count())
      .toBe(1);
    await page.close();
    expect((await signupsOf('a-kommune')).map((s) => s.name)).toEqual(['Anna fra A']);
    expect(await signupsOf('b-kommune')).toEqual([]);
  });

  it('lets no page on A’s site write into B, even with B’s script', async () => {
    scriptOrigin = `http://b-kommune.localhost:${server.port}`;
    const { page, form } = await signUp('Bo via A');
    // B does not allow A's site, so the browser never gets an answer: the form
    // keeps the sign-up on the device to retry, as for a lost connection.
    await expect
      .poll(() => form.getByText('Vi kunne ikke nå serveren.', { exact: false }).count())
      .toBeGreaterThan(0);
    expect(await form.getByRole('heading', { name: 'Tak for din tilmelding!' }).count()).toBe(0);
    await page.close();
    expect(await signupsOf('b-kommune')).toEqual([]);
    expect((await signupsOf('a-kommune')).map((s) => s.name)).toEqual(['Anna fra A']);
  });
});
