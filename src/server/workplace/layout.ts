/**
 * The frame of every workplace page: skip link, who is signed in, the
 * navigation (admin pages only for admins), sign-out, and the page. Other
 * features' `/leder` pages use it too, so the workplace reads as one place.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { AppEnv } from '../http/env.js';
import { localeOf } from '../http/errors.js';
import { PAGE_CSP } from '../http/security-headers.js';
import { type Markup, page } from '../pages/layout.js';
import { workplaceTexts } from './texts.js';

export type Section =
  | 'overview'
  | 'activities'
  | 'shifts'
  | 'signups'
  | 'pulse'
  | 'people'
  | 'log'
  | 'insight'
  | 'account'
  | 'none';

export const WORKPLACE_HEADERS = {
  'Content-Security-Policy': PAGE_CSP,
  'Cache-Control': 'no-store',
};

const LINKS: readonly [Exclude<Section, 'none' | 'account'>, string, boolean][] = [
  ['overview', '/leder', false],
  ['activities', '/leder/aktiviteter', false],
  ['shifts', '/leder/vagter', false],
  ['signups', '/leder/tilmeldinger', false],
  ['pulse', '/leder/puls', false],
  ['people', '/leder/personer', true],
  ['log', '/leder/log', true],
  ['insight', '/leder/indsigt', true],
];

/** The hidden form-token field every state-changing form of a session carries. */
export function csrfField(c: Context<AppEnv>): Markup {
  return html`<input type="hidden" name="csrf" value="${c.get('session')?.csrf ?? ''}">`;
}

export interface WorkplacePageProps {
  title: string;
  section: Section;
  body: Markup;
  /** Extra stylesheets after the workplace's own. */
  stylesheets?: readonly string[];
  scripts?: readonly string[];
  status?: number;
}

/** A whole workplace page for the signed-in principal (a signed-out page when there is none). */
export function workplacePage(
  c: Context<AppEnv>,
  props: WorkplacePageProps,
): Response | Promise<Response> {
  const locale = localeOf(c);
  const t = workplaceTexts(locale);
  const p = c.get('principal');
  const signedIn = p?.kind === 'account' ? p : undefined;
  const nav = signedIn
    ? html`<nav aria-label="${t.nav}" class="wp-nav"><ul>${LINKS.filter(
        ([, , adminOnly]) => !adminOnly || signedIn.role === 'admin',
      ).map(
        ([section, href]) =>
          html`<li><a href="${href}"${section === props.section ? html` aria-current="page"` : ''}>${t[section]}</a></li>`,
      )}</ul></nav>`
    : '';
  const who = signedIn
    ? html`<div class="wp-who"><p>${t.signedInAs(signedIn.name, t.role[signedIn.role] ?? signedIn.role)}</p>
<a href="/leder/konto"${props.section === 'account' ? html` aria-current="page"` : ''}>${t.account}</a>
<form method="post" action="/leder/log-ud">${csrfField(c)}<button type="submit" class="button-secondary">${t.signOut}</button></form></div>`
    : '';
  const body = html`<a class="skip-link" href="#main">${t.skip}</a>
<header class="wp-header"><p class="wp-brand"><a href="/leder">${t.workplace}</a></p>${who}${nav}</header>
<main id="main" class="wp-main" tabindex="-1">
<h1>${props.title}</h1>
${props.body}
</main>`;
  return c.html(
    page({
      lang: locale,
      title: `${props.title} – ${t.workplace}`,
      stylesheets: ['/leder/leder.css', ...(props.stylesheets ?? [])],
      scripts: props.scripts ?? [],
      noindex: true,
      body,
    }),
    (props.status ?? 200) as 200,
    WORKPLACE_HEADERS,
  );
}

/** The answer to a refused form or a missing session: what happened and the way back. */
export function refusedPage(
  c: Context<AppEnv>,
  why: 'crossSite' | 'expired',
): Response | Promise<Response> {
  const t = workplaceTexts(localeOf(c));
  return workplacePage(c, {
    title: t.signInTitle,
    section: 'none',
    status: why === 'crossSite' ? 403 : 401,
    body: html`<p role="alert">${t[why]}</p><p><a href="/leder/log-ind">${t.toSignIn}</a></p>`,
  });
}
