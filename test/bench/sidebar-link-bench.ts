// The sidebar linked to the workplace: the extension built for one server,
// against that real server holding 500 new sign-ups for the leader's activity,
// in Chromium. Open panel → Indbakke rendered, first from the network (no
// cached copy) and then from the offline cache. Prints; never passes or fails
// on time.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { FeatureFactory } from '../../src/server/feature.js';
import { FEATURES } from '../../src/server/features.js';
import { openSignupStore } from '../../src/server/signups/store.js';
import { openDevices } from '../../src/server/workplace/devices.js';
import { chromiumArgs, findChromium } from '../support/chromium.js';
import { startTempServer } from '../support/temp-server.js';
import { type BenchRow, printRows } from './report.js';

/** A fixed port: the extension is built for exactly this origin. */
const PORT = 48_741;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PENDING = 500;
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What the bench asks of the server's own stores once it runs. */
interface Seeding {
  /** Writes the 500 new sign-ups (after the demo activities exist). */
  seed: () => Promise<void>;
  next: () => Promise<string>;
}

/** The coordinator, then 500 new sign-ups for their activity and pairing codes on request. */
function seeding(hooks: Seeding): FeatureFactory {
  return async ({ db, accounts, activities, clock }) => {
    const devices = await openDevices(db, accounts);
    await openSignupStore(db, activities);
    const token = await db.write((trx) =>
      accounts.invite(
        trx,
        {
          email: 'leder@kommune.dk',
          name: 'Mette Leder',
          role: 'coordinator',
          activities: ['besoegsven'],
          by: 'bench',
        },
        clock(),
      ),
    );
    const accepted = await accounts.acceptInvitation(token, 'Mette Leder', clock());
    const accountId = accepted!.account.id;
    hooks.seed = async () => {
      const now = clock().getTime();
      const rows = Array.from({ length: PENDING }, (_, i) => ({
        id: randomUUID(),
        activity_id: 'besoegsven',
        name: `Søren Ågård ${i}`,
        email: `beboer${i}@example.dk`,
        phone: i % 3 ? '12 34 56 78' : '',
        help: 'Højtlæsning om tirsdagen, gåture i haven og et slag kort',
        age_band: i % 17 === 0 ? '15-17' : '18-plus',
        guardian_consent: i % 17 === 0 ? 1 : 0,
        created_at: new Date(now - i * 600_000).toISOString(),
        status: 'ny',
        status_by: null,
        status_at: null,
      }));
      await db.write(async (trx) => {
        const t = trx.withTables<Record<string, Record<string, unknown>>>();
        for (let i = 0; i < rows.length; i += 250)
          await t
            .insertInto('signups')
            .values(rows.slice(i, i + 250))
            .execute();
      });
    };
    hooks.next = async () => (await devices.pairingCode(accountId, clock()))!;
    return {};
  };
}

/** Opens the panel afresh, goes to Samskab, and waits for the Indbakke's mark from `source`. */
async function openToInbox(panel: Page, url: string, source: 'network' | 'cache') {
  await panel.goto(url, { waitUntil: 'commit' });
  // The leader's click, made by the page itself the moment the button exists:
  // Playwright's own click would add its actionability checks to the figure.
  // (A string: tsx would wrap a named arrow function in a helper the page lacks.)
  await panel.evaluate(`new Promise((resolve) => {
    const tryClick = () => {
      const button = [...document.querySelectorAll('nav button')].find(
        (b) => b.textContent.trim() === 'Samskab',
      );
      if (!button) return requestAnimationFrame(tryClick);
      button.click();
      resolve();
    };
    tryClick();
  })`);
  await panel.waitForFunction(
    (s) =>
      performance
        .getEntriesByName('samskab:inbox')
        .some((m) => (m as PerformanceMark).detail === s),
    source,
    { timeout: 60_000 },
  );
  const ms = await panel.evaluate(
    (s) =>
      performance
        .getEntriesByName('samskab:inbox')
        .find((m) => (m as PerformanceMark).detail === s)!.startTime,
    source,
  );
  // The newest 50 show, the rest on request; the count says all 500 are there.
  const shown = await panel.locator('.link-item').count();
  if (shown !== 50) throw new Error(`the Indbakke showed ${shown} sign-ups, not 50`);
  await panel.getByRole('button', { name: /Vis 50 mere \(450 endnu ikke vist\)/ }).waitFor();
  return ms;
}

/** Runs the linked-sidebar bench and returns its rows. */
export async function benchSidebarLink(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'samskab-bench-link-'));
  const built = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'test/link/build-extension.ts', join(dir, 'ext'), 'chrome'],
    { env: { ...process.env, SAMSKAB_SERVER_ORIGINS: ORIGIN }, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`${built.stdout}${built.stderr}`);
  const ext = join(dir, 'ext', 'chrome-mv3');
  // Headless Chromium cannot click the browser's own permission prompt, so the
  // copy under test holds the host permission from install (as in
  // test/e2e/sidebar-link.e2e.ts); the panel's request then resolves at once.
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
  manifest.host_permissions = manifest.optional_host_permissions;
  writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest));

  const none = () => Promise.reject(new Error('no server'));
  const codes: Seeding = { seed: none, next: none };
  const server = await startTempServer({ port: PORT, features: [...FEATURES, seeding(codes)] });
  await codes.seed();
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: findChromium(),
    headless: true,
    locale: 'da-DK',
    args: [...chromiumArgs, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  try {
    // The server's own answer, as a baseline: a second device's token, from Node.
    const paired = await fetch(`${ORIGIN}/api/v1/sidepanel/forbind`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: await codes.next(), device: 'Bench' }),
    });
    const { token } = (await paired.json()) as { token: string };
    const fetches: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const res = await fetch(`${ORIGIN}/api/v1/sidepanel/oversigt`, {
        headers: { authorization: `Bearer ${token}` },
      });
      bytes = (await res.arrayBuffer()).byteLength;
      fetches.push(performance.now() - started);
    }

    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const url = `chrome-extension://${new URL(worker.url()).host}/sidepanel.html`;
    const panel = await context.newPage();
    await panel.goto(url);
    await panel.getByRole('button', { name: 'Samskab', exact: true }).click();
    await panel.getByLabel('Kode').fill(await codes.next());
    await panel.getByRole('button', { name: 'Forbind', exact: true }).click();
    await panel.getByRole('heading', { name: 'Søren Ågård 0', level: 4 }).waitFor();

    const network: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // No cached copy: what a leader sees on the first open after pairing.
      await panel.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('samskab-link');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('snapshot', 'readwrite');
              tx.objectStore('snapshot').clear();
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
            };
          }),
      );
      network.push(await openToInbox(panel, url, 'network'));
    }
    const cached: number[] = [];
    await context.setOffline(true);
    for (let i = 0; i < RUNS; i++) cached.push(await openToInbox(panel, url, 'cache'));
    await context.setOffline(false);

    return [
      {
        name: `open panel → Indbakke, ${PENDING} sign-ups, from the network (median of ${RUNS})`,
        value: median(network),
        unit: 'ms',
        better: 'lower',
        peer: { name: 'the server’s answer alone', value: median(fetches) },
      },
      {
        name: `open panel → Indbakke, ${PENDING} sign-ups, offline from the cache`,
        value: median(cached),
        unit: 'ms',
        better: 'lower',
        peer: { name: 'from the network', value: median(network) },
      },
      {
        name: `the snapshot with ${PENDING} sign-ups, as sent`,
        value: bytes / 1024,
        unit: 'KB',
        better: 'lower',
      },
    ];
  } finally {
    await context.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printRows('Leader’s sidebar linked to the workplace (Chromium)', await benchSidebarLink());
}
