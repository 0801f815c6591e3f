/**
 * The page a cancel link opens: `/afmeld/<token>` shows the shift and a
 * button; only the button's POST cancels, because mail scanners and link
 * previews follow GET links on their own. Works without script, under the
 * strict page CSP.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { type Locale, toLocale } from '../../i18n/index.js';
import { CancelToken } from '../../schemas/claim.js';
import { formatDateTime, formatRange } from '../../time/copenhagen.js';
import type { AppEnv } from '../http/env.js';
import { PAGE_CSP } from '../http/security-headers.js';
import { type AnyMessageKey, serverT } from '../i18n.js';
import { type Markup, page } from '../pages/layout.js';
import type { ShiftMails } from './mails.js';
import type { ShiftStore } from './store.js';

const HEADERS = { 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store' };

function layout(locale: Locale, body: Markup, siteName: string) {
  const title = serverT(locale, 'cancel.title');
  return page({
    lang: locale,
    title: siteName ? `${title} – ${siteName}` : title,
    noindex: true,
    body: html`<main class="page">
<h1>${title}</h1>
${body}
</main>`,
  });
}

/** `GET` and `POST /afmeld/:token`; `?lang=en` for English. */
export function cancelPages(
  shifts: ShiftStore,
  clock: () => Date,
  publicWrite: MiddlewareHandler<AppEnv>,
  /** Who moves up writes to whoever is next in line. */
  mails: ShiftMails,
  /** The municipality, for the page title; '' for none. */
  siteName = '',
) {
  const locale = (lang: string | undefined) => toLocale(lang);
  const say = (l: Locale, key: AnyMessageKey, params?: Record<string, string | number>) =>
    serverT(l, key, params);

  return new Hono<AppEnv>()
    .get('/afmeld/:token', async (c) => {
      const l = locale(c.req.query('lang'));
      const token = c.req.param('token');
      const claim = CancelToken.safeParse(token).success
        ? await shifts.findClaim(token)
        : undefined;
      const shift = claim && (await shifts.getShift(claim.shiftId));
      if (!claim || !shift)
        return c.html(layout(l, html`<p>${say(l, 'cancel.gone')}</p>`, siteName), 404, HEADERS);
      const deadline = new Date(
        shift.start.getTime() - (await shifts.cancelDeadlineHours(shift.activityId)) * 3_600_000,
      );
      const lead =
        claim.status === 'claimed'
          ? say(l, 'cancel.claimed')
          : say(l, 'cancel.waitlisted', {
              position: (await shifts.waitlistPosition(claim)) ?? 1,
            });
      const query = l === 'en' ? '?lang=en' : '';
      return c.html(
        layout(
          l,
          html`<p>${lead}</p>
<p><strong>${shift.title}</strong><br>${formatRange(shift.start, shift.end, l)}${
            shift.location ? html`<br>${shift.location}` : ''
          }</p>
${claim.status === 'claimed' ? html`<p>${say(l, 'cancel.before', { deadline: formatDateTime(deadline, l) })}</p>` : ''}
<form method="post" action="/afmeld/${token}${query}">
<button type="submit" class="button">${say(l, 'cancel.confirm')}</button>
</form>
<p><a href="/api/v1/claims/${token}/shift.ics">${say(l, 'cancel.ics')}</a></p>`,
          siteName,
        ),
        200,
        HEADERS,
      );
    })
    .post('/afmeld/:token', publicWrite, async (c) => {
      const l = locale(c.req.query('lang'));
      const token = c.req.param('token');
      const outcome = CancelToken.safeParse(token).success
        ? await shifts.cancel(token, clock(), mails.released())
        : ({ kind: 'unknown' } as const);
      if (outcome.kind === 'cancelled' && outcome.promoted) mails.sent();
      if (outcome.kind === 'unknown') {
        return c.html(layout(l, html`<p>${say(l, 'cancel.gone')}</p>`, siteName), 404, HEADERS);
      }
      if (outcome.kind === 'too-late') {
        const deadline = formatDateTime(outcome.deadline, l);
        return c.html(
          layout(
            l,
            html`<p role="alert">${say(l, 'error.cancel.deadline', { deadline })}</p>`,
            siteName,
          ),
          409,
          HEADERS,
        );
      }
      return c.html(
        layout(l, html`<p role="status">${say(l, 'cancel.done')}</p>`, siteName),
        200,
        HEADERS,
      );
    });
}
