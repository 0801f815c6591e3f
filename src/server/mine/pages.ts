/**
 * "Mine vagter": a resident's own sign-ups and shifts, with no account and no
 * cookie. Server-rendered, works without script under the strict page CSP;
 * every change is a form POST. See tokens.ts for the link and session tokens.
 *
 * Rate limits: what sends mail, uses a link up or changes data counts as a
 * public write (`SAMSKAB_RATE_LIMIT`); reading the list, the export and the
 * erase question need the session's secret and change nothing, so a resident
 * looking around never meets the limit.
 *
 * Cross-site requests: each POST but the first carries a secret (the link or
 * session token) that another site cannot know, and every POST is also
 * refused when the browser says it came from another site (`Sec-Fetch-Site`)
 * or another origin (`Origin`), so no page elsewhere can make a visitor's
 * browser request links for an address either.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod/mini';
import { type Locale, toLocale } from '../../i18n/index.js';
import { SignupInput } from '../../schemas/signup.js';
import { formatDateTime, formatRange } from '../../time/copenhagen.js';
import type { ActivityStore } from '../activities/store.js';
import type { Db } from '../database.js';
import type { AppEnv } from '../http/env.js';
import { PAGE_CSP } from '../http/security-headers.js';
import type { Mailer } from '../mail/mailer.js';
import { type Markup, page } from '../pages/layout.js';
import type { ShiftMails } from '../shifts/mails.js';
import type { ClaimWithShift, ShiftStore } from '../shifts/store.js';
import { signupRef } from '../signups/routes.js';
import type { SignupStore } from '../signups/store.js';
import { mineLinkMail } from './mail.js';
import { type MineTexts, mineTexts } from './texts.js';
import { addressOf, MAX_OPEN_LINKS, type MineTokens } from './tokens.js';

const HEADERS = { 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store' };

/** The address field as the sign-up form checks it (trimmed, lower-cased, an e-mail). */
const Email = SignupInput.shape.email;

/** What the page needs. */
export interface MinePagesDeps {
  db: Db;
  tokens: MineTokens;
  shifts: ShiftStore;
  signups: SignupStore;
  activities: Pick<ActivityStore, 'get'>;
  mail: Pick<Mailer, 'pending' | 'afterCommit' | 'withdraw'>;
  /** Who moves up is told, and the leaver's unsent mail withdrawn. */
  shiftMails: ShiftMails;
  publicWrite: MiddlewareHandler<AppEnv>;
  /** This server's origin as the request reached it, for the same-origin check. */
  publicOrigin: (c: Context) => string;
  /** Where the mailed link points: never from the request, whose Host anyone may set. */
  mailOrigin: () => string;
  clock: () => Date;
  /** The municipality, for page titles and the mail; '' for none. */
  siteName: string;
}

/** `GET /mine` and the routes below it; `?lang=en` for English. */
export function minePages(d: MinePagesDeps): Hono<AppEnv> {
  const localeOf = (c: Context) => toLocale(c.req.query('lang'));
  const q = (l: Locale) => (l === 'en' ? '?lang=en' : '');

  const layout = (l: Locale, heading: string, body: Markup) => {
    const t = mineTexts(l);
    const title = heading === t.title ? t.title : `${heading} – ${t.title}`;
    return page({
      lang: l,
      title: d.siteName ? `${title} – ${d.siteName}` : title,
      stylesheets: ['/mine.css'],
      noindex: true,
      body: html`<main class="page mine">
<h1>${heading}</h1>
${body}
</main>`,
    });
  };

  const answer = (
    c: Context,
    l: Locale,
    heading: string,
    body: Markup,
    status: ContentfulStatusCode = 200,
  ) => c.html(layout(l, heading, body), status, HEADERS);

  const askAgain = (l: Locale) => html`<p><a href="/mine${q(l)}">${mineTexts(l).again}</a></p>`;

  /** The e-mail form, with an error when the address was not one. */
  const emailForm = (l: Locale, value = '', invalid = false) => {
    const t = mineTexts(l);
    return html`<form method="post" action="/mine/link${q(l)}" class="mine-form" novalidate>
<label for="mine-email">${t.emailLabel}</label>
${
  invalid
    ? html`<p id="mine-email-error" class="mine-error" role="alert">${t.emailInvalid}</p>
<input id="mine-email" name="email" type="email" autocomplete="email" required aria-invalid="true" aria-describedby="mine-email-error" value="${value}">`
    : html`<input id="mine-email" name="email" type="email" autocomplete="email" required value="${value}">`
}
<button type="submit" class="button">${t.send}</button>
</form>`;
  };

  /**
   * Refuses a form posted from another site, on the browser's own word for
   * where it came from. `Origin` is `null` on our own forms too: every answer
   * has `Referrer-Policy: no-referrer`, and browsers then send `Origin: null`
   * with a POST (Fetch, "serializing a request origin"). So `Sec-Fetch-Site`
   * decides where it is sent, and `Origin` only when it names another origin.
   */
  const sameSite: MiddlewareHandler<AppEnv> = async (c, next) => {
    const fetchSite = c.req.header('Sec-Fetch-Site');
    const origin = c.req.header('Origin');
    const own = new Set([d.publicOrigin(c), new URL(c.req.url).origin, 'null']);
    const crossSite =
      fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none';
    if (crossSite || (origin !== undefined && !own.has(origin))) {
      const l = localeOf(c);
      return answer(
        c,
        l,
        mineTexts(l).title,
        html`<p role="alert">${mineTexts(l).crossSite}</p>`,
        403,
      );
    }
    await next();
  };

  const form = async (c: Context) => {
    // A form body of a few fields; anything else (JSON, a file) reads as empty.
    const body = await c.req.parseBody().catch(() => ({}));
    return (name: string) => {
      const value = (body as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : '';
    };
  };

  /** The session's address, or the "expired" page to answer with. */
  const session = async (c: Context, token: string) => {
    const email = await d.tokens.sessionEmail(token, d.clock());
    if (email) return { email };
    const l = localeOf(c);
    const t = mineTexts(l);
    return {
      refused: answer(c, l, t.title, html`<p role="alert">${t.sessionGone}</p>${askAgain(l)}`, 401),
    };
  };

  /** What is held about `email`, soonest shift first, with each claim's place in line. */
  const holdings = async (email: string) => {
    const [claims, signups] = await Promise.all([
      d.shifts.claimsByEmail(email),
      d.signups.listByEmail(email),
    ]);
    const positions = await Promise.all(
      claims.map(({ claim }) => d.shifts.waitlistPosition(claim)),
    );
    const titles = new Map<string, string>();
    for (const s of signups) {
      if (!titles.has(s.activityId))
        titles.set(s.activityId, (await d.activities.get(s.activityId))?.title ?? s.activityId);
    }
    return {
      claims: claims.map((c, i) => ({ ...c, position: positions[i] })),
      signups: signups.map((s) => ({ ...s, activityTitle: titles.get(s.activityId) ?? '' })),
    };
  };

  /** The list page for a session, with a status line or an alert above it. */
  const listPage = async (
    c: Context,
    token: string,
    email: string,
    note?: { text: string; alert?: boolean },
    status: ContentfulStatusCode = 200,
  ) => {
    const l = localeOf(c);
    const t = mineTexts(l);
    const now = d.clock();
    const held = await holdings(email);
    const hidden = html`<input type="hidden" name="session" value="${token}">`;
    const body = html`${
      note
        ? note.alert
          ? html`<p role="alert" class="mine-note">${note.text}</p>`
          : html`<p role="status" class="mine-note">${note.text}</p>`
        : ''
    }<p class="mine-muted">${t.sessionNote}</p>
<h2>${t.claims}</h2>
${
  held.claims.length === 0
    ? html`<p>${t.noClaims}</p>`
    : html`<ul class="mine-list">
${held.claims.map((item) => claimItem(l, t, item, hidden, now))}
</ul>`
}
<h2>${t.signups}</h2>
${
  held.signups.length === 0
    ? html`<p>${t.noSignups}</p>`
    : html`<ul class="mine-list">
${held.signups.map(
  (
    s,
  ) => html`<li><strong>${s.activityTitle}</strong><br>${t.signedUp(formatDateTime(new Date(s.createdAt), l))}</li>
`,
)}</ul>`
}
<h2>${t.data}</h2>
<p>${t.dataLead}</p>
<div class="mine-actions">
<form method="post" action="/mine/eksport${q(l)}">${hidden}<button type="submit" class="button">${t.export}</button></form>
<form method="post" action="/mine/slet${q(l)}">${hidden}<button type="submit" class="button mine-danger">${t.erase}</button></form>
</div>`;
    return answer(c, l, t.title, body, status);
  };

  const claimItem = (
    l: Locale,
    t: MineTexts,
    { claim, shift, position }: ClaimWithShift & { position: number | undefined },
    hidden: Markup,
    now: Date,
  ) => {
    const when = formatRange(shift.start, shift.end, l);
    const begun = shift.start <= now;
    const action = claim.status === 'claimed' ? t.cancel : t.leaveLine;
    return html`<li><strong>${shift.title}</strong><br>${when}${shift.location ? html`, ${shift.location}` : ''}<br>${
      claim.status === 'claimed' ? t.placeHeld : t.waiting(position ?? 1)
    }${
      begun
        ? html`<br>${t.begun}`
        : html`<form method="post" action="/mine/afmeld${q(l)}">${hidden}<input type="hidden" name="claim" value="${claim.id}"><button type="submit" class="button">${action}<span class="visually-hidden">: ${shift.title}, ${when}</span></button></form>`
    }</li>
`;
  };

  /** Everything held about `email`, as the export file gives it. */
  const exportOf = async (email: string) => {
    const held = await holdings(email);
    return {
      email,
      exportedAt: d.clock().toISOString(),
      signups: held.signups,
      // The cancel token is left out: it is a key to the claim, not data about the person.
      claims: held.claims.map(({ claim, shift, position }) => ({
        id: claim.id,
        status: claim.status,
        ...(position === undefined ? {} : { position }),
        name: claim.name,
        email: claim.email,
        phone: claim.phone,
        ageBand: claim.ageBand,
        guardianConsent: claim.guardianConsent,
        loadCapHours: claim.loadCapHours,
        language: claim.locale,
        createdAt: claim.createdAt.toISOString(),
        shift: {
          id: shift.id,
          activityId: shift.activityId,
          title: shift.title,
          location: shift.location,
          start: shift.start.toISOString(),
          end: shift.end.toISOString(),
        },
      })),
    };
  };

  return new Hono<AppEnv>()
    .get('/mine', (c) => {
      const l = localeOf(c);
      const t = mineTexts(l);
      const other: Locale = l === 'en' ? 'da' : 'en';
      return answer(
        c,
        l,
        t.title,
        html`<p lang="${other}"><a href="/mine${q(other)}" hreflang="${other}">${t.otherLanguage}</a></p>
<p>${t.intro}</p>
${emailForm(l)}`,
      );
    })
    .post('/mine/link', d.publicWrite, sameSite, async (c) => {
      const l = localeOf(c);
      const t = mineTexts(l);
      const typed = (await form(c))('email');
      const parsed = z.safeParse(Email, typed);
      if (!parsed.success) {
        return answer(c, l, t.title, emailForm(l, typed.slice(0, 254), true), 400);
      }
      const email = addressOf(parsed.data);
      const now = d.clock();
      // The same answer, and the same work, whether or not the address is
      // known: both paths read both stores, make a token, write the mail's
      // text and store the token's hash in one write transaction (whose
      // commit, an fsync on SQLite, is most of the time). Only the known
      // address gets its mail row added in that same transaction: one insert
      // more, not a round trip to SMTP, since the outbox's worker sends it
      // after the answer. A token for an unknown address is never mailed, so
      // it cannot be used; it is erased with the others once it expires.
      const [claims, signups] = await Promise.all([
        d.shifts.claimsByEmail(email),
        d.signups.listByEmail(email),
      ]);
      const known = claims.length + signups.length > 0;
      await d.db.write(async (trx) => {
        const { token, open } = await d.tokens.issueLink(trx, email, now);
        const message = mineLinkMail({
          to: email,
          locale: l,
          url: `${d.mailOrigin()}/mine/adgang/${token}${q(l)}`,
          site: d.siteName,
        });
        // A few links at once at most: more requests are answered alike and mail nothing.
        if (known && open < MAX_OPEN_LINKS) await d.mail.pending(message, now).enqueue(trx);
      });
      d.mail.afterCommit();
      return answer(c, l, t.title, html`<p role="status">${t.sent}</p>${askAgain(l)}`);
    })
    .get('/mine/adgang/:token', async (c) => {
      // Only looks: mail scanners open links on their own, so the button's POST uses it up.
      const l = localeOf(c);
      const t = mineTexts(l);
      const token = c.req.param('token');
      if (!(await d.tokens.peekLink(token, d.clock()))) {
        return answer(c, l, t.title, html`<p>${t.linkGone}</p>${askAgain(l)}`, 404);
      }
      return answer(
        c,
        l,
        t.title,
        html`<p>${t.linkLead}</p>
<form method="post" action="/mine/adgang${q(l)}">
<input type="hidden" name="link" value="${token}">
<button type="submit" class="button">${t.open}</button>
</form>`,
      );
    })
    .post('/mine/adgang', d.publicWrite, sameSite, async (c) => {
      const l = localeOf(c);
      const t = mineTexts(l);
      const exchanged = await d.tokens.exchange((await form(c))('link'), d.clock());
      if (!exchanged) {
        return answer(c, l, t.title, html`<p role="alert">${t.linkGone}</p>${askAgain(l)}`, 404);
      }
      return listPage(c, exchanged.session, exchanged.email);
    })
    .post('/mine/vis', sameSite, async (c) => {
      const token = (await form(c))('session');
      const s = await session(c, token);
      if ('refused' in s) return s.refused;
      return listPage(c, token, s.email);
    })
    .post('/mine/afmeld', d.publicWrite, sameSite, async (c) => {
      const l = localeOf(c);
      const t = mineTexts(l);
      const field = await form(c);
      const token = field('session');
      const s = await session(c, token);
      if ('refused' in s) return s.refused;
      // Only a claim of the session's own address: another id is as unknown as a made-up one.
      const mine = (await d.shifts.claimsByEmail(s.email)).find(
        ({ claim }) => claim.id === field('claim'),
      );
      if (!mine) return listPage(c, token, s.email, { text: t.unknownClaim, alert: true }, 404);
      const outcome = await d.shifts.cancel(
        mine.claim.cancelToken,
        d.clock(),
        d.shiftMails.released(),
      );
      if (outcome.kind === 'cancelled' && outcome.promoted) d.shiftMails.sent();
      if (outcome.kind === 'too-late') {
        const text = t.tooLate(formatDateTime(outcome.deadline, l));
        return listPage(c, token, s.email, { text, alert: true }, 409);
      }
      if (outcome.kind === 'unknown') {
        return listPage(c, token, s.email, { text: t.unknownClaim, alert: true }, 404);
      }
      return listPage(c, token, s.email, { text: t.cancelled(mine.shift.title) });
    })
    .post('/mine/eksport', sameSite, async (c) => {
      const s = await session(c, (await form(c))('session'));
      if ('refused' in s) return s.refused;
      const day = d.clock().toISOString().slice(0, 10);
      return c.body(`${JSON.stringify(await exportOf(s.email), null, 2)}\n`, 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="mine-data-${day}.json"`,
        'Cache-Control': 'no-store',
      });
    })
    .post('/mine/slet', sameSite, async (c) => {
      const l = localeOf(c);
      const t = mineTexts(l);
      const token = (await form(c))('session');
      const s = await session(c, token);
      if ('refused' in s) return s.refused;
      const held = await holdings(s.email);
      const hidden = html`<input type="hidden" name="session" value="${token}">`;
      return answer(
        c,
        l,
        t.confirmTitle,
        html`<p>${t.confirmLead(held.signups.length, held.claims.length)}</p>
<div class="mine-actions">
<form method="post" action="/mine/slet/bekraeft${q(l)}">${hidden}<button type="submit" class="button mine-danger">${t.confirm}</button></form>
<form method="post" action="/mine/vis${q(l)}">${hidden}<button type="submit" class="button mine-secondary">${t.back}</button></form>
</div>`,
      );
    })
    .post('/mine/slet/bekraeft', d.publicWrite, sameSite, async (c) => {
      const l = localeOf(c);
      const t = mineTexts(l);
      const s = await session(c, (await form(c))('session'));
      if ('refused' in s) return s.refused;
      const claims = await d.shifts.eraseByEmail(s.email, d.shiftMails.released());
      const signups = await d.signups.eraseByEmail(s.email);
      // A sign-up's mail not sent yet goes with it.
      await d.db.write(async (trx) => {
        for (const x of signups) await d.mail.withdraw(trx, signupRef(x.id));
      });
      await d.tokens.forget(s.email);
      // Whoever moved up into an erased place has their mail written: send it now.
      d.shiftMails.sent();
      const titles = new Map<string, string>();
      for (const x of signups) {
        titles.set(x.activityId, (await d.activities.get(x.activityId))?.title ?? x.activityId);
      }
      return answer(
        c,
        l,
        t.title,
        html`<div role="status"><p>${t.erased}</p>
<ul>
<li>${t.erasedSignups(signups.length)}${
          signups.length > 0
            ? html`: ${signups.map((x) => titles.get(x.activityId)).join(', ')}`
            : ''
        }</li>
<li>${t.erasedClaims(claims.length)}${
          claims.length > 0
            ? html`: ${claims.map(({ shift }) => `${shift.title} (${formatRange(shift.start, shift.end, l)})`).join(', ')}`
            : ''
        }</li>
</ul></div>
<p>${t.erasedNote}</p>`,
      );
    });
}
