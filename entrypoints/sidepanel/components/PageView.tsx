import { useState } from 'preact/hooks';
import type { PageLink } from '../../../src/schemas/page-link.js';
import { splitLabels, usePanel, useT } from '../context.js';
import { NoteItem } from './NoteItem.js';
import { useFocusRequest } from './useFocusRequest.js';

/** Props for {@link PageView}. */
export type PageViewProps = Record<string, never>;

/** What is linked to the active page and its site, one-click linking, and captured quotes. */
export function PageView(_: PageViewProps) {
  const t = useT();
  const { store } = usePanel();
  const identity = store.page.identity.value;
  const here = store.page.linksHere.value;
  const site = store.page.linksOnSite.value;
  const inbox = store.records.inbox.value;
  const heading = useFocusRequest();
  return (
    <section aria-labelledby="page-heading">
      <h2 id="page-heading" ref={heading} tabIndex={-1}>
        {t('page.heading')}
      </h2>
      {!identity ? (
        <p>{t('page.none')}</p>
      ) : (
        <>
          <p class="page-key">
            {t('page.current')} <code>{identity.key}</code>
          </p>
          <h3>{t('page.linkedHere')}</h3>
          {here.length === 0 ? <p>{t('page.nothingLinked')}</p> : <LinkList links={here} />}
          <LinkVolunteer />
          {site.length > 0 && (
            <>
              <h3>{t('page.linkedSite', { site: identity.site })}</h3>
              <LinkList links={site} />
            </>
          )}
          <SiteParams site={identity.site} />
        </>
      )}
      {inbox.length > 0 && (
        <>
          <h3>{t('page.inbox')}</h3>
          <p class="muted">{t('page.inboxHint')}</p>
          <ul class="list plain">
            {inbox.map((n) => (
              <li key={n.id}>
                <NoteItem note={n} assignable />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Props for {@link LinkList}. */
export interface LinkListProps {
  links: PageLink[];
}

/** The volunteers and notes behind a set of page links. */
export function LinkList({ links }: LinkListProps) {
  const t = useT();
  const { store } = usePanel();
  return (
    <ul class="list plain">
      {links.map((link) => {
        const unlink = (
          <button
            type="button"
            class="link"
            onClick={async () => {
              await store.records.unlinkPage(link.id);
              store.ui.announce(t('page.unlinked'));
            }}
          >
            {t('page.unlink')}
          </button>
        );
        if (link.target.kind === 'volunteer') {
          const v = store.records.volunteers.value.get(link.target.id);
          if (!v) return null;
          return (
            <li key={link.id} class="row">
              <button type="button" class="item" onClick={() => store.ui.show('volunteers', v.id)}>
                <strong>{v.name}</strong>
              </button>
              {unlink}
            </li>
          );
        }
        const n = store.records.notes.value.get(link.target.id);
        if (!n) return null;
        return (
          <li key={link.id}>
            <NoteItem note={n} />
            {unlink}
          </li>
        );
      })}
    </ul>
  );
}

function LinkVolunteer() {
  const t = useT();
  const { store } = usePanel();
  const [choice, setChoice] = useState('');
  const page = store.page.identity.value;
  const volunteers = store.records.sortedVolunteers.value;
  if (!page || volunteers.length === 0) return null;
  return (
    <form
      class="form"
      onSubmit={async (e) => {
        e.preventDefault();
        const v = store.records.volunteers.value.get(choice);
        if (!v) return;
        await store.records.linkPage(page, { kind: 'volunteer', id: v.id }, store.page.title.value);
        setChoice('');
        store.ui.announce(t('page.linked', { name: v.name }));
      }}
    >
      <fieldset>
        <legend>{t('page.linkVolunteer')}</legend>
        <label for="link-volunteer">{t('page.chooseVolunteer')}</label>
        <div class="row">
          <select
            id="link-volunteer"
            value={choice}
            onChange={(e) => setChoice(e.currentTarget.value)}
          >
            <option value="">{t('page.choose')}</option>
            {volunteers.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!choice}>
            {t('page.link')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

function SiteParams({ site }: { site: string }) {
  const t = useT();
  const { store } = usePanel();
  const current = store.records.settings.value.siteParams[site] ?? [];
  const seen = store.page.paramNames.value;
  return (
    <details class="add">
      <summary>{t('page.params', { site })}</summary>
      <form
        class="form"
        onSubmit={async (e) => {
          e.preventDefault();
          const value = String(new FormData(e.currentTarget).get('params') ?? '');
          const params = splitLabels(value).filter((p) => /^[A-Za-z0-9_.[\]-]{1,40}$/.test(p));
          const siteParams = { ...store.records.settings.value.siteParams };
          if (params.length) siteParams[site] = params;
          else delete siteParams[site];
          await store.records.saveSettings({ siteParams });
          store.ui.announce(t('page.paramsSaved', { site }));
        }}
      >
        <div class="field">
          <label for="site-params">{t('page.params', { site })}</label>
          <input
            id="site-params"
            name="params"
            autocomplete="off"
            defaultValue={current.join(', ')}
            placeholder={seen.join(', ')}
            aria-describedby="site-params-hint"
          />
          <p id="site-params-hint" class="muted">
            {t('page.paramsHint')}
          </p>
        </div>
        <button type="submit">{t('page.paramsSave')}</button>
      </form>
    </details>
  );
}
