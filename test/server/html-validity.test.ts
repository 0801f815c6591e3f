// Every page the server renders, in every state a person can reach, through
// the W3C Nu Html Checker (vnu.jar, the checker behind validator.w3.org):
// no error and no warning. All pages go to one Java run, as the JVM is slow
// to start.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ClaimReceipt } from '../../src/schemas/claim.js';
import { createApp } from '../../src/server/app.js';
import { WIDGETS } from '../../src/server/embed/catalogue.js';
import { readManifest } from '../../src/server/embed/manifest.js';
import { FEATURES } from '../../src/server/features.js';
import { openAccounts } from '../../src/server/workplace/accounts.js';
import {
  ADMIN_TOKEN,
  asAdmin,
  freshDb,
  manualClock,
  newKey,
  signedIn,
  tempDir,
} from './support.js';

const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));
const JAVA = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const INSTALL_JAVA =
  'The HTML validity test needs Java 17 or newer for vnu.jar: install it (Debian: `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME.';

/** Runs a command to its end; `error` is set when it could not start at all. */
function run(command: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; error?: Error }>(
    (resolve) => {
      const child = spawn(command, args);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.once('error', (error) => resolve({ code: null, stdout, stderr, error }));
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    },
  );
}

/** A message of vnu's JSON report. */
interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** The pages' messages by the path that served them; throws if Java is missing or too old. */
async function validate(pages: Map<string, string>): Promise<string[]> {
  const version = await run(JAVA, ['-version']);
  const major = Number(/version "(?:1\.)?(\d+)/.exec(version.stderr)?.[1]);
  if (version.error || !(major >= 17)) {
    throw new Error(`${INSTALL_JAVA} (${version.error?.message ?? version.stderr.trim()})`);
  }
  const dir = tempDir();
  const byUrl = new Map<string, string>();
  const files = [...pages].map(([path, markup], i) => {
    const file = join(dir, `page-${String(i).padStart(2, '0')}.html`);
    writeFileSync(file, markup);
    byUrl.set(pathToFileURL(file).href, path);
    return file;
  });
  const result = await run(JAVA, ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files]);
  const report = JSON.parse(result.stdout || '{"messages":[]}') as { messages: VnuMessage[] };
  if (result.code !== 0 && report.messages.length === 0) {
    throw new Error(`vnu.jar failed (exit ${result.code}): ${result.stderr}`);
  }
  return report.messages
    .filter((m) => m.type !== 'info' || m.subType === 'warning')
    .map((m) => {
      // vnu writes file:/tmp/…, Node file:///tmp/…; the file name is enough to match.
      const page = [...byUrl].find(([url]) => m.url && url.endsWith(m.url.replace(/^file:/, '')));
      const kind = m.type === 'info' ? 'warning' : m.type;
      return `${page?.[1] ?? m.url} line ${m.lastLine ?? '?'}: ${kind}: ${m.message} [${m.extract?.trim() ?? ''}]`;
    });
}

const english = { 'Accept-Language': 'en' };

/** An app with every feature over a fresh database, a clock the test moves and a stand-in widget build. */
async function fullApp({ demo = true } = {}) {
  const dir = tempDir();
  const widgetsDir = join(dir, 'widgets');
  // The configurator shows a pinned version with SRI only when there is a build.
  mkdirSync(widgetsDir);
  writeFileSync(join(widgetsDir, 'samskab.js'), 'console.log("samskab");');
  writeFileSync(join(widgetsDir, 'samskab-en.js'), 'export const en = {};');
  const dataDir = join(dir, 'data');
  const { db } = await freshDb();
  const clock = manualClock();
  const { app } = await createApp({
    db,
    dataDir,
    demo,
    features: FEATURES,
    adminToken: ADMIN_TOKEN,
    allowedOrigins: ['https://www.eksempel.dk'],
    widgetsDir,
    rateLimit: false,
    now: clock.now,
  });
  return { app, db, clock };
}

type App = Awaited<ReturnType<typeof fullApp>>['app'];

/** Collects pages by the request that served them, checking each has the status meant. */
function collector(app: App) {
  const pages = new Map<string, string>();
  return {
    pages,
    async page(label: string, path: string, status: number, init: RequestInit = {}) {
      const res = await app.request(path, init);
      const body = await res.text();
      expect(res.status, `${label}: ${body.slice(0, 200)}`).toBe(status);
      expect(res.headers.get('Content-Type'), label).toBe('text/html; charset=UTF-8');
      pages.set(label, body);
    },
  };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** A claim on `shiftId` as the widget makes it; returns its cancel token. */
async function claim(app: App, shiftId: string, n: number, waitlist = false) {
  const res = await app.request(
    `/api/v1/shifts/${shiftId}/claims`,
    json(
      {
        name: `Frivillig ${n}`,
        email: `frivillig${n}@example.dk`,
        ageBand: '18-plus',
        consent: true,
        waitlist,
      },
      { 'Idempotency-Key': newKey() },
    ),
  );
  expect(res.status).toBe(201);
  return ClaimReceipt.parse(await res.json()).cancelToken;
}

describe('every server-rendered page', () => {
  it('passes the W3C Nu Html Checker with no error and no warning', {
    timeout: 120_000,
  }, async () => {
    const { app, db, clock } = await fullApp();
    const { pages, page } = collector(app);
    const admin = await signedIn(db, { role: 'admin', name: 'Anne Admin' });
    const coordinator = await signedIn(db, {
      role: 'coordinator',
      activities: ['besoegsven'],
      name: 'Kim Koordinator',
    });
    const basic = admin.headers;

    // The demo site.
    await page('/', '/', 200);
    await page('/privatliv', '/privatliv', 200);

    // The webmaster's configurator, hosted widget pages and their refusals.
    await page('/embed', '/embed', 200);
    await page(
      '/embed with every option and poor contrast',
      '/embed?widget=shift-calendar&activity=lektiecafe&view=week&lang=en&theme=inherit&primary=%23ffff00&text=%23777777&background=%23ffffff&font=Verdana%2C%20sans-serif&privacy-url=%2Fprivatliv&processor=Kommunens%20IT',
      200,
    );
    await page('/embed with bad options', '/embed?widget=nope&primary=red&font=%3Cb%3E', 400);
    for (const { slug } of WIDGETS) {
      await page(`/embed/${slug}`, `/embed/${slug}`, 200);
      await page(
        `/embed/${slug} in English with a theme`,
        `/embed/${slug}?activity=besoegsven&lang=en&primary=%23005500`,
        200,
      );
    }
    await page('/embed/signup-form with bad options', '/embed/signup-form?view=sideways', 400);

    // The reference docs.
    await page('/docs', '/docs', 200);
    for (const { tagName } of (await readManifest()).elements) {
      await page(`/docs/${tagName}`, `/docs/${tagName}`, 200);
    }

    // The cancel pages: a place, a waitlist place, cancelled, gone, too late, in both languages.
    const shift = await app.request(
      '/api/v1/shifts',
      json(
        {
          activityId: 'besoegsven',
          title: 'Eftermiddagsbesøg',
          location: 'Plejecenter Solgården',
          start: '2026-12-01T17:00:00+01:00',
          end: '2026-12-01T19:00:00+01:00',
          capacity: 1,
        },
        asAdmin(),
      ),
    );
    expect(shift.status).toBe(201);
    const [{ id }] = (await shift.json()) as [{ id: string }];
    const holder = await claim(app, id, 1);
    const waiting = await claim(app, id, 2, true);
    await page('/afmeld/<claimed>', `/afmeld/${holder}`, 200);
    await page('/afmeld/<claimed>?lang=en', `/afmeld/${holder}?lang=en`, 200);
    await page('/afmeld/<waitlisted>', `/afmeld/${waiting}`, 200);
    await page('/afmeld/<unknown>', `/afmeld/${'A'.repeat(43)}`, 404);
    await page('/afmeld/<malformed>?lang=en', '/afmeld/nope?lang=en', 404);
    await page('POST /afmeld/<waitlisted>', `/afmeld/${waiting}`, 200, { method: 'POST' });
    await page('/afmeld/<already cancelled>', `/afmeld/${waiting}`, 404);
    await page('POST /afmeld/<already cancelled>', `/afmeld/${waiting}`, 404, { method: 'POST' });
    const policy = await app.request('/api/v1/shift-policies/besoegsven', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...asAdmin() },
      body: JSON.stringify({ cancelDeadlineHours: 48 }),
    });
    expect(policy.status).toBe(200);
    await page('POST /afmeld/<too late>', `/afmeld/${holder}?lang=en`, 409, { method: 'POST' });

    // The leader's pulse: the list, a demo activity's weeks, one without answers, an unknown one.
    const empty = await app.request(
      '/api/v1/activities',
      json({ title: 'Strikkeklub' }, asAdmin()),
    );
    expect(empty.status).toBe(201);
    const { id: emptyId } = (await empty.json()) as { id: string };
    await page('/leder/puls', '/leder/puls', 200, { headers: basic });
    await page('/leder/puls in English', '/leder/puls', 200, { headers: { ...basic, ...english } });
    await page('/leder/puls?activity=besoegsven', '/leder/puls?activity=besoegsven', 200, {
      headers: basic,
    });
    await page(
      '/leder/puls?activity=lektiecafe&weeks=52 in English',
      '/leder/puls?activity=lektiecafe&weeks=52',
      200,
      { headers: { ...basic, ...english } },
    );
    await page(
      '/leder/puls?activity=<no answers>',
      `/leder/puls?activity=${emptyId}&weeks=4`,
      200,
      {
        headers: basic,
      },
    );
    await page('/leder/puls?activity=<unknown>', '/leder/puls?activity=ukendt', 404, {
      headers: basic,
    });

    // The workplace: signing in by e-mail link, an invitation, and the pages behind the session.
    const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
    await page('/leder/log-ind', '/leder/log-ind?next=%2Fleder%2Fkonto', 200);
    await page('/leder/log-ind in English', '/leder/log-ind', 200, { headers: english });
    await page('POST /leder/log-ind <bad address>', '/leder/log-ind', 400, form({ email: 'nej' }));
    await page('POST /leder/log-ind', '/leder/log-ind', 200, form({ email: 'ukendt@example.dk' }));
    const accounts = await openAccounts(db);
    const now = new Date(clock.now());
    const link = await db.write((trx) => accounts.issueLink(trx, admin.email, now));
    await page('/leder/log-ind/<link>', `/leder/log-ind/${link}?next=%2Fleder%2Flog`, 200);
    await page('/leder/log-ind/<gone> in English', `/leder/log-ind/${'A'.repeat(43)}`, 410, {
      headers: english,
    });
    const invitation = await db.write((trx) =>
      accounts.invite(
        trx,
        {
          email: 'ny@example.dk',
          name: 'Ny Koordinator',
          role: 'coordinator',
          activities: ['besoegsven'],
          by: 'test',
        },
        now,
      ),
    );
    await page('/leder/invitation/<token>', `/leder/invitation/${invitation}`, 200);
    await page('/leder/invitation/<token> in English', `/leder/invitation/${invitation}`, 200, {
      headers: english,
    });
    await page(
      'POST /leder/invitation/<token> <no name>',
      `/leder/invitation/${invitation}`,
      400,
      form({ name: '  ' }),
    );
    await page('/leder/invitation/<gone>', `/leder/invitation/${'A'.repeat(43)}`, 410);
    await page('/leder as admin', '/leder', 200, { headers: admin.headers });
    await page('/leder as coordinator in English', '/leder', 200, {
      headers: { ...coordinator.headers, ...english },
    });
    await page('/leder/konto', '/leder/konto', 200, { headers: admin.headers });
    await page(
      'POST /leder/konto/noegler',
      '/leder/konto/noegler',
      200,
      admin.form({ name: 'Regneark', scope: 'read', days: '30' }),
    );
    await page('/leder/konto with a token in English', '/leder/konto', 200, {
      headers: { ...admin.headers, ...english },
    });
    await page(
      'POST /leder/konto/noegler <bad>',
      '/leder/konto/noegler',
      400,
      admin.form({ name: '', scope: 'write', days: '0' }),
    );
    await page(
      'POST /leder/personer/inviter',
      '/leder/personer/inviter',
      200,
      admin.form({
        email: 'nyere@example.dk',
        name: 'Nyere',
        role: 'coordinator',
        activities: 'lektiecafe',
      }),
    );
    await page('/leder/personer in English', '/leder/personer', 200, {
      headers: { ...admin.headers, ...english },
    });
    await page('/leder/personer as coordinator', '/leder/personer', 403, {
      headers: coordinator.headers,
    });
    await page('/leder/log', '/leder/log', 200, { headers: admin.headers });
    await page('/leder/log?q=account in English', '/leder/log?q=account', 200, {
      headers: { ...admin.headers, ...english },
    });
    await page(
      '/leder/log?q=<nothing>&fra&til',
      '/leder/log?q=zzz&fra=2026-01-01&til=2026-01-02',
      200,
      { headers: admin.headers },
    );
    await page(
      'POST /leder/log-ud <cross-site>',
      '/leder/log-ud',
      403,
      admin.form({}, { 'Sec-Fetch-Site': 'cross-site' }),
    );
    await page('/leder/indsigt', '/leder/indsigt', 200, { headers: admin.headers });
    await page('/leder/indsigt as coordinator', '/leder/indsigt', 403, {
      headers: coordinator.headers,
    });
    await page(
      'POST /leder/indsigt <bad address>',
      '/leder/indsigt',
      400,
      admin.form({ email: 'nej' }),
    );
    await page(
      'POST /leder/indsigt <nothing held> in English',
      '/leder/indsigt',
      200,
      admin.form({ email: 'ingen@example.dk' }, english),
    );
    await page(
      'POST /leder/indsigt',
      '/leder/indsigt',
      200,
      admin.form({ email: 'frivillig1@example.dk' }),
    );
    await page(
      'POST /leder/indsigt/slet',
      '/leder/indsigt/slet',
      200,
      admin.form({ email: 'frivillig1@example.dk' }),
    );
    await page(
      'POST /leder/indsigt/slet/bekraeft in English',
      '/leder/indsigt/slet/bekraeft',
      200,
      admin.form({ email: 'frivillig1@example.dk' }, english),
    );
    // The workplace's own parts: activities, shifts, rosters, sign-ups, passkeys.
    const [demoShift] = (await (
      await app.request('/api/v1/shifts?activity=besoegsven')
    ).json()) as {
      id: string;
    }[];
    for (const [name, path] of [
      ['/leder/aktiviteter', '/leder/aktiviteter'],
      ['/leder/aktiviteter/<id>', '/leder/aktiviteter/besoegsven'],
      ['/leder/vagter', '/leder/vagter'],
      ['/leder/vagter/<id>', `/leder/vagter/${demoShift!.id}`],
      ['/leder/vagter/<id>/print', `/leder/vagter/${demoShift!.id}/print`],
      ['/leder/vagter/<id>/ret', `/leder/vagter/${demoShift!.id}/ret`],
      ['/leder/vagter/<id>/aflys', `/leder/vagter/${demoShift!.id}/aflys`],
      ['/leder/tilmeldinger', '/leder/tilmeldinger'],
      ['/leder/tilmeldinger?activity=<id>', '/leder/tilmeldinger?activity=besoegsven'],
      ['/leder/konto/passkeys?velkommen=1', '/leder/konto/passkeys?velkommen=1'],
    ] as const) {
      await page(name, path, 200, { headers: admin.headers });
      await page(`${name} in English`, path, 200, { headers: { ...admin.headers, ...english } });
    }
    await page('/leder/log-ind/passkey', '/leder/log-ind/passkey', 200);
    await page('POST /leder/log-ud', '/leder/log-ud', 200, coordinator.form());

    // A server with no activities at all.
    const bare = await fullApp({ demo: false });
    const more = collector(bare.app);
    const bareAdmin = await signedIn(bare.db, { role: 'admin' });
    await more.page('/leder/puls with no activities', '/leder/puls', 200, {
      headers: bareAdmin.headers,
    });
    await more.page('/leder with no activities', '/leder', 200, { headers: bareAdmin.headers });

    const messages = await validate(new Map([...pages, ...more.pages]));
    expect(messages.join('\n')).toBe('');
  });
});
