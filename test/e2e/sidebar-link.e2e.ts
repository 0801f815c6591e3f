// The sidebar built for one Samskab server, against that real server, in a
// real Chromium: pair with a code from the workplace's database, see a
// resident's sign-up arrive in the Indbakke, take it into the notes, mark it
// kontaktet and see the server agree, read the lists offline, and see the
// sidebar say plainly when the workplace revokes the device. Every request
// the browser makes is recorded: none carries a note's text, tag or follow-up.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureFactory } from '../../src/server/feature.js';
import { FEATURES } from '../../src/server/features.js';
import type { RunningServer } from '../../src/server/server.js';
import { openSignupStore, type SignupStore } from '../../src/server/signups/store.js';
import { type Devices, openDevices } from '../../src/server/workplace/devices.js';
import { axeViolations } from '../support/browser.js';
import { chromiumArgs, findChromium } from '../support/chromium.js';
import { startTempServer } from '../support/temp-server.js';
import { checkPage } from '../support/workplace.js';

/** A fixed port: the extension is built for exactly this origin. */
const PORT = 48731;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** What the leader writes in the notes: none of it may appear in any request. */
const SECRETS = ['HEMMELIG-NOTE-ØRNEREDE', 'hemmeligtmaerke', 'HEMMELIG-OPFØLGNING-LYGTE'];

const dirs: string[] = [];
let ext = '';
/** The manifest exactly as the build wrote it. */
let builtManifest = '';
let server: RunningServer;
let context: BrowserContext;
let panel: Page;
/** The coordinator the sidebar pairs for, and the server's devices, from its own database. */
let accountId = '';
let devices: Devices;
/** The server's sign-ups, as the workplace reads them. */
let signups: SignupStore;
let newCode: () => Promise<string> = () => Promise.reject(new Error('no server'));
const requests: { url: string; method: string; headers: string; body: string }[] = [];

const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** Opens the workplace's devices on the server's own database, with a coordinator. */
const pairing: FeatureFactory = async ({ db, accounts, activities, clock }) => {
  devices = await openDevices(db, accounts);
  signups = await openSignupStore(db, activities);
  const token = await db.write((trx) =>
    accounts.invite(
      trx,
      {
        email: 'leder@kommune.dk',
        name: 'Mette Leder',
        role: 'coordinator',
        activities: ['besoegsven'],
        by: 'test',
      },
      clock(),
    ),
  );
  const accepted = await accounts.acceptInvitation(token, 'Mette Leder', clock());
  accountId = accepted!.account.id;
  newCode = async () => (await devices.pairingCode(accountId, clock()))!;
  return {};
};

/** A resident signs up, as the widget does (its API, with an Idempotency-Key). */
async function residentSignsUp(name: string) {
  const res = await fetch(`${ORIGIN}/api/v1/signups`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `e2e-link-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
    },
    body: JSON.stringify({
      activityId: 'besoegsven',
      name,
      email: 'amina@example.dk',
      phone: '12 34 56 78',
      help: 'Højtlæsning om tirsdagen',
      ageBand: '18-plus',
      consent: true,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  // The extension, built for this one server, into a directory of its own.
  const out = mkdtempSync(join(tmpdir(), 'samskab-link-ext-'));
  dirs.push(out);
  const built = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/link/build-extension.ts', out, 'chrome'],
    { env: { ...process.env, SAMSKAB_SERVER_ORIGINS: ORIGIN }, encoding: 'utf8' },
  );
  expect(built.status, `${built.stdout}${built.stderr}`).toBe(0);
  ext = join(out, 'chrome-mv3');
  builtManifest = readFileSync(join(ext, 'manifest.json'), 'utf8');
  // Headless Chromium cannot answer the browser's own prompt for the optional
  // host permission (it waits for a click in the browser's UI). So the copy
  // under test asks for the same origin at install instead: the panel's
  // `permissions.request` then finds it granted and resolves at once, and
  // everything after the prompt is the product's own code. The manifest as
  // built is checked below, before this change.
  const manifest = JSON.parse(builtManifest);
  manifest.host_permissions = manifest.optional_host_permissions;
  writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest));

  server = await startTempServer({
    port: PORT,
    adminToken: ADMIN_TOKEN,
    features: [...FEATURES, pairing],
  });

  const profile = mkdtempSync(join(tmpdir(), 'samskab-profile-'));
  dirs.push(profile);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    locale: 'da-DK',
    args: [...chromiumArgs, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  context.on('request', (r) =>
    requests.push({
      url: r.url(),
      method: r.method(),
      headers: JSON.stringify(r.headers()),
      body: r.postData() ?? '',
    }),
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  panel = await context.newPage();
  await panel.goto(`chrome-extension://${id}/sidepanel.html`);
  await panel.getByRole('heading', { name: 'Frivillige', level: 2 }).waitFor();
});

afterAll(async () => {
  await context?.close().catch(() => {});
  await server?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the sidebar linked to the workplace', () => {
  let signupId = '';

  it('is built to connect to exactly its server, asked for at pairing', () => {
    const manifest = JSON.parse(builtManifest);
    const csp: string = manifest.content_security_policy.extension_pages;
    expect(/connect-src ([^;]*)/.exec(csp)?.[1]?.trim()).toBe(ORIGIN);
    expect(manifest.optional_host_permissions).toEqual([`${ORIGIN}/*`]);
    expect(manifest.host_permissions).toBeUndefined();
  });

  it('keeps the leader’s notes, as ever', async () => {
    await panel.getByText('Tilføj frivillig').click();
    await panel.getByLabel('Navn', { exact: true }).fill('Søren Ågård');
    await panel.getByLabel('Mærker (kommasepareret)').fill(SECRETS[1]!);
    await panel.getByRole('button', { name: 'Gem frivillig' }).click();
    await panel.getByRole('button', { name: /Søren Ågård/ }).click();
    await panel.getByLabel('Note', { exact: true }).fill(SECRETS[0]!);
    await panel.getByRole('button', { name: 'Gem note' }).click();
    await panel.getByText(SECRETS[0]!).waitFor();
    await panel.getByText('Ny opfølgning').click();
    await panel.getByLabel('Hvad vil du følge op på?').fill(SECRETS[2]!);
    await panel.getByRole('button', { name: 'Gem opfølgning' }).click();
    await panel.getByText(SECRETS[2]!).first().waitFor();
  });

  it('pairs with the code from the workplace', async () => {
    signupId = await residentSignsUp('Amina Testesen');
    await panel.getByRole('button', { name: 'Samskab', exact: true }).click();
    await panel.getByRole('heading', { name: 'Forbind til Samskab', level: 2 }).waitFor();
    // The build's one server is filled in.
    expect(await panel.getByLabel('Serverens adresse').inputValue()).toBe(ORIGIN);
    expect(await axeViolations(panel)).toEqual([]);

    // A wrong code is refused in plain words, and focus goes to the code.
    await panel.getByLabel('Kode').fill('AAAA2222');
    await panel.getByRole('button', { name: 'Forbind', exact: true }).click();
    await panel
      .getByText('Koden er forkert, udløbet eller allerede brugt.', { exact: false })
      .waitFor();
    await poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('pair-code');
    expect(await axeViolations(panel)).toEqual([]);

    await panel.getByLabel('Kode').fill((await newCode()).toLowerCase());
    await panel.getByRole('button', { name: 'Forbind', exact: true }).click();
    await panel.getByRole('heading', { name: 'Samskab', level: 2 }).waitFor();
    await panel.getByText('Forbundet til 127.0.0.1', { exact: false }).waitFor();
    await panel.getByText(/Sidst hentet kl\. \d\d\.\d\d/).waitFor();
  });

  it('shows the resident’s sign-up in the Indbakke', async () => {
    await panel.getByRole('heading', { name: 'Amina Testesen', level: 4 }).waitFor();
    await panel.getByText('Vil gerne hjælpe med: Højtlæsning om tirsdagen').waitFor();
    await panel.getByText('Alder: 18 år eller ældre').first().waitFor();
    // Axe, and at 320 px no sideways scrolling.
    await checkPage(panel, 'Indbakke', { reflow: true });
  });

  it('takes the sign-up into the notes, then marks it kontaktet, and the server agrees', async () => {
    await panel.getByRole('button', { name: 'Opret Amina Testesen i mine noter' }).click();
    await panel.getByRole('button', { name: 'Åbn Amina Testesen i mine noter' }).waitFor();
    await panel.getByRole('button', { name: 'Markér Amina Testesen som kontaktet' }).click();
    await panel.getByText('Status: kontaktet').waitFor();
    // The button went with the status; the keyboard stays on the sign-up.
    await poll(() => panel.evaluate(() => document.activeElement?.textContent)).toBe(
      'Amina Testesen',
    );
    expect((await signups.getWithStatus(signupId))?.status).toBe('kontaktet');

    await panel.getByRole('button', { name: 'Åbn Amina Testesen i mine noter' }).click();
    await panel.getByRole('heading', { name: 'Amina Testesen', level: 2 }).waitFor();
    await panel.getByText(`tilmelding:${signupId}`).waitFor();
  });

  it('shows I dag, Opfølgning and Puls, each accessible', async () => {
    await panel.getByRole('button', { name: 'Samskab', exact: true }).click();
    for (const [view, text] of [
      ['I dag', /Ingen vagter i dag eller i morgen\.|Kommer/],
      ['Opfølgning', /Ingen har bedt om at blive kontaktet\.|Kontakt:/],
      ['Puls', /Ingen aktiviteter|Uge for uge/],
    ] as const) {
      await panel
        .getByRole('navigation', { name: 'Samskab-visninger' })
        .getByRole('button', { name: view })
        .click();
      await panel.getByRole('heading', { name: view, level: 3 }).waitFor();
      await panel.getByText(text).first().waitFor();
      expect(await axeViolations(panel), view).toEqual([]);
    }
  });

  it('reads the Indbakke offline, with when it was fetched', async () => {
    await residentSignsUp('Bo Offlinesen');
    await panel
      .getByRole('navigation', { name: 'Samskab-visninger' })
      .getByRole('button', { name: /Indbakke/ })
      .click();
    await panel.getByRole('button', { name: 'Hent igen' }).click();
    await panel.getByRole('heading', { name: 'Bo Offlinesen', level: 4 }).waitFor();

    await context.setOffline(true);
    try {
      await panel.reload();
      await panel.getByRole('heading', { name: 'Frivillige', level: 2 }).waitFor();
      await panel.getByRole('button', { name: 'Samskab', exact: true }).click();
      await panel.getByRole('heading', { name: 'Bo Offlinesen', level: 4 }).waitFor();
      await panel.getByText('Ingen forbindelse til Samskab lige nu.', { exact: false }).waitFor();
      await panel.getByText(/Sidst hentet kl\. \d\d\.\d\d/).waitFor();
      expect(await axeViolations(panel)).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
  });

  it('says plainly when the workplace revokes the device, and forgets the lists', async () => {
    // Back online, the panel fetched again by itself: wait until it is done.
    await panel.getByRole('button', { name: 'Hent igen' }).waitFor();
    const [paired] = await devices.list(accountId);
    expect(await devices.revoke(accountId, paired!.id)).toBe(true);
    await panel.getByRole('button', { name: 'Hent igen' }).click();
    await panel.getByText('Forbindelsen til Samskab er afbrudt i arbejdspladsen.').waitFor();
    // The buttons pressed are gone: focus is on the heading of what the section shows now.
    await poll(() => panel.evaluate(() => document.activeElement?.id)).toBe('link-heading');
    await panel.getByRole('heading', { name: 'Forbind til Samskab', level: 2 }).waitFor();
    expect(await panel.getByText('Bo Offlinesen').count()).toBe(0);
    expect(await axeViolations(panel)).toEqual([]);
    // And after a reload too: the token and the cache are gone.
    await panel.reload();
    await panel.getByRole('button', { name: 'Samskab', exact: true }).click();
    await panel.getByRole('heading', { name: 'Forbind til Samskab', level: 2 }).waitFor();
    expect(await panel.getByText('Bo Offlinesen').count()).toBe(0);
  });

  it('sent no note text, tag or follow-up in any request', () => {
    const toServer = requests.filter((r) => r.url.startsWith(ORIGIN));
    expect(toServer.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/sidepanel/forbind',
        'GET /api/v1/sidepanel/oversigt',
        `POST /api/v1/sidepanel/tilmeldinger/${signupId}/status`,
      ]),
    );
    // Nothing but the sidebar's own files and its one server.
    expect(
      requests.filter((r) => !r.url.startsWith(ORIGIN) && !r.url.startsWith('chrome-extension://')),
    ).toEqual([]);
    for (const r of requests) {
      const seen = `${r.url}\n${r.headers}\n${r.body}`.toLowerCase();
      for (const secret of SECRETS) expect(seen, r.url).not.toContain(secret.toLowerCase());
    }
  });
});
