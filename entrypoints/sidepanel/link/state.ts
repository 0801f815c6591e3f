/**
 * The link as the panel shows it: whether this device is paired, the last
 * snapshot (from the network or the offline cache), and what went wrong.
 * It talks to the server only through the link client (src/link), which
 * knows nothing of the notes; taking a sign-up or a reflection into the
 * notes is the components' work, through the notes' own store.
 */
import { batch, signal } from '@preact/signals';
import type { CachedSnapshot } from '../../../src/link/cache.js';
import {
  type LinkClient,
  LinkError,
  type LinkErrorCode,
  type LinkState,
} from '../../../src/link/client.js';
import type { ManagedSettings } from '../../../src/link/managed.js';
import type { SignupStatus } from '../../../src/schemas/sidepanel.js';

/** The Samskab section's own views. */
export type LinkView = 'inbox' | 'today' | 'followUps' | 'pulse';

/** What went wrong, as a catalog key; `error.link.permission` is the browser's no. */
export type LinkProblem = LinkErrorCode | 'error.link.permission' | 'error.link.code';

const codeOf = (e: unknown): LinkErrorCode =>
  e instanceof LinkError ? e.code : 'error.link.server';

/** Creates the link state over `client`. */
export function createLinkState(client: LinkClient, managed: ManagedSettings = {}) {
  const phase = signal<'loading' | 'unpaired' | 'paired'>('loading');
  const link = signal<LinkState | null>(null);
  const data = signal<CachedSnapshot | null>(null);
  /** Where `data` came from in this panel: the offline cache at start, or the server. */
  const source = signal<'cache' | 'network' | null>(null);
  /** The last fetch found no connection: the snapshot shown is the cached one. */
  const offline = signal(false);
  /** The workplace revoked this device: say so until the leader pairs again. */
  const revoked = signal(false);
  const problem = signal<LinkProblem | null>(null);
  const refreshing = signal(false);
  const view = signal<LinkView>('inbox');

  /** The server said the device is gone: everything was erased; show the plain notice. */
  function forget(wasRevoked: boolean) {
    batch(() => {
      link.value = null;
      data.value = null;
      source.value = null;
      offline.value = false;
      revoked.value = wasRevoked;
      phase.value = 'unpaired';
    });
  }

  async function refresh(): Promise<boolean> {
    if (refreshing.value) return false;
    refreshing.value = true;
    try {
      const entry = await client.refresh();
      batch(() => {
        data.value = entry;
        source.value = 'network';
        offline.value = false;
        problem.value = null;
      });
      return true;
    } catch (e) {
      const code = codeOf(e);
      if (code === 'error.device.revoked') forget(true);
      else if (code === 'error.link.notPaired') forget(false);
      else
        batch(() => {
          offline.value = code === 'error.link.network';
          problem.value = code === 'error.link.network' ? null : code;
        });
      return false;
    } finally {
      refreshing.value = false;
    }
  }

  return {
    phase,
    link,
    data,
    source,
    offline,
    revoked,
    problem,
    refreshing,
    view,
    managed,

    /** Reads the stored link and the cached snapshot at once, then asks the server. */
    async start() {
      const [state, cached] = await Promise.all([client.state(), client.cached()]);
      batch(() => {
        link.value = state;
        data.value = cached;
        source.value = cached ? 'cache' : null;
        phase.value = state ? 'paired' : 'unpaired';
      });
      if (state) await refresh();
    },

    refresh,

    /** Pairs; resolves to whether it worked (`problem` says why not). */
    async pair(address: string, code: string, device: string): Promise<boolean> {
      problem.value = null;
      try {
        const state = await client.pair(address, code, device);
        batch(() => {
          link.value = state;
          data.value = null;
          source.value = null;
          revoked.value = false;
          phase.value = 'paired';
          view.value = 'inbox';
        });
        await refresh();
        return true;
      } catch (e) {
        problem.value = codeOf(e);
        return false;
      }
    },

    /** "Afbryd forbindelse". */
    async unpair() {
      await client.unpair();
      forget(false);
    },

    /** Moves a sign-up on; resolves to whether it worked. */
    async setStatus(id: string, status: SignupStatus): Promise<boolean> {
      problem.value = null;
      try {
        const signup = await client.setStatus(id, status);
        const entry = data.value;
        if (entry)
          data.value = {
            ...entry,
            snapshot: {
              ...entry.snapshot,
              inbox: entry.snapshot.inbox.map((s) => (s.id === id ? signup : s)),
            },
          };
        return true;
      } catch (e) {
        const code = codeOf(e);
        if (code === 'error.device.revoked') forget(true);
        else problem.value = code;
        return false;
      }
    },

    fail(code: LinkProblem) {
      problem.value = code;
    },

    show(next: LinkView) {
      view.value = next;
    },
  };
}

/** The link state. */
export type LinkUi = ReturnType<typeof createLinkState>;
