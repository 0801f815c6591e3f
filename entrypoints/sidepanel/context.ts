/**
 * The services components reach through context: the store, the catalog and
 * the browser-side effects (downloads, storage persistence). Tests pass fakes.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../../src/i18n/index.js';
import { type SidebarKey, st } from '../../src/i18n/sidebar/index.js';
import type { ManagedSettings } from '../../src/link/managed.js';
import type { LinkUi } from './link/state.js';
import type { SidebarStore } from './store/index.js';
import type { Lock } from './store/lock.js';

/** Side effects the panel asks of the browser. */
export interface PanelServices {
  /** Offers `text` to the leader as a file download. */
  download(text: string, fileName: string, type: string): void;
  /** Whether storage is persistent; null when the browser cannot say. */
  persisted(): Promise<boolean | null>;
  /** Asks for persistent storage; resolves to whether it was granted. */
  persist(): Promise<boolean>;
  /**
   * Asks the browser for host access to a Samskab server's origin. Call it
   * in the click handler, before anything is awaited: browsers grant the
   * prompt only to a user's gesture.
   */
  requestHostAccess?(origin: string): Promise<boolean>;
}

/** Everything a component may use. */
export interface PanelContext {
  store: SidebarStore;
  locale: Locale;
  services: PanelServices;
  /** The link to the workplace; absent in a build without Samskab servers. */
  link?: LinkUi;
  /** What the organisation set by policy (browser.storage.managed). */
  managed?: ManagedSettings;
  /** The notes' lock (passphrase, "Lås nu"); tests without it show no lock controls. */
  lock?: Lock;
}

/** Provides the store, locale and services to the component tree. */
export const Panel = createContext<PanelContext | null>(null);

/** The panel context; throws when a component is rendered outside the provider. */
export function usePanel(): PanelContext {
  const ctx = useContext(Panel);
  if (!ctx) throw new Error('usePanel outside <Panel.Provider>');
  return ctx;
}

/** A translator bound to the panel's locale. */
export function useT() {
  const { locale } = usePanel();
  return (key: SidebarKey, params?: Record<string, string | number>) => st(locale, key, params);
}

/** Splits a comma-separated field into trimmed, non-empty, unique labels. */
export function splitLabels(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].map((s) => s.slice(0, 60));
}
