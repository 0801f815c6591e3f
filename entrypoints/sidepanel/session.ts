/**
 * The unlocked notes' key between panel opens: held in `storage.session`,
 * which browsers keep in memory only and empty when the browser closes, and
 * which content scripts cannot read (Chrome's default access level). The
 * key is dropped after the leader's idle time, on "Lås nu", and when the
 * browser closes; the panel and the service worker both check the idle time
 * before they use it.
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-session
 */
import { browser } from 'wxt/browser';
import type { Capture } from '../../src/notes/capture.js';
import type { LockedMessage } from './messages.js';

const KEY = 'samskab-unlocked';
/** How often the panel records that the leader is still there. */
const TOUCH_EVERY_MS = 30_000;

interface Unlocked {
  /** The vault's master secret, base64. */
  master: string;
  /** When the leader last used the panel (ms since the epoch). */
  lastUsedAt: number;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * The master secret when the notes were unlocked less than `idleMinutes` ago;
 * null (and the key dropped) otherwise.
 */
export async function unlockedMaster(
  idleMinutes: number,
  now = Date.now(),
): Promise<Uint8Array<ArrayBuffer> | null> {
  const stored = (await browser.storage.session.get(KEY))[KEY] as Unlocked | undefined;
  if (!stored || typeof stored.master !== 'string') return null;
  if (now - stored.lastUsedAt > idleMinutes * 60_000) {
    await lockSession();
    return null;
  }
  return fromBase64(stored.master);
}

/** Keeps the master secret for this browser session. */
export async function keepUnlocked(master: Uint8Array, now = Date.now()) {
  const value: Unlocked = { master: toBase64(master), lastUsedAt: now };
  await browser.storage.session.set({ [KEY]: value });
}

/** Incremented by every lock, so a touch that read the session before it writes nothing back. */
let generation = 0;
let pendingTouch: Promise<void> = Promise.resolve();
/** This page locked the session: it reloads next, and touches nothing until then. */
let locked = false;

/** Drops the key: every panel and the service worker are locked out until the next unlock. */
export async function lockSession() {
  generation++;
  locked = true;
  // A touch in flight (the click on "Lås nu" is itself one) must not put the key back.
  await pendingTouch;
  await browser.storage.session.remove(KEY);
}

/** Tells other panels that the notes were locked, so they forget what they show. */
export const LOCKED_MESSAGE: LockedMessage = { type: 'samskab:locked' };

let lastTouch = 0;
/** Records that the leader is using the panel (at most every 30 s). */
export async function touchUnlocked(now = Date.now()) {
  if (locked || now - lastTouch < TOUCH_EVERY_MS) return;
  lastTouch = now;
  const seen = generation;
  pendingTouch = (async () => {
    const stored = (await browser.storage.session.get(KEY))[KEY] as Unlocked | undefined;
    if (stored && seen === generation && !locked)
      await browser.storage.session.set({ [KEY]: { ...stored, lastUsedAt: now } });
  })();
  await pendingTouch;
}

const HELD = 'samskab-held-captures';

/**
 * A selection captured while the notes were locked: kept in the session's
 * memory (never on disk in the clear) until the panel is unlocked and files it.
 */
export async function holdCapture(capture: Capture) {
  const held = ((await browser.storage.session.get(HELD))[HELD] as Capture[] | undefined) ?? [];
  await browser.storage.session.set({ [HELD]: [...held, capture].slice(-50) });
}

/** The captures held while locked; they leave the session as they are returned. */
export async function takeHeldCaptures(): Promise<Capture[]> {
  const held = ((await browser.storage.session.get(HELD))[HELD] as Capture[] | undefined) ?? [];
  if (held.length > 0) await browser.storage.session.remove(HELD);
  return held;
}
