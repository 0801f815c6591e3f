// A passkey that unlocks the leader's notes, in the built extension in a real
// Chromium with its virtual authenticator (CDP WebAuthn): offered only once the
// notes are locked at rest; a passkey without PRF, a wrong passphrase and a
// passkey added twice are refused in words; "Lås nu", then the passkey opens
// the notes (and a passkey the leader does not confirm does not); removed, it
// is offered no more. Axe in every new state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../support/browser.js';
import { chromiumArgs, findChromium } from '../support/chromium.js';

const EXT = resolve('.output/chrome-mv3');
const PASS = 'ørnen flyver over fjorden';

const profile = mkdtempSync(join(tmpdir(), 'samskab-passkey-'));
let context: BrowserContext;
let panel: Page;
let cdp: CDPSession;
let extensionId = '';

/** A platform authenticator as the brief's Chromium offers it: resident keys, user verification, PRF. */
const AUTHENTICATOR = {
  protocol: 'ctap2',
  ctap2Version: 'ctap2_1',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
} as const;

beforeAll(async () => {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    locale: 'da-DK',
    args: [...chromiumArgs, `--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  extensionId = new URL(worker.url()).host;
  panel = await context.newPage();
  // The virtual authenticators belong to this tab and outlive its reloads ("Lås nu" reloads).
  cdp = await context.newCDPSession(panel);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await panel.getByRole('heading', { name: 'Frivillige', level: 2 }).waitFor();
});

afterAll(async () => {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
});

async function addAuthenticator(hasPrf: boolean): Promise<string> {
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { ...AUTHENTICATOR, hasPrf },
  });
  return authenticatorId;
}

const credentials = async (authenticatorId: string) =>
  (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials;

/** One volunteer and a note, straight into the panel's database, then a reload. */
async function seed() {
  await panel.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok) => {
      const open = indexedDB.open('samskab-notes');
      open.onsuccess = () => ok(open.result);
    });
    const tx = db.transaction(['volunteers', 'notes'], 'readwrite');
    const at = '2026-11-01T10:00:00.000Z';
    tx.objectStore('volunteers').put({
      id: 'v0',
      name: 'Søren Ågård',
      contact: '',
      roles: [],
      tags: [],
      status: 'active',
      createdAt: at,
      updatedAt: at,
    });
    tx.objectStore('notes').put({
      id: 'n0',
      volunteerIds: ['v0'],
      text: 'Virker træt',
      lenses: [],
      tags: [],
      createdAt: at,
      updatedAt: at,
    });
    await new Promise((ok) => {
      tx.oncomplete = ok;
    });
    db.close();
  });
  await panel.reload();
}

/** The keyring's passkeys as IndexedDB holds them (no secret in them). */
const storedPasskeys = () =>
  panel.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok) => {
      const open = indexedDB.open('samskab-notes');
      open.onsuccess = () => ok(open.result);
    });
    const keyring = await new Promise<{ passkeys: { credentialId: string; label: string }[] }>(
      (ok) => {
        const q = db.transaction('vault').objectStore('vault').get('keyring');
        q.onsuccess = () => ok(q.result);
      },
    );
    db.close();
    return keyring.passkeys.map((p) => ({ credentialId: p.credentialId, label: p.label }));
  });

const seesNotes = () =>
  panel
    .getByRole('button', { name: /Søren Ågård/ })
    .first()
    .waitFor({ timeout: 60_000 });

const focusedId = () => panel.evaluate(() => document.activeElement?.id ?? '');

/** The Data view's passkey section (the passphrase forms beside it have fields of the same name). */
const section = () => panel.getByRole('region', { name: 'Adgangsnøgler (passkeys)' });

async function addPasskey(label: string, passphrase: string) {
  await section().getByLabel('Navn på adgangsnøglen').fill(label);
  await section().getByLabel('Nuværende adgangsfrase').fill(passphrase);
  await section().getByRole('button', { name: 'Tilføj adgangsnøgle (passkey)' }).click();
}

const passkeyList = () => section().getByRole('list', { name: 'Adgangsnøgler (passkeys)' });

describe('a passkey that unlocks the notes', () => {
  let prfAuthenticator = '';

  it('is offered only once the notes are locked at rest', async () => {
    await seed();
    await seesNotes();
    await panel.getByRole('button', { name: 'Data', exact: true }).click();
    await panel.getByRole('heading', { name: 'Lås noterne' }).waitFor();
    expect(await panel.getByRole('heading', { name: 'Adgangsnøgler (passkeys)' }).count()).toBe(0);

    await panel.getByLabel('Adgangsfrase', { exact: true }).fill(PASS);
    await panel.getByLabel('Gentag adgangsfrasen').fill(PASS);
    await panel.getByRole('button', { name: 'Fortsæt', exact: true }).click();
    await panel.getByLabel('Jeg har skrevet nøglen ned og gemt den sikkert').check();
    await panel.getByRole('button', { name: 'Lås noterne', exact: true }).click();
    await panel.getByText('Noterne er krypteret med din adgangsfrase', { exact: false }).waitFor({
      timeout: 60_000,
    });
    await panel.getByRole('heading', { name: 'Adgangsnøgler (passkeys)' }).waitFor();
    await section().getByText('Du har ingen adgangsnøgler endnu.').waitFor();
    expect(await axeViolations(panel)).toEqual([]);
  }, 120_000);

  it('refuses a passkey without PRF, saying so, and keeps the keyring as it was', async () => {
    const plain = await addAuthenticator(false);
    try {
      await addPasskey('Gammel nøgle', PASS);
      await section()
        .getByRole('alert')
        .getByText('Denne adgangsnøgle kan ikke låse noter op', { exact: false })
        .waitFor({ timeout: 30_000 });
      // The message takes the focus, so a screen reader reads it and Tab goes on from there.
      expect(await panel.evaluate(() => document.activeElement?.getAttribute('role'))).toBe(
        'alert',
      );
      expect(await storedPasskeys()).toEqual([]);
      expect(await axeViolations(panel)).toEqual([]);
    } finally {
      // Chromium allows one internal authenticator per tab.
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: plain });
    }
  }, 60_000);

  it('asks for the passphrase before the browser makes a passkey', async () => {
    prfAuthenticator = await addAuthenticator(true);
    await addPasskey('Testnøgle', 'forkert frase, helt forkert');
    await panel.getByText('Forkert adgangsfrase. Intet er ændret; prøv igen.').waitFor();
    expect(await focusedId()).toBe('passkey-current');
    expect(await credentials(prfAuthenticator)).toHaveLength(0);
    expect(await axeViolations(panel)).toEqual([]);
  }, 60_000);

  it('adds a passkey with the passphrase and lists it; the same one twice is refused', async () => {
    await addPasskey('Testnøgle', PASS);
    await passkeyList().getByText('Testnøgle').waitFor({ timeout: 30_000 });
    const stored = await storedPasskeys();
    const made = await credentials(prfAuthenticator);
    expect(stored.map((p) => p.label)).toEqual(['Testnøgle']);
    expect(made).toHaveLength(1);
    // The credential is the extension's own: Chromium's RP ID for an extension page is its origin.
    expect(made[0]!.rpId).toBe(`chrome-extension://${extensionId}`);
    expect(stored[0]!.credentialId).toBe(
      Buffer.from(made[0]!.credentialId, 'base64').toString('base64url'),
    );
    await panel.getByRole('button', { name: 'Fjern adgangsnøglen Testnøgle' }).waitFor();
    expect(await axeViolations(panel)).toEqual([]);

    await addPasskey('Igen', PASS);
    await section()
      .getByRole('alert')
      .getByText('Den adgangsnøgle er allerede tilføjet. Intet er ændret.')
      .waitFor({ timeout: 30_000 });
    expect(await storedPasskeys()).toHaveLength(1);
  }, 90_000);

  it('unlocks with the passkey after "Lås nu", the passphrase still beside it', async () => {
    await panel.getByRole('button', { name: 'Lås nu', exact: true }).click();
    await panel.getByRole('heading', { name: 'Dine noter er låst', level: 2 }).waitFor();
    const button = panel.getByRole('button', { name: 'Lås op med adgangsnøgle' });
    await button.waitFor();
    await panel.getByLabel('Adgangsfrase', { exact: true }).waitFor();
    expect(await panel.locator('body').textContent()).not.toMatch(/Søren|Ågård|træt/);
    expect(await axeViolations(panel)).toEqual([]);
    await button.click();
    await seesNotes();
    expect(await axeViolations(panel)).toEqual([]);
  }, 60_000);

  it('does not unlock when the leader does not confirm, and says so', async () => {
    // "Lås nu" as the very first press after unlocking: the idle timer's touch
    // of the session that this press makes must not put the key back.
    await panel.getByRole('button', { name: 'Lås nu', exact: true }).click();
    await panel.getByRole('heading', { name: 'Dine noter er låst', level: 2 }).waitFor();
    // The authenticator now fails user verification. Chromium's virtual one
    // stays blocked afterwards (as a real one does after too many tries), so
    // this comes after the successful unlock.
    await cdp.send('WebAuthn.setUserVerified', {
      authenticatorId: prfAuthenticator,
      isUserVerified: false,
    });
    const button = panel.getByRole('button', { name: 'Lås op med adgangsnøgle' });
    await button.click();
    await panel
      .getByRole('alert')
      .getByText('Adgangsnøglen blev ikke brugt', { exact: false })
      .waitFor({ timeout: 30_000 });
    expect(await focusedId()).toBe('unlock-passkey');
    expect(await button.getAttribute('aria-describedby')).toBe('unlock-passkey-error');
    expect(await panel.locator('body').textContent()).not.toMatch(/Søren|Ågård|træt/);
    expect(await axeViolations(panel)).toEqual([]);

    // The passphrase still opens them.
    await panel.getByLabel('Adgangsfrase', { exact: true }).fill(PASS);
    await panel.getByRole('button', { name: 'Lås op', exact: true }).click();
    await seesNotes();
  }, 60_000);

  it('is offered no more once removed; the passphrase still opens the notes', async () => {
    await panel.getByRole('button', { name: 'Data', exact: true }).click();
    await panel.getByRole('button', { name: 'Fjern adgangsnøglen Testnøgle' }).click();
    await panel.getByText('Du har ingen adgangsnøgler endnu.').waitFor();
    expect(await storedPasskeys()).toEqual([]);
    expect(await focusedId()).toBe('passkey-heading');
    expect(await axeViolations(panel)).toEqual([]);

    await panel.getByRole('button', { name: 'Lås nu', exact: true }).click();
    await panel.getByRole('heading', { name: 'Dine noter er låst', level: 2 }).waitFor();
    await panel.getByLabel('Adgangsfrase', { exact: true }).fill(PASS);
    expect(await panel.getByRole('button', { name: 'Lås op med adgangsnøgle' }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Lås op', exact: true }).click();
    await seesNotes();
  }, 90_000);
});
