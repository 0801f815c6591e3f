// Passkeys in the coordinators' workplace, in real Chromium with its virtual
// authenticator (the DevTools WebAuthn domain): an invitation lands on the
// passkey page, a passkey is added by keyboard, and it signs its owner in.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { CDPSession } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditLog } from '../../src/server/audit/log.js';
import type { FeatureFactory } from '../../src/server/feature.js';
import { FEATURES } from '../../src/server/features.js';
import { workplaceFeature } from '../../src/server/workplace/feature.js';
import { axeViolations } from '../support/browser.js';
import { useE2e } from '../support/e2e.js';

/** Invites a coordinator on the running server's database; the token for /leder/invitation. */
let invite: (email: string, name: string) => Promise<string> = () =>
  Promise.reject(new Error('no server'));
let audit: AuditLog | undefined;

// WebAuthn takes no IP address as relying party (Chromium: "This is an invalid
// domain"), so the workplace is published as localhost, as SAMSKAB_PUBLIC_URL
// would publish it, and the browser goes there.
const local = (origin: string) => origin.replace('//127.0.0.1:', '//localhost:');
const publishedWorkplace: FeatureFactory = async (context) => {
  audit = context.audit;
  invite = (email, name) =>
    context.db.write((trx) =>
      context.accounts.invite(
        trx,
        { email, name, role: 'coordinator', activities: ['besoegsven'], by: 'test' },
        context.clock(),
      ),
    );
  return workplaceFeature({
    ...context,
    publicOrigin: (c) => local(context.publicOrigin(c)),
    mailOrigin: () => local(context.mailOrigin()),
  });
};

const e2e = useE2e({
  features: FEATURES.map((f) => (f === workplaceFeature ? publishedWorkplace : f)),
});

const base = () => local(e2e.server.url);
let cdp: CDPSession;

/** A new virtual platform authenticator (a phone or laptop), with user verification. */
async function authenticator(): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

const credentials = async (authenticatorId: string) =>
  (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;

beforeEach(async () => {
  // Danish first: the workplace answers in the browser's language.
  await e2e.newContext({ locale: 'da-DK' });
  cdp = await e2e.context.newCDPSession(e2e.page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
});

async function noViolations() {
  expect(await axeViolations(e2e.page)).toEqual([]);
}

/** Accepts a fresh invitation by keyboard; lands on the passkey page with its welcome. */
async function acceptInvitation(name = 'Karen Koordinator') {
  const token = await invite(`k${randomBytes(4).toString('hex')}@example.dk`, name);
  const page = e2e.page;
  await page.goto(`${base()}leder/invitation/${token}`);
  await noViolations();
  await page.getByLabel('Dit navn').fill(name);
  await page.getByLabel('Dit navn').press('Enter');
  await page.waitForURL(/\/leder\/konto\/passkeys\?velkommen=1$/);
  await expect
    .poll(() => page.getByRole('heading', { name: `Velkommen, ${name}!` }).count())
    .toBe(1);
}

/** Adds a passkey named `name` by keyboard only, and waits for the page to say so. */
async function addPasskey(name: string) {
  const page = e2e.page;
  const field = page.getByLabel('Navn på adgangsnøglen');
  await expect.poll(() => field.isVisible()).toBe(true);
  await field.focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
    'Tilføj adgangsnøgle',
  );
  const before = (await passkeyNames()).length;
  await page.keyboard.press('Enter');
  await expect
    .poll(async () =>
      (await alert().isVisible()) ? await alert().textContent() : (await passkeyNames()).length,
    )
    .toBe(before + 1);
  expect(page.url()).toMatch(/\/leder\/konto\/passkeys\?tilfoejet=1$/);
  expect(await page.getByRole('status').textContent()).toContain('Adgangsnøglen er tilføjet.');
}

const passkeyNames = () => e2e.page.locator('.wp-list li strong').allTextContents();

async function signOut() {
  await e2e.page.getByRole('button', { name: 'Log ud', exact: true }).click();
  await e2e.page.waitForURL(/\/leder\/log-ud$/);
}

/** Opens the passkey sign-in from the e-mail sign-in page and presses its button by keyboard. */
async function signInWithPasskey() {
  const page = e2e.page;
  await page.goto(`${base()}leder/log-ind`);
  await page.getByRole('link', { name: 'Log ind med en adgangsnøgle (passkey)' }).click();
  await page.waitForURL(/\/leder\/log-ind\/passkey$/);
  const button = page.getByRole('button', { name: 'Log ind med adgangsnøgle' });
  await expect.poll(() => button.isVisible()).toBe(true);
  await noViolations();
  await button.focus();
  await page.keyboard.press('Enter');
}

const alert = () => e2e.page.locator('#passkey-error');

/** The sign-in was refused: the alert says why and has the focus. */
async function refused(text: string) {
  await expect.poll(() => alert().textContent()).toBe(text);
  expect(await alert().isVisible()).toBe(true);
  expect(await e2e.page.evaluate(() => document.activeElement?.id)).toBe('passkey-error');
  expect(e2e.page.url()).toMatch(/\/leder\/log-ind\/passkey$/);
}

describe('passkeys in the workplace', () => {
  it('takes an invited coordinator from the invitation to a passkey, and signs her in with it', async () => {
    const device = await authenticator();
    const page = e2e.page;
    await acceptInvitation();
    await noViolations();
    expect(await page.getByRole('link', { name: 'Spring over og gå til Oversigt' }).count()).toBe(
      1,
    );
    expect(await page.getByText('Du har ingen adgangsnøgler endnu.').count()).toBe(1);

    await addPasskey('Min telefon');
    await noViolations();
    expect(await passkeyNames()).toEqual(['Min telefon']);
    expect(await page.locator('.wp-list li').textContent()).toContain('ikke brugt endnu');
    const [made] = await credentials(device);
    expect(made?.isResidentCredential).toBe(true);
    expect(made?.rpId).toBe('localhost');

    await signOut();
    await page.goto(`${base()}leder`);
    await page.waitForURL(/\/leder\/log-ind\?next=/);

    await signInWithPasskey();
    await page.waitForURL(/\/leder$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Oversigt');
    await noViolations();
    const used = (await credentials(device))[0]!;
    expect(used.signCount).toBeGreaterThan(made!.signCount);

    await page.goto(`${base()}leder/konto/passkeys`);
    expect(await page.locator('.wp-list li').textContent()).toContain('sidst brugt');
    const lines = await audit!.search({ text: 'passkey' });
    expect(lines.map((l) => [l.action, l.detail])).toEqual(
      expect.arrayContaining([
        ['sign-in', 'passkey'],
        ['access', 'passkey added'],
      ]),
    );
  });

  it('keeps a second passkey, removes one, and the removed one no longer signs in', async () => {
    const phone = await authenticator();
    const page = e2e.page;
    await acceptInvitation('Lars Leder');
    await addPasskey('Min telefon');
    // Another device: the first authenticator would refuse to make a second key for the same account.
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: phone });
    const laptop = await authenticator();
    await addPasskey('Min computer');
    expect(await passkeyNames()).toEqual(['Min telefon', 'Min computer']);

    await page.getByRole('button', { name: 'Fjern Min computer' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/leder\/konto\/passkeys\?fjernet=1$/);
    expect(await page.getByRole('status').textContent()).toBe('Adgangsnøglen er fjernet.');
    expect(await passkeyNames()).toEqual(['Min telefon']);
    await noViolations();
    // Logged by the key's id: the name a person gives a device stays out of the log.
    const lines = await audit!.search({ text: 'removed' });
    expect(lines.map((l) => l.detail)).toEqual([expect.stringMatching(/^passkey \S+ removed$/)]);
    expect(JSON.stringify(await audit!.search())).not.toContain('Min computer');

    // The laptop still holds its key, but the server has forgotten it.
    expect(await credentials(laptop)).toHaveLength(1);
    await signOut();
    await signInWithPasskey();
    await refused('Adgangsnøglen blev ikke godkendt.');
    await noViolations();
  });

  it('refuses a forged assertion, and a replayed one', async () => {
    const device = await authenticator();
    const page = e2e.page;
    await acceptInvitation('Mette Mellemled');
    await addPasskey('Min telefon');
    await signOut();

    // The browser's real assertion with its signature altered on the way.
    let genuine: string | undefined;
    await page.route('**/leder/log-ind/passkey', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      genuine = request.postData() ?? '';
      const body = JSON.parse(genuine);
      const signature = Buffer.from(body.response.response.signature, 'base64url');
      signature[signature.length - 1]! ^= 0x01;
      body.response.response.signature = signature.toString('base64url');
      return route.continue({ postData: JSON.stringify(body) });
    });
    await signInWithPasskey();
    await refused('Adgangsnøglen blev ikke godkendt.');
    await page.unroute('**/leder/log-ind/passkey');

    // The genuine one, sent again: its challenge was used by the forged attempt.
    const replay = await fetch(`${base()}leder/log-ind/passkey`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: genuine,
    });
    expect(replay.status).toBe(400);
    expect(replay.headers.get('set-cookie')).toBeNull();

    // A key the server never registered, for this site and this very account's handle.
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const [real] = await credentials(device);
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: device });
    const stranger = await authenticator();
    await cdp.send('WebAuthn.addCredential', {
      authenticatorId: stranger,
      credential: {
        credentialId: randomBytes(32).toString('base64'),
        isResidentCredential: true,
        rpId: 'localhost',
        privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        userHandle: real!.userHandle!,
        signCount: 1,
      },
    });
    await page.reload();
    const button = page.getByRole('button', { name: 'Log ind med adgangsnøgle' });
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.press('Enter');
    await refused('Adgangsnøglen blev ikke godkendt.');
    await noViolations();

    // The genuine device still signs in.
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: stranger });
    const back = await authenticator();
    await cdp.send('WebAuthn.addCredential', { authenticatorId: back, credential: real! });
    await button.press('Enter');
    await page.waitForURL(/\/leder$/);
  });

  it('says without script that passkeys need JavaScript, and where to sign in instead', async () => {
    await e2e.newContext({ locale: 'da-DK', javaScriptEnabled: false });
    await e2e.page.goto(`${base()}leder/log-ind/passkey`);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point: the <noscript> text shows, the hidden form does not.
    expect(await e2e.page.locator('main').innerText()).toContain(
      'Adgangsnøgler kræver JavaScript i browseren. Du kan altid logge ind med et link på e-mail.',
    );
    expect(
      await e2e.page.getByRole('link', { name: 'Log ind med et link på e-mail' }).count(),
    ).toBe(1);
    expect(await e2e.page.getByRole('button', { name: 'Log ind med adgangsnøgle' }).count()).toBe(
      0,
    );
  });
});
