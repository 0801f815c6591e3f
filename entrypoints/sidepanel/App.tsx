import type { Signal } from '@preact/signals';
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LINK_ENABLED } from '../../src/link/origins.js';
import { BackupReminder } from './components/BackupReminder.js';
import { FollowUpsView } from './components/FollowUpsView.js';
import { LockOffer } from './components/LockOffer.js';
import { Nav } from './components/Nav.js';
import { PageView } from './components/PageView.js';
import { SearchBox } from './components/SearchBox.js';
import { SearchResults } from './components/SearchResults.js';
import { StorageStatus } from './components/StorageStatus.js';
import { VolunteerDetail } from './components/VolunteerDetail.js';
import { VolunteerList } from './components/VolunteerList.js';
import { usePanel, useT } from './context.js';
import { LinkSection, RevokedNotice } from './link/LinkSection.js';

/**
 * A view whose code is fetched the first time it is shown: the panel parses
 * less before its first list. Renders nothing for the moment the chunk takes.
 */
function lazyView(load: () => Promise<ComponentType<Record<string, never>>>) {
  let view: ComponentType<Record<string, never>> | undefined;
  let loading: Promise<unknown> | undefined;
  return function LazyView() {
    const [, loaded] = useState(0);
    useEffect(() => {
      if (view) return;
      let live = true;
      loading ??= load().then(
        (v) => {
          view = v;
        },
        (error: unknown) => {
          // A chunk gone with an update in between: the next showing tries again.
          loading = undefined;
          throw error;
        },
      );
      void loading.then(() => live && loaded((n) => n + 1));
      return () => {
        live = false;
      };
    }, []);
    const View = view;
    return View ? <View /> : null;
  };
}

/** The Data view (backup, import, lock): rarely opened, and the most code. */
const DataPanel = lazyView(async () => (await import('./components/DataPanel.js')).DataPanel);
/** "Min uge". */
const LeaderWeekView = lazyView(
  async () => (await import('./components/LeaderWeekView.js')).LeaderWeekView,
);

/** The database's state as the panel shows it. */
export type Health = 'ok' | 'blocked' | 'closedForUpgrade' | 'terminated';

/** Props for {@link App}. */
export interface AppProps {
  health: Signal<Health>;
}

/** The sidebar: header, search, the sections, and one polite live region for status. */
export function App({ health }: AppProps) {
  const t = useT();
  const { store, link, lock } = usePanel();
  const view = store.ui.view.value;
  const selected = store.ui.selected.value;
  const searching = store.search.results.value !== null;
  const state = health.value;
  return (
    <>
      <header class="header">
        <h1>Samskab</h1>
        <StorageStatus />
        {lock?.sealed.value && (
          <button type="button" onClick={() => void lock.lockNow()}>
            {t('lock.now')}
          </button>
        )}
      </header>
      {state !== 'ok' && (
        <div class="notice" role="alert">
          <p>
            {t(
              state === 'blocked'
                ? 'app.blocked'
                : state === 'terminated'
                  ? 'app.terminated'
                  : 'app.closedForUpgrade',
            )}
          </p>
          {state !== 'blocked' && (
            <button type="button" onClick={() => location.reload()}>
              {t('app.reload')}
            </button>
          )}
        </div>
      )}
      {LINK_ENABLED && link?.revoked.value && view !== 'link' && <RevokedNotice />}
      <LockOffer />
      <BackupReminder />
      <SearchBox />
      <main>
        {searching ? (
          <SearchResults />
        ) : (
          <>
            <Nav />
            {view === 'page' && <PageView />}
            {view === 'volunteers' &&
              (selected ? <VolunteerDetail volunteerId={selected} /> : <VolunteerList />)}
            {view === 'followUps' && <FollowUpsView />}
            {view === 'week' && <LeaderWeekView />}
            {view === 'data' && <DataPanel />}
            {LINK_ENABLED && link && view === 'link' && <LinkSection />}
          </>
        )}
      </main>
      <p class="visually-hidden" role="status" aria-live="polite">
        {store.ui.announcement}
      </p>
    </>
  );
}
