/**
 * The sidebar's one way to the server (`/api/v1/sidepanel/*`): pairing, the
 * snapshot, a sign-up's status, and unpairing. It sends only what the
 * contract in src/schemas/sidepanel.ts names — a pairing code and a device
 * name once, then the device token, a sign-up's id and its new status — and
 * it cannot send a note: it imports nothing from the notes (an architecture
 * test walks its imports). The token lives in extension storage, the
 * snapshot in its own database (./cache.ts); unpairing, or the server saying
 * the device was revoked, erases both.
 */
import { browser } from 'wxt/browser';
import {
  Paired,
  SidepanelSignup,
  SidepanelSnapshot,
  type SidepanelSignup as Signup,
  type SignupStatus,
} from '../schemas/sidepanel.js';
import { type CachedSnapshot, idbSnapshotCache, type SnapshotCache } from './cache.js';
import { allowedOrigin, LINK_ORIGINS } from './origins.js';

/** What a failed call means, as a catalog key the sidebar can say. */
export type LinkErrorCode =
  | 'error.link.origin'
  | 'error.link.network'
  | 'error.link.server'
  | 'error.link.notPaired'
  | 'error.link.notFound'
  | 'error.device.revoked'
  | 'error.pairing.code'
  | 'error.pairing.unknown'
  | 'error.pairing.device'
  | 'error.signup.move';

const KNOWN: readonly string[] = [
  'error.device.revoked',
  'error.pairing.code',
  'error.pairing.unknown',
  'error.pairing.device',
  'error.signup.move',
];

/** A call that did not do what was asked; `code` says why. */
export class LinkError extends Error {
  constructor(readonly code: LinkErrorCode) {
    super(code);
    this.name = 'LinkError';
  }
}

/** A server's answer, read whole: its status and its JSON body (null when there is none). */
interface Answer {
  status: number;
  ok: boolean;
  body: unknown;
}

/** This device's link: which server, its token, and whose it is. */
export interface LinkState {
  server: string;
  token: string;
  /** The municipality's name, or '' when the server has none. */
  serverName: string;
  person: string;
  role: 'admin' | 'coordinator';
  pairedAt: string;
}

/** Where the link is kept: extension storage, never the notes' database. */
export interface LinkStorage {
  get(): Promise<LinkState | null>;
  set(state: LinkState): Promise<void>;
  clear(): Promise<void>;
}

/** The storage key of the link in `browser.storage.local`. */
export const LINK_KEY = 'samskabLink';

/** The link in `browser.storage.local`. */
export const extensionLinkStorage: LinkStorage = {
  async get() {
    const stored = (await browser.storage.local.get(LINK_KEY))[LINK_KEY] as
      | Partial<LinkState>
      | undefined;
    return stored && typeof stored.token === 'string' && typeof stored.server === 'string'
      ? (stored as LinkState)
      : null;
  },
  set: (state) => browser.storage.local.set({ [LINK_KEY]: state }),
  clear: () => browser.storage.local.remove(LINK_KEY),
};

/** What the client needs; each has a default the sidebar uses. */
export interface LinkClientOptions {
  fetch?: typeof fetch;
  storage?: LinkStorage;
  cache?: SnapshotCache;
  /** The origins this build may reach (the build's by default). */
  origins?: readonly string[];
  now?: () => Date;
  /** How long a request may take before it counts as "no connection". */
  timeoutMs?: number;
}

/** Creates the client. */
export function createLinkClient(options: LinkClientOptions = {}) {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const storage = options.storage ?? extensionLinkStorage;
  const cache = options.cache ?? idbSnapshotCache();
  const origins = options.origins ?? LINK_ORIGINS;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 20_000;

  /**
   * One request, JSON out, the whole answer read back. A network failure, or
   * no full answer within `timeoutMs` (whatever the browser's own timers do),
   * is `error.link.network`, so the panel never waits on a stuck request.
   */
  async function request(
    server: string,
    path: string,
    init: { method: string; token?: string; body?: unknown },
  ): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new LinkError('error.link.network'));
      }, timeoutMs);
    });
    const exchange = (async (): Promise<Answer> => {
      const response = await doFetch(`${server}/api/v1/sidepanel/${path}`, {
        method: init.method,
        headers,
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
        signal: abort.signal,
      });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = null;
      }
      return { status: response.status, ok: response.ok, body };
    })();
    try {
      return await Promise.race([exchange, deadline]);
    } catch {
      throw new LinkError('error.link.network');
    } finally {
      clearTimeout(timer);
      exchange.catch(() => {});
    }
  }

  /** The first error code of an error answer, when it is one the sidebar knows. */
  function errorCode(answer: Answer): LinkErrorCode | null {
    const code = (answer.body as { errors?: { code?: unknown }[] } | null)?.errors?.[0]?.code;
    return typeof code === 'string' && KNOWN.includes(code) ? (code as LinkErrorCode) : null;
  }

  /** The stored link, or `error.link.notPaired`. */
  async function current(): Promise<LinkState> {
    const state = await storage.get();
    if (!state) throw new LinkError('error.link.notPaired');
    return state;
  }

  /** Forgets the token and the cached snapshot. */
  async function erase() {
    await Promise.all([storage.clear(), cache.erase()]);
  }

  /** A 401 means the workplace unpaired this device (or never knew it): forget everything. */
  async function revoked(): Promise<never> {
    await erase();
    throw new LinkError('error.device.revoked');
  }

  return {
    /** This device's link, or null when it is not paired. */
    state: (): Promise<LinkState | null> => storage.get(),

    /** The snapshot kept from the last fetch, for reading offline. */
    async cached(): Promise<CachedSnapshot | null> {
      const [state, entry] = await Promise.all([storage.get(), cache.read()]);
      return state && entry?.server === state.server ? entry : null;
    },

    /**
     * Pairs this device with the code from the workplace's "Forbind
     * sidepanel". `address` must be one of the build's origins.
     */
    async pair(address: string, code: string, device: string): Promise<LinkState> {
      const server = allowedOrigin(address, origins);
      if (!server) throw new LinkError('error.link.origin');
      const response = await request(server, 'forbind', {
        method: 'POST',
        body: { code: code.trim().toUpperCase(), device: device.trim() },
      });
      if (response.status === 400)
        throw new LinkError(errorCode(response) ?? 'error.pairing.unknown');
      if (response.status !== 201 && response.status !== 200)
        throw new LinkError('error.link.server');
      const paired = Paired.safeParse(response.body);
      if (!paired.success) throw new LinkError('error.link.server');
      // A new link starts clean: nothing of an earlier one is shown as this one's.
      await cache.erase();
      const state: LinkState = {
        server,
        token: paired.data.token,
        serverName: paired.data.server,
        person: paired.data.person,
        role: paired.data.role,
        pairedAt: now().toISOString(),
      };
      await storage.set(state);
      return state;
    },

    /** Fetches the snapshot and keeps it for offline reading. */
    async refresh(): Promise<CachedSnapshot> {
      const state = await current();
      const response = await request(state.server, 'oversigt', {
        method: 'GET',
        token: state.token,
      });
      if (response.status === 401) return revoked();
      if (!response.ok) throw new LinkError('error.link.server');
      const snapshot = SidepanelSnapshot.safeParse(response.body);
      if (!snapshot.success) throw new LinkError('error.link.server');
      // Unpaired while the answer was on its way: keep nothing.
      const still = await storage.get();
      if (still?.token !== state.token) throw new LinkError('error.link.notPaired');
      const entry = { server: state.server, snapshot: snapshot.data };
      await cache.write(entry);
      return entry;
    },

    /** Moves a sign-up to `status`; the cached snapshot follows. */
    async setStatus(id: string, status: SignupStatus): Promise<Signup> {
      const state = await current();
      const response = await request(
        state.server,
        `tilmeldinger/${encodeURIComponent(id)}/status`,
        { method: 'POST', token: state.token, body: { status } },
      );
      if (response.status === 401) return revoked();
      if (response.status === 404) throw new LinkError('error.link.notFound');
      if (response.status === 409) throw new LinkError('error.signup.move');
      if (!response.ok) throw new LinkError('error.link.server');
      const signup = SidepanelSignup.safeParse(response.body);
      if (!signup.success) throw new LinkError('error.link.server');
      const entry = await cache.read();
      if (entry?.server === state.server) {
        const inbox = entry.snapshot.inbox.map((s) => (s.id === id ? signup.data : s));
        await cache.write({ ...entry, snapshot: { ...entry.snapshot, inbox } });
      }
      return signup.data;
    },

    /**
     * "Afbryd forbindelse": tells the server (when it can be reached) and
     * forgets the token and the cache either way.
     */
    async unpair(): Promise<void> {
      const state = await storage.get();
      if (state) {
        try {
          await request(state.server, 'forbindelse', { method: 'DELETE', token: state.token });
        } catch {
          // Offline: the workplace still lists the device until a coordinator removes it.
        }
      }
      await erase();
    },

    erase,
  };
}

/** The link client. */
export type LinkClient = ReturnType<typeof createLinkClient>;
