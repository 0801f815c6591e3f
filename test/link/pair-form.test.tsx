// @vitest-environment happy-dom
// "Forbind til Samskab" in a DOM: the address IT set is filled in and locked,
// problems are said in words and take the focus, and the browser's host
// permission is asked for in the submit itself, before anything is awaited.
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Panel, type PanelServices } from '../../entrypoints/sidepanel/context.js';
import { LinkSection } from '../../entrypoints/sidepanel/link/LinkSection.js';
import { createLinkState } from '../../entrypoints/sidepanel/link/state.js';
import { createSidebarStore } from '../../entrypoints/sidepanel/store/index.js';
import { idbSnapshotCache } from '../../src/link/cache.js';
import { createLinkClient } from '../../src/link/client.js';
import { openRepo } from '../../src/notes/repo.js';

const SERVER = 'https://samskab.kommune.dk';
vi.mock('../../src/link/origins.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/link/origins.js')>()),
  LINK_ENABLED: true,
  LINK_ORIGINS: ['https://samskab.kommune.dk'],
}));

const flush = () => new Promise((r) => setTimeout(r, 0));
let root: HTMLElement;
let n = 0;

async function mount(serverUrl?: string) {
  const repo = await openRepo({ name: `pair-form-${++n}` });
  const store = createSidebarStore({ repo });
  const calls: { fetched: string[]; asked: string[]; order: string[] } = {
    fetched: [],
    asked: [],
    order: [],
  };
  const fetch = (async (input: RequestInfo | URL) => {
    calls.fetched.push(String(input));
    calls.order.push('fetch');
    return new Response(
      JSON.stringify({ errors: [{ code: 'error.pairing.unknown', message: '', path: 'code' }] }),
      { status: 400 },
    );
  }) as typeof globalThis.fetch;
  const link = createLinkState(
    createLinkClient({ fetch, cache: idbSnapshotCache(`pair-form-link-${n}`) }),
    serverUrl ? { serverUrl } : {},
  );
  await link.start();
  const services: PanelServices = {
    download() {},
    persisted: async () => null,
    persist: async () => false,
    requestHostAccess(origin) {
      calls.asked.push(origin);
      calls.order.push('ask');
      return Promise.resolve(true);
    },
  };
  render(
    <Panel.Provider value={{ store, locale: 'da', services, link }}>
      <LinkSection />
    </Panel.Provider>,
    root,
  );
  await flush();
  return { calls, link };
}

const input = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)!;
const submit = async () => {
  root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
  for (let i = 0; i < 5; i++) await flush();
};

beforeEach(() => {
  fakeBrowser.reset();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

describe('Forbind til Samskab', () => {
  it('fills in and locks the address IT set', async () => {
    await mount('https://samskab.kommune.dk');
    expect(root.querySelector('h2')?.textContent).toBe('Forbind til Samskab');
    expect(input('pair-server').value).toBe(SERVER);
    expect(input('pair-server').readOnly).toBe(true);
    expect(root.textContent).toContain('Adressen er fastsat af din organisation.');
  });

  it('fills in the build’s one server, and the leader may change it', async () => {
    await mount();
    expect(input('pair-server').value).toBe(SERVER);
    expect(input('pair-server').readOnly).toBe(false);
  });

  it('says what is wrong with the code, and puts the focus there, sending nothing', async () => {
    const { calls } = await mount();
    input('pair-code').value = 'ABC';
    await submit();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Skriv koden fra arbejdspladsen: 8 bogstaver og tal.',
    );
    expect(document.activeElement?.id).toBe('pair-code');
    expect(input('pair-code').getAttribute('aria-invalid')).toBe('true');
    expect(calls.fetched).toEqual([]);
    expect(calls.asked).toEqual([]);
  });

  it('refuses a server this build may not reach', async () => {
    const { calls } = await mount();
    input('pair-server').value = 'https://evil.example';
    input('pair-code').value = 'ABCD2345';
    await submit();
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Denne udgave af Samskab må kun forbinde til: https://samskab.kommune.dk',
    );
    expect(document.activeElement?.id).toBe('pair-server');
    expect(calls.fetched).toEqual([]);
  });

  it('asks for host access first, then says a refused code plainly', async () => {
    const { calls } = await mount();
    input('pair-code').value = 'abcd-2345';
    await submit();
    expect(calls.asked).toEqual([SERVER]);
    expect(calls.order).toEqual(['ask', 'fetch']);
    expect(calls.fetched).toEqual([`${SERVER}/api/v1/sidepanel/forbind`]);
    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'Koden er forkert, udløbet eller allerede brugt.',
    );
    expect(document.activeElement?.id).toBe('pair-code');
  });
});
