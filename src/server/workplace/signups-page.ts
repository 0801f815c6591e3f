/**
 * Tilmeldinger: an inbox per activity; each sign-up moves from ny to
 * kontaktet to aktiv or ikke aktuel (or one step back to put a mistake
 * right), noting who moved it when. Every view, change and export of the
 * residents' data is written to the audit log.
 */
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { Locale } from '../../i18n/index.js';
import { Id } from '../../schemas/common.js';
import type { AgeBand } from '../../schemas/signup.js';
import { formatDateTime } from '../../time/copenhagen.js';
import type { AppEnv } from '../http/env.js';
import { localeOf } from '../http/errors.js';
import { activityScope, mayManage, principalOf } from '../http/principal.js';
import type { Markup } from '../pages/layout.js';
import {
  mayMove,
  SIGNUP_MOVES,
  SIGNUP_STATUSES,
  type SignupStatus,
  type SignupWithStatus,
} from '../signups/store.js';
import type { WorkplaceDeps } from './deps.js';
import { csrfField, workplacePage } from './layout.js';

/** Sign-ups on one page of an inbox. */
const PAGE_SIZE = 50;
const da = {
  title: 'Tilmeldinger',
  lead: 'Vælg en aktivitet for at se dens tilmeldinger.',
  noActivities: 'Du har ingen aktiviteter endnu.',
  activitiesHead: 'Aktiviteter',
  countLine: (total: number, fresh: number) =>
    `${total} ${total === 1 ? 'tilmelding' : 'tilmeldinger'}, ${fresh} ${fresh === 1 ? 'ny' : 'nye'}`,
  inboxTitle: (activity: string) => `Tilmeldinger: ${activity}`,
  back: 'Alle aktiviteter',
  filter: 'Vis efter status',
  all: 'Alle',
  none: 'Ingen tilmeldinger her.',
  exportCsv: 'Hent som CSV (regneark)',
  head: {
    name: 'Navn',
    email: 'E-mail',
    phone: 'Telefon',
    help: 'Vil gerne hjælpe med',
    age: 'Alder',
    created: 'Tilmeldt',
    status: 'Status',
    changed: 'Senest ændret',
    actions: 'Flyt',
  },
  status: {
    ny: 'Ny',
    kontaktet: 'Kontaktet',
    aktiv: 'Aktiv',
    'ikke-aktuel': 'Ikke aktuel',
  } as Record<SignupStatus, string>,
  moveTo: (s: string) => `Flyt til »${s}«`,
  pages: 'Sider',
  pageOf: (n: number, of: number) => `Side ${n} af ${of}.`,
  newer: 'Nyere',
  older: 'Ældre',
  by: (who: string, when: string) => `${who}, ${when}`,
  never: 'Ikke ændret',
  age: { 'under-15': 'Under 15', '15-17': '15–17', '18-plus': '18+' } as Record<AgeBand, string>,
  guardian: 'forælder har givet samtykke',
  saved: (name: string, s: string) => `${name} er flyttet til »${s}«.`,
  refused: (from: string, to: string) =>
    `En tilmelding kan ikke flyttes fra »${from}« til »${to}«. Den kan flyttes videre ét trin ad gangen eller ét trin tilbage.`,
  notFound: 'Siden findes ikke, eller du har ikke adgang til den.',
  badStatus: 'Ukendt status.',
  csvHead: [
    'Navn',
    'E-mail',
    'Telefon',
    'Vil gerne hjælpe med',
    'Alder',
    'Forælders samtykke',
    'Tilmeldt',
    'Status',
    'Ændret af',
    'Ændret',
  ],
  yes: 'ja',
  no: 'nej',
};

const en: typeof da = {
  title: 'Sign-ups',
  lead: 'Choose an activity to see its sign-ups.',
  noActivities: 'You have no activities yet.',
  activitiesHead: 'Activities',
  countLine: (total, fresh) => `${total} ${total === 1 ? 'sign-up' : 'sign-ups'}, ${fresh} new`,
  inboxTitle: (activity) => `Sign-ups: ${activity}`,
  back: 'All activities',
  filter: 'Show by status',
  all: 'All',
  none: 'No sign-ups here.',
  exportCsv: 'Download as CSV (spreadsheet)',
  head: {
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    help: 'Would like to help with',
    age: 'Age',
    created: 'Signed up',
    status: 'Status',
    changed: 'Last changed',
    actions: 'Move',
  },
  status: { ny: 'New', kontaktet: 'Contacted', aktiv: 'Active', 'ikke-aktuel': 'Not relevant' },
  moveTo: (s) => `Move to “${s}”`,
  pages: 'Pages',
  pageOf: (n, of) => `Page ${n} of ${of}.`,
  newer: 'Newer',
  older: 'Older',
  by: (who, when) => `${who}, ${when}`,
  never: 'Not changed',
  age: { 'under-15': 'Under 15', '15-17': '15–17', '18-plus': '18+' },
  guardian: 'a parent has consented',
  saved: (name, s) => `${name} is moved to “${s}”.`,
  refused: (from, to) =>
    `A sign-up cannot move from “${from}” to “${to}”. It moves on one step at a time, or one step back.`,
  notFound: 'The page does not exist, or you have no access to it.',
  badStatus: 'Unknown status.',
  csvHead: [
    'Name',
    'E-mail',
    'Phone',
    'Would like to help with',
    'Age',
    'Parental consent',
    'Signed up',
    'Status',
    'Changed by',
    'Changed',
  ],
  yes: 'yes',
  no: 'no',
};

export const signupTexts = (l: Locale) => (l === 'en' ? en : da);

/**
 * A CSV file as a spreadsheet opens it: UTF-8 with a byte order mark, CRLF,
 * every cell quoted, and a cell that a spreadsheet would read as a formula
 * (=, +, -, @, or a tab or carriage return first) led by an apostrophe.
 */
export function csvFile(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return `"${safe.replaceAll('"', '""')}"`;
  };
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A file name part from an id (ids are `[A-Za-z0-9_-]`). */
export const csvHeaders = (file: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${file}"`,
  'Cache-Control': 'no-store',
});

const isStatus = (v: string | undefined): v is SignupStatus =>
  SIGNUP_STATUSES.includes(v as SignupStatus);

export function signupPages(d: WorkplaceDeps): Hono<AppEnv> {
  const when = (iso: string, l: Locale) => formatDateTime(new Date(iso), l);

  const notFound = (c: Context<AppEnv>) => {
    const t = signupTexts(localeOf(c));
    return workplacePage(c, {
      title: t.title,
      section: 'signups',
      status: 404,
      body: html`<p role="alert">${t.notFound}</p><p><a href="/leder/tilmeldinger">${t.back}</a></p>`,
    });
  };

  /** The activity `id` when it exists and the principal may manage it. */
  const activityFor = async (c: Context<AppEnv>, id: string | undefined) => {
    if (id === undefined || !Id.safeParse(id).success) return undefined;
    if (!mayManage(principalOf(c), id)) return undefined;
    return d.activities.get(id);
  };

  /** Every activity the principal sees, with its sign-ups counted. */
  async function index(c: Context<AppEnv>) {
    const t = signupTexts(localeOf(c));
    const scope = activityScope(principalOf(c));
    const mine = (await d.activities.list()).filter((a) => !scope || scope.has(a.id));
    const counted = await Promise.all(
      mine.map(async (a) => {
        const counts = await d.signups.countsForActivity(a.id);
        const total = SIGNUP_STATUSES.reduce((n, x) => n + counts[x], 0);
        return { a, total, fresh: counts.ny };
      }),
    );
    return workplacePage(c, {
      title: t.title,
      section: 'signups',
      body:
        mine.length === 0
          ? html`<p>${t.noActivities}</p>`
          : html`<p>${t.lead}</p><h2>${t.activitiesHead}</h2>
<ul class="wp-list">${counted.map(
              ({ a, total, fresh }) =>
                html`<li><a href="/leder/tilmeldinger?activity=${a.id}">${a.title}</a>: ${t.countLine(total, fresh)}</li>`,
            )}</ul>`,
    });
  }

  /** One activity's inbox, newest first, optionally only one status. */
  async function inbox(
    c: Context<AppEnv>,
    activity: { id: string; title: string },
    filter: SignupStatus | undefined,
    notice: Markup | '' = '',
    status = 200,
  ) {
    const l = localeOf(c);
    const t = signupTexts(l);
    // A page at a time: an activity may hold thousands of sign-ups.
    const counts = await d.signups.countsForActivity(activity.id);
    const total = filter ? counts[filter] : SIGNUP_STATUSES.reduce((n, x) => n + counts[x], 0);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const asked = Number(c.req.query('side'));
    const pageNo = Number.isInteger(asked) && asked >= 1 && asked <= pages ? asked : 1;
    const shown = await d.signups.pageForActivity(activity.id, {
      status: filter,
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    });
    if (shown.length > 0) {
      await d.audit.record(c, {
        action: 'view',
        subject: 'signup',
        subjectId: shown.map((s) => s.id).join(' '),
        activityId: activity.id,
        detail: `${filter ? `inbox, status ${filter}` : 'inbox'}, page ${pageNo}`,
      });
    }
    const base = `/leder/tilmeldinger?activity=${encodeURIComponent(activity.id)}`;
    const count = (s: SignupStatus | undefined) =>
      s ? counts[s] : SIGNUP_STATUSES.reduce((n, x) => n + counts[x], 0);
    const here = filter ? `${base}&status=${filter}` : base;
    const pager =
      pages === 1
        ? ''
        : html`<nav aria-label="${t.pages}"><p>${t.pageOf(pageNo, pages)}
${pageNo > 1 ? html` <a href="${here}&amp;side=${pageNo - 1}" rel="prev">${t.newer}</a>` : ''}
${pageNo < pages ? html` <a href="${here}&amp;side=${pageNo + 1}" rel="next">${t.older}</a>` : ''}</p></nav>`;
    const filterLink = (s: SignupStatus | undefined) => {
      const label = `${s ? t.status[s] : t.all} (${count(s)})`;
      const href = s ? `${base}&status=${s}` : base;
      return html`<li><a href="${href}"${s === filter ? html` aria-current="page"` : ''}>${label}</a></li>`;
    };
    const csv = filter ? `${base}&status=${filter}&format=csv` : `${base}&format=csv`;
    const row = (s: SignupWithStatus) => html`<tr id="tilmelding-${s.id}">
<th scope="row">${s.name}</th>
<td><a href="mailto:${s.email}">${s.email}</a></td>
<td>${s.phone ? html`<a href="tel:${s.phone.replaceAll(' ', '')}">${s.phone}</a>` : ''}</td>
<td>${s.help}</td>
<td>${t.age[s.ageBand]}${s.guardianConsent ? html` (${t.guardian})` : ''}</td>
<td>${when(s.createdAt, l)}</td>
<td>${t.status[s.status]}</td>
<td>${s.statusBy && s.statusAt ? t.by(s.statusBy, when(s.statusAt, l)) : t.never}</td>
<td>${SIGNUP_MOVES[s.status].map(
      (
        to,
      ) => html`<form method="post" action="/leder/tilmeldinger/${s.id}/status" class="wp-inline">
${csrfField(c)}<input type="hidden" name="status" value="${to}">${filter ? html`<input type="hidden" name="filter" value="${filter}">` : ''}
<button type="submit" class="${isForward(s.status, to) ? 'button' : 'button-secondary'}">${t.moveTo(t.status[to])}<span class="visually-hidden">: ${s.name}</span></button></form>`,
    )}</td>
</tr>`;
    return workplacePage(c, {
      title: t.inboxTitle(activity.title),
      section: 'signups',
      status,
      body: html`<p><a href="/leder/tilmeldinger">${t.back}</a></p>
${notice}
<nav aria-label="${t.filter}"><ul class="wp-list">${filterLink(undefined)}${SIGNUP_STATUSES.map(filterLink)}</ul></nav>
${
  shown.length === 0
    ? html`<p>${t.none}</p>`
    : html`<p><a href="${csv}">${t.exportCsv}</a></p>
<div class="wp-table-wrap" tabindex="0" role="region" aria-label="${t.inboxTitle(activity.title)}"><table class="wp-table">
<thead><tr><th scope="col">${t.head.name}</th><th scope="col">${t.head.email}</th><th scope="col">${t.head.phone}</th><th scope="col">${t.head.help}</th><th scope="col">${t.head.age}</th><th scope="col">${t.head.created}</th><th scope="col">${t.head.status}</th><th scope="col">${t.head.changed}</th><th scope="col">${t.head.actions}</th></tr></thead>
<tbody>${shown.map(row)}</tbody></table></div>
${pager}`
}`,
    });
  }

  async function exportCsv(
    c: Context<AppEnv>,
    activity: { id: string },
    filter: SignupStatus | undefined,
  ) {
    const l = localeOf(c);
    const t = signupTexts(l);
    const all = await d.signups.listForActivity(activity.id);
    const shown = filter ? all.filter((s) => s.status === filter) : all;
    await d.audit.record(c, {
      action: 'export',
      subject: 'signup',
      subjectId: shown.map((s) => s.id).join(' '),
      activityId: activity.id,
      detail: `csv, ${shown.length} rows${filter ? `, status ${filter}` : ''}`,
    });
    const body = csvFile([
      t.csvHead,
      ...shown.map((s) => [
        s.name,
        s.email,
        s.phone,
        s.help,
        t.age[s.ageBand],
        s.guardianConsent ? t.yes : t.no,
        s.createdAt,
        t.status[s.status],
        s.statusBy ?? '',
        s.statusAt ?? '',
      ]),
    ]);
    return c.body(body, 200, csvHeaders(`tilmeldinger-${activity.id}.csv`));
  }

  return new Hono<AppEnv>()
    .get('/leder/tilmeldinger', d.leader.signedIn, async (c) => {
      const asked = c.req.query('activity');
      if (asked === undefined) return index(c);
      const activity = await activityFor(c, asked);
      if (!activity) return notFound(c);
      const statusQuery = c.req.query('status');
      if (statusQuery !== undefined && statusQuery !== '' && !isStatus(statusQuery)) {
        const t = signupTexts(localeOf(c));
        return inbox(
          c,
          activity,
          undefined,
          html`<p role="alert" class="wp-error">${t.badStatus}</p>`,
          400,
        );
      }
      const filter = isStatus(statusQuery) ? statusQuery : undefined;
      if (c.req.query('format') === 'csv') return exportCsv(c, activity, filter);
      const saved = c.req.query('gemt');
      let notice: Markup | '' = '';
      if (saved !== undefined && Id.safeParse(saved).success) {
        const s = await d.signups.getWithStatus(saved);
        if (s && s.activityId === activity.id) {
          const t = signupTexts(localeOf(c));
          notice = html`<p role="status" class="wp-status">${t.saved(s.name, t.status[s.status])}</p>`;
        }
      }
      return inbox(c, activity, filter, notice);
    })
    .post(
      '/leder/tilmeldinger/:id{[A-Za-z0-9_-]{1,64}}/status',
      d.leader.signedIn,
      d.leader.form,
      async (c) => {
        const l = localeOf(c);
        const t = signupTexts(l);
        const p = principalOf(c);
        if (p.kind === 'account' && p.scope === 'read') return notFound(c);
        const signup = await d.signups.getWithStatus(c.req.param('id'));
        if (!signup || !mayManage(p, signup.activityId)) return notFound(c);
        const activity = await d.activities.get(signup.activityId);
        if (!activity) return notFound(c);
        const body = await c.req.parseBody();
        const to = typeof body.status === 'string' ? body.status : '';
        const filter = typeof body.filter === 'string' && isStatus(body.filter) ? body.filter : '';
        if (!isStatus(to)) {
          return inbox(
            c,
            activity,
            undefined,
            html`<p role="alert" class="wp-error">${t.badStatus}</p>`,
            400,
          );
        }
        const refuse = (from: SignupStatus) =>
          inbox(
            c,
            activity,
            undefined,
            html`<p role="alert" class="wp-error">${t.refused(t.status[from], t.status[to])}</p>`,
            409,
          );
        if (!mayMove(signup.status, to)) return refuse(signup.status);
        const moved = await d.signups.setStatus(signup.id, to, p.name, d.clock());
        if (!moved) {
          // Another coordinator moved it meanwhile: say from where it stands now.
          const now = await d.signups.getWithStatus(signup.id);
          return now ? refuse(now.status) : notFound(c);
        }
        await d.audit.record(c, {
          action: 'change',
          subject: 'signup',
          subjectId: signup.id,
          activityId: signup.activityId,
          detail: `status ${signup.status} → ${to}`,
        });
        const back = new URLSearchParams({ activity: activity.id });
        if (filter) back.set('status', filter);
        back.set('gemt', signup.id);
        return c.redirect(`/leder/tilmeldinger?${back.toString()}`, 303);
      },
    );
}

/** A move on (not one back), shown as the main button. */
const isForward = (from: SignupStatus, to: SignupStatus) =>
  SIGNUP_STATUSES.indexOf(to) > SIGNUP_STATUSES.indexOf(from);
