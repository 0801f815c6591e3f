/**
 * The Samskab section: "Forbind til Samskab" until this device is paired,
 * then the workplace's Indbakke, I dag, Opfølgning and Puls, from the
 * network or, offline, from the cache with the time it was fetched.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { allowedOrigin, LINK_ORIGINS } from '../../../src/link/origins.js';
import { PAIRING_CODE } from '../../../src/schemas/sidepanel.js';
import { formatDateTime, formatTime, toCopenhagen } from '../../../src/time/copenhagen.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { useFocusRequest } from '../components/useFocusRequest.js';
import { useSaving } from '../components/useSaving.js';
import { usePanel, useT } from '../context.js';
import type { LinkProblem, LinkUi, LinkView } from './state.js';
import { FollowUpsFromSamskab, Inbox, Pulse, Today } from './views.js';

const VIEWS: readonly LinkView[] = ['inbox', 'today', 'followUps', 'pulse'];

/** The link state; the section is only rendered in a build that has one. */
export function useLink(): LinkUi {
  const { link } = usePanel();
  if (!link) throw new Error('useLink in a build without Samskab servers');
  return link;
}

/** A problem's message, with the build's origins where the message names them. */
function useProblemText() {
  const t = useT();
  return (p: LinkProblem) => t(p, { origins: LINK_ORIGINS.join(', ') });
}

/** Props for {@link LinkSection}. */
export type LinkSectionProps = Record<string, never>;

/** The section as a whole. */
export function LinkSection(_: LinkSectionProps) {
  const t = useT();
  const link = useLink();
  const heading = useFocusRequest();
  const phase = link.phase.value;
  const was = useRef(phase);
  useEffect(() => {
    // Revoked while the leader looked at the lists: the buttons they used are
    // gone, so focus goes to the heading of what the section shows now.
    if (was.current === 'paired' && phase === 'unpaired') heading.current?.focus();
    was.current = phase;
  }, [phase]);
  return (
    <section aria-labelledby="link-heading">
      <h2 id="link-heading" ref={heading} tabIndex={-1}>
        {phase === 'paired' ? t('link.heading') : t('link.pairHeading')}
      </h2>
      {link.revoked.value && <RevokedNotice />}
      {phase === 'unpaired' && <PairForm />}
      {phase === 'paired' && <Linked />}
    </section>
  );
}

/** "Forbindelsen til Samskab er afbrudt i arbejdspladsen." */
export function RevokedNotice() {
  const t = useT();
  return (
    <div class="notice" role="alert">
      <p>
        <strong>{t('link.revoked')}</strong>
      </p>
      <p>{t('link.revokedHint')}</p>
    </div>
  );
}

/** Props for {@link PairForm}. */
export type PairFormProps = Record<string, never>;

/** Server address (pre-filled, or locked by policy), the code and the device's name. */
export function PairForm(_: PairFormProps) {
  const t = useT();
  const problemText = useProblemText();
  const { store, services } = usePanel();
  const link = useLink();
  const { saving, run } = useSaving();
  const errorRef = useRef<HTMLDivElement>(null);
  const [field, setField] = useState<'server' | 'code' | 'device' | null>(null);
  const managedServer = link.managed.serverUrl;
  const defaultServer = managedServer ?? (LINK_ORIGINS.length === 1 ? LINK_ORIGINS[0] : '');
  const problem = link.problem.value;

  useEffect(() => {
    if (!problem) return;
    const input = field ? document.getElementById(`pair-${field}`) : null;
    (input ?? errorRef.current)?.focus();
  }, [problem, field]);

  const fail = (code: LinkProblem, at: typeof field) => {
    setField(at);
    link.fail(code);
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const address = managedServer ?? String(form.get('server') ?? '');
    const origin = allowedOrigin(address, LINK_ORIGINS);
    if (!origin) return fail('error.link.origin', managedServer ? null : 'server');
    const code = String(form.get('code') ?? '')
      .replace(/[\s-]/g, '')
      .toUpperCase();
    if (!PAIRING_CODE.test(code)) return fail('error.link.code', 'code');
    const device = String(form.get('device') ?? '').trim();
    if (!device || device.length > 60) return fail('error.pairing.device', 'device');
    // Asked here, in the submit handler itself: the browser grants the prompt
    // only to the leader's gesture, which an await before it would lose.
    const asked = services.requestHostAccess?.(origin) ?? Promise.resolve(true);
    return run(async () => {
      if (!(await asked.catch(() => false))) return fail('error.link.permission', null);
      const ok = await link.pair(origin, code, device);
      if (ok) {
        store.ui.announce(t('link.paired', { person: link.link.value?.person ?? '' }));
        store.ui.show('link');
      } else {
        const p = link.problem.value;
        setField(
          p === 'error.pairing.device' ? 'device' : p?.startsWith('error.pairing') ? 'code' : null,
        );
      }
    });
  };

  const invalid = (name: typeof field) => (problem && field === name ? 'true' : undefined);
  const described = (name: typeof field, hint: string) =>
    problem && field === name ? `${hint} pair-error` : hint;

  return (
    <>
      <p>{t('link.pairIntro')}</p>
      <p>{t('link.pairHow')}</p>
      {problem && (
        <div ref={errorRef} tabIndex={-1} id="pair-error" class="error-box" role="alert">
          {problemText(problem)}
        </div>
      )}
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for="pair-server">{t('link.server')}</label>
          <input
            id="pair-server"
            name="server"
            type="url"
            inputMode="url"
            autocomplete="url"
            spellcheck={false}
            defaultValue={defaultServer}
            readOnly={managedServer !== undefined}
            aria-invalid={invalid('server')}
            aria-describedby={described('server', 'pair-server-hint')}
          />
          <p id="pair-server-hint" class="muted">
            {managedServer !== undefined
              ? t('link.serverManaged')
              : t('link.serverAllowed', { origins: LINK_ORIGINS.join(', ') })}
          </p>
        </div>
        <div class="field">
          <label for="pair-code">{t('link.code')}</label>
          <input
            id="pair-code"
            name="code"
            autocomplete="one-time-code"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={12}
            class="code"
            aria-invalid={invalid('code')}
            aria-describedby={described('code', 'pair-code-hint')}
          />
          <p id="pair-code-hint" class="muted">
            {t('link.codeHint')}
          </p>
        </div>
        <div class="field">
          <label for="pair-device">{t('link.device')}</label>
          <input
            id="pair-device"
            name="device"
            maxLength={60}
            autocomplete="off"
            defaultValue={defaultDeviceName()}
            aria-invalid={invalid('device')}
            aria-describedby={described('device', 'pair-device-hint')}
          />
          <p id="pair-device-hint" class="muted">
            {t('link.deviceHint')}
          </p>
        </div>
        <button type="submit" aria-disabled={saving ? 'true' : undefined}>
          {saving ? t('link.pairing') : t('link.pair')}
        </button>
      </form>
    </>
  );
}

/** "Samskab-sidepanel (Firefox, Windows)", from what the browser says about itself. */
function defaultDeviceName(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const browser = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : 'Chrome';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X/.test(ua)
      ? 'macOS'
      : /Android/.test(ua)
        ? 'Android'
        : /Linux|X11/.test(ua)
          ? 'Linux'
          : '';
  return `Samskab-sidepanel (${os ? `${browser}, ${os}` : browser})`;
}

/** The Copenhagen calendar day of an instant, as `2026-12-4`. */
export function dayOf(instant: Date): string {
  const l = toCopenhagen(instant);
  return `${l.year}-${l.month}-${l.day}`;
}

/** When the snapshot shown was fetched. */
export function FetchedAt() {
  const t = useT();
  const { locale, store } = usePanel();
  const link = useLink();
  const fetched = link.data.value?.snapshot.fetchedAt;
  if (!fetched) return <p class="muted">{t('link.neverFetched')}</p>;
  const at = new Date(fetched);
  const sameDay = dayOf(at) === dayOf(store.records.clock.value);
  return (
    <p class="muted">
      {sameDay
        ? t('link.fetchedAt', { time: formatTime(at, locale) })
        : t('link.fetchedOn', { date: formatDateTime(at, locale) })}
    </p>
  );
}

/** The paired section: who and where, fetch again, disconnect, and the four views. */
function Linked() {
  const t = useT();
  const problemText = useProblemText();
  const { store } = usePanel();
  const link = useLink();
  const [confirming, setConfirming] = useState(false);
  const state = link.link.value;
  const view = link.view.value;
  const problem = link.problem.value;
  const host = state ? new URL(state.server).host : '';
  const refresh = async () => {
    if (await link.refresh()) store.ui.announce(t('link.refreshed'));
    else if (link.offline.value) store.ui.announce(t('link.offline'));
  };
  return (
    <>
      {state && (
        <p class="muted">
          {t('link.connectedTo', {
            server: state.serverName ? `${state.serverName} (${host})` : host,
            person: state.person,
          })}
        </p>
      )}
      <FetchedAt />
      {link.offline.value && (
        <p class="notice" role="status">
          {t('link.offline')}
        </p>
      )}
      {problem && (
        <div class="error-box" role="alert">
          {problemText(problem)}
        </div>
      )}
      <div class="row">
        <button
          type="button"
          onClick={refresh}
          aria-disabled={link.refreshing.value ? 'true' : undefined}
        >
          {link.refreshing.value ? t('link.refreshing') : t('link.refresh')}
        </button>
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t('link.unpair')}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('link.unpairConfirmTitle')}
          body={t('link.unpairConfirmBody')}
          confirmLabel={t('link.unpairConfirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setConfirming(false);
            await link.unpair();
            store.ui.announce(t('link.unpaired'));
            store.ui.show('link');
          }}
        />
      )}
      <nav aria-label={t('link.sections')} class="nav">
        {VIEWS.map((v) => (
          <button
            type="button"
            key={v}
            aria-current={view === v ? 'page' : undefined}
            onClick={() => link.show(v)}
          >
            {t(`link.${v}`)}
            {v === 'inbox' && <InboxCount />}
          </button>
        ))}
      </nav>
      {view === 'inbox' && <Inbox />}
      {view === 'today' && <Today />}
      {view === 'followUps' && <FollowUpsFromSamskab />}
      {view === 'pulse' && <Pulse />}
    </>
  );
}

function InboxCount() {
  const link = useLink();
  const n = link.data.value?.snapshot.inbox.filter((s) => s.status === 'ny').length ?? 0;
  return n > 0 ? <span class="badge"> ({n})</span> : null;
}
