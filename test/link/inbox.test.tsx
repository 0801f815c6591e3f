// @vitest-environment happy-dom
// The Indbakke with a busy week's sign-ups: the newest 50 show, the rest come
// 50 at a time on request, and the keyboard moves on to the first new one.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Panel } from '../../entrypoints/sidepanel/context.js';
import { createLinkState } from '../../entrypoints/sidepanel/link/state.js';
import { Inbox } from '../../entrypoints/sidepanel/link/views.js';
import { createSidebarStore } from '../../entrypoints/sidepanel/store/index.js';
import { idbSnapshotCache } from '../../src/link/cache.js';
import { createLinkClient } from '../../src/link/client.js';
import { openRepo } from '../../src/notes/repo.js';
import type { SidepanelSignup } from '../../src/schemas/sidepanel.js';

let root: HTMLElement;

const signup = (i: number): SidepanelSignup => ({
  id: `s${i}`,
  activityId: 'besoegsven',
  activityTitle: 'Besøgsven',
  name: `Beboer ${i}`,
  email: `beboer${i}@example.dk`,
  phone: '',
  help: '',
  ageBand: '18-plus',
  status: 'ny',
  createdAt: new Date(Date.UTC(2026, 11, 1) - i * 60_000).toISOString(),
});

beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('the Indbakke', () => {
  it('shows the newest 50 of 120, then 50 more and the last 20 on request', async () => {
    const repo = await openRepo({ name: `inbox-${Math.random()}` });
    const store = createSidebarStore({ repo });
    const link = createLinkState(
      createLinkClient({
        fetch: (() => Promise.reject(new Error('offline'))) as typeof fetch,
        cache: idbSnapshotCache(`inbox-link-${Math.random()}`),
      }),
    );
    link.data.value = {
      server: 'https://samskab.kommune.dk',
      snapshot: {
        fetchedAt: '2026-12-01T10:00:00.000Z',
        person: 'Mette Leder',
        inbox: Array.from({ length: 120 }, (_, i) => signup(i)),
        today: [],
        followUps: [],
        pulse: [],
      },
    };
    const services = { download() {}, persisted: async () => null, persist: async () => false };
    render(
      <Panel.Provider value={{ store, locale: 'da', services, link }}>
        <Inbox />
      </Panel.Provider>,
      root,
    );
    const names = () => [...root.querySelectorAll('h4')].map((h) => h.textContent);
    const more = () =>
      [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Vis '));
    // Waited for rather than slept on: a busy machine renders later than any fixed pause.
    await vi.waitFor(() => expect(names()).toHaveLength(50));
    expect(names()[0]).toBe('Beboer 0');
    expect(more()?.textContent).toBe('Vis 50 mere (70 endnu ikke vist)');

    more()!.click();
    await vi.waitFor(() => {
      expect(names()).toHaveLength(100);
      expect(document.activeElement?.textContent).toBe('Beboer 50');
    });
    expect(more()?.textContent).toBe('Vis 20 mere (20 endnu ikke vist)');

    more()!.click();
    await vi.waitFor(() => expect(names()).toHaveLength(120));
    expect(
      [...root.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Vis ')),
    ).toBe(false);
  });
});
