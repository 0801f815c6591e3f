/**
 * The workplace's own pages: sign-in by e-mail link, accepting an invitation,
 * sign-out (here or everywhere), the Oversigt, Min konto (sessions and
 * personal API tokens) and, for admins, Personer and the audit Log.
 * Server-rendered, no script needed; every form posts back with the
 * session's form token.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Locale } from '../../i18n/index.js';
import { formatDateTime, formatRange } from '../../time/copenhagen.js';
import type { ActivityStore } from '../activities/store.js';
import type { AuditLog } from '../audit/log.js';
import type { Db } from '../database.js';
import type { AppEnv } from '../http/env.js';
import { localeOf } from '../http/errors.js';
import { activityScope, type Principal, type Role } from '../http/principal.js';
import { type Buckets, clientKey } from '../http/rate-limit.js';
import type { Mailer } from '../mail/mailer.js';
import type { ReflectionStore } from '../reflections/store.js';
import type { ShiftStore } from '../shifts/store.js';
import type { SignupStore } from '../signups/store.js';
import { type Accounts, addressOf } from './accounts.js';
import { type Devices, PAIRING_VALID_MS } from './devices.js';
import { csrfField, workplacePage } from './layout.js';
import { invitationMail, signInLinkMail } from './mail.js';
import { type LeaderGate, safeNext } from './session.js';
import { workplaceTexts } from './texts.js';

export interface WorkplacePagesDeps {
  db: Db;
  accounts: Accounts;
  audit: AuditLog;
  gate: LeaderGate;
  activities: ActivityStore;
  signups: SignupStore;
  shifts: ShiftStore;
  reflections: ReflectionStore;
  mail: Mailer;
  /** Sign-in requests per client (mail is sent; a client may not make us mail at request speed). */
  signInLimit: Buckets;
  /** Failed uses of a sign-in link or invitation per client. */
  failureLimit: Buckets;
  trustProxy: boolean;
  mailOrigin: () => string;
  clock: () => Date;
  siteName: string;
  /** Single sign-on is configured: the sign-in page offers it (oidc.ts). */
  oidc: boolean;
  /** Paired sidebars and their pairing codes (devices.ts). */
  devices: Devices;
}

const EMAIL = /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/;
/** A person's name as they give it: 1–120 characters, none of them control characters. */
const NAME = /^[^\p{Cc}]{1,120}$/u;
const DAY = 86_400_000;

async function formOf(c: Context) {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}));
  const one = (name: string) => {
    const v = (body as Record<string, unknown>)[name];
    return typeof v === 'string' ? v.trim() : '';
  };
  const all = (name: string) => {
    const v = (body as Record<string, unknown>)[name];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
      (x): x is string => typeof x === 'string',
    );
  };
  return { one, all };
}

const account = (c: Context<AppEnv>) => c.get('principal') as Principal & { kind: 'account' };

export function workplacePages(d: WorkplacePagesDeps): Hono<AppEnv> {
  const when = (iso: string | Date, l: Locale) =>
    formatDateTime(typeof iso === 'string' ? new Date(iso) : iso, l);
  const isAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (account(c).role !== 'admin') {
      const t = workplaceTexts(localeOf(c));
      return workplacePage(c, {
        title: t.adminOnlyTitle,
        section: 'none',
        status: 403,
        body: html`<p role="alert">${t.adminOnly}</p>`,
      });
    }
    await next();
  };

  const signInForm = (c: Context<AppEnv>, value = '', error = false) => {
    const t = workplaceTexts(localeOf(c));
    const next = safeNext(c.req.query('next'));
    return html`<form method="post" action="/leder/log-ind" class="wp-form" novalidate>
<input type="hidden" name="next" value="${next}">
<label for="wp-email">${t.emailLabel}</label>
${error ? html`<p id="wp-email-error" class="wp-error">${t.emailInvalid}</p>` : ''}
<input id="wp-email" name="email" type="email" autocomplete="username webauthn" required value="${value}"${error ? html` aria-invalid="true" aria-describedby="wp-email-error"` : ''}>
<button type="submit" class="button">${t.sendLink}</button>
</form>`;
  };

  const pages = new Hono<AppEnv>()
    // Sign-in: the same answer whether or not the address has an account.
    .get('/leder/log-ind', async (c) => {
      const t = workplaceTexts(localeOf(c));
      return workplacePage(c, {
        title: t.signInTitle,
        section: 'none',
        body: html`${d.oidc ? html`<p><a class="button" href="/leder/log-ind/sso">${t.signInSso}</a></p>` : ''}
<p><a href="/leder/log-ind/passkey">${t.signInPasskey}</a></p>
<h2>${t.signInByMail}</h2>
<p>${t.signInLead}</p>${signInForm(c)}`,
      });
    })
    .post('/leder/log-ind', d.gate.sameSite, async (c) => {
      const l = localeOf(c);
      const t = workplaceTexts(l);
      const form = await formOf(c);
      const email = form.one('email');
      if (!EMAIL.test(email) || email.length > 254) {
        return workplacePage(c, {
          title: t.signInTitle,
          section: 'none',
          status: 400,
          body: html`<p>${t.signInLead}</p>${signInForm(c, email, true)}`,
        });
      }
      if ((await d.signInLimit.take(clientKey(c, d.trustProxy))) > 0) {
        return workplacePage(c, {
          title: t.signInTitle,
          section: 'none',
          status: 429,
          body: html`<p role="alert">${t.throttled}</p>`,
        });
      }
      const now = d.clock();
      const next = safeNext(form.one('next'));
      await d.db.write(async (trx) => {
        const token = await d.accounts.issueLink(trx, email, now);
        if (!token) return;
        const url = new URL(`/leder/log-ind/${token}`, d.mailOrigin());
        if (next !== '/leder') url.searchParams.set('next', next);
        await d.mail.enqueue(
          trx,
          signInLinkMail({ to: addressOf(email), locale: l, url: url.href, site: d.siteName }),
          now,
        );
      });
      d.mail.afterCommit();
      return workplacePage(c, {
        title: t.signInTitle,
        section: 'none',
        body: html`<p role="status" class="wp-status">${t.linkSent}</p>`,
      });
    })
    // The link from the mail: a GET only shows a button (mail scanners open links).
    .get('/leder/log-ind/:token{[A-Za-z0-9_-]{43}}', async (c) => {
      const t = workplaceTexts(localeOf(c));
      const token = c.req.param('token');
      if (!(await d.accounts.peekLink(token, d.clock()))) {
        return workplacePage(c, {
          title: t.signInTitle,
          section: 'none',
          status: 410,
          body: html`<p role="alert">${t.linkGone}</p><p><a href="/leder/log-ind">${t.toSignIn}</a></p>`,
        });
      }
      return workplacePage(c, {
        title: t.signInTitle,
        section: 'none',
        body: html`<p>${t.linkLead}</p>
<form method="post" action="/leder/log-ind/${token}" class="wp-form">
<input type="hidden" name="next" value="${safeNext(c.req.query('next'))}">
<button type="submit" class="button">${t.linkOpen}</button></form>`,
      });
    })
    .post('/leder/log-ind/:token{[A-Za-z0-9_-]{43}}', d.gate.sameSite, async (c) => {
      const t = workplaceTexts(localeOf(c));
      const client = clientKey(c, d.trustProxy);
      // A try is taken first and given back on success, as for the admin token.
      if ((await d.failureLimit.take(client)) > 0) return throttledPage(c);
      const session = await d.accounts.exchangeLink(c.req.param('token'), d.clock());
      if (session) await d.failureLimit.give(client);
      if (!session) {
        return workplacePage(c, {
          title: t.signInTitle,
          section: 'none',
          status: 410,
          body: html`<p role="alert">${t.linkGone}</p><p><a href="/leder/log-ind">${t.toSignIn}</a></p>`,
        });
      }
      d.gate.setCookie(c, session);
      const who = await d.accounts.session(session, d.clock());
      if (who) {
        await d.audit.write(who.principal, [
          { action: 'sign-in', subject: 'account', subjectId: who.principal.id, detail: 'e-mail' },
        ]);
      }
      return c.redirect(safeNext((await formOf(c)).one('next')), 303);
    })
    // An invitation: name, then the account and a session.
    .get('/leder/invitation/:token{[A-Za-z0-9_-]{43}}', async (c) => {
      const l = localeOf(c);
      const t = workplaceTexts(l);
      const invitation = await d.accounts.peekInvitation(c.req.param('token'), d.clock());
      if (!invitation) {
        return workplacePage(c, {
          title: t.invitationTitle,
          section: 'none',
          status: 410,
          body: html`<p role="alert">${t.invitationGone}</p>`,
        });
      }
      return workplacePage(c, {
        title: t.invitationTitle,
        section: 'none',
        body: invitationForm(c, invitation.role, invitation.name, false),
      });
    })
    .post('/leder/invitation/:token{[A-Za-z0-9_-]{43}}', d.gate.sameSite, async (c) => {
      const t = workplaceTexts(localeOf(c));
      const token = c.req.param('token');
      const invitation = await d.accounts.peekInvitation(token, d.clock());
      const gone = () =>
        workplacePage(c, {
          title: t.invitationTitle,
          section: 'none',
          status: 410,
          body: html`<p role="alert">${t.invitationGone}</p>`,
        });
      const client = clientKey(c, d.trustProxy);
      if ((await d.failureLimit.take(client)) > 0) return throttledPage(c);
      if (!invitation) return gone();
      await d.failureLimit.give(client);
      const name = (await formOf(c)).one('name').replace(/\s+/g, ' ');
      if (!NAME.test(name)) {
        return workplacePage(c, {
          title: t.invitationTitle,
          section: 'none',
          status: 400,
          body: invitationForm(c, invitation.role, name, true),
        });
      }
      const accepted = await d.accounts.acceptInvitation(token, name, d.clock());
      if (!accepted) return gone();
      d.gate.setCookie(c, accepted.session);
      await d.audit.write(accepted.account, [
        {
          action: 'access',
          subject: 'account',
          subjectId: accepted.account.id,
          detail: `invitation accepted as ${accepted.account.role}`,
        },
      ]);
      return c.redirect('/leder/konto/passkeys?velkommen=1', 303);
    })
    .post('/leder/log-ud', d.gate.signedIn, d.gate.form, async (c) => {
      await d.gate.signOut(c);
      return signedOut(c);
    })
    .post('/leder/log-ud-overalt', d.gate.signedIn, d.gate.form, async (c) => {
      await d.accounts.endAllSessions(account(c).id);
      await d.gate.signOut(c);
      return signedOut(c);
    })
    .get('/leder', d.gate.signedIn, async (c) => overview(c))
    .get('/leder/konto', d.gate.signedIn, async (c) => accountPage(c))
    .post('/leder/konto/noegler', d.gate.signedIn, d.gate.form, async (c) => {
      const t = workplaceTexts(localeOf(c));
      const form = await formOf(c);
      const name = form.one('name');
      const days = Number(form.one('days'));
      const scope = form.one('scope') === 'write' ? 'write' : 'read';
      if (
        name.length < 1 ||
        name.length > 80 ||
        !Number.isInteger(days) ||
        days < 1 ||
        days > 365
      ) {
        return accountPage(c, html`<p role="alert" class="wp-error">${t.tokenInvalid}</p>`, 400);
      }
      const token = await d.accounts.createApiToken(
        account(c).id,
        { name, scope, days },
        d.clock(),
      );
      await d.audit.record(c, {
        action: 'access',
        subject: 'account',
        subjectId: account(c).id,
        detail: `API token (${scope}, ${days} d)`,
      });
      return accountPage(
        c,
        html`<div role="status" class="wp-status"><p>${t.tokenCreated}</p><code class="wp-token">${token}</code></div>`,
      );
    })
    .post('/leder/konto/noegler/:id/tilbagekald', d.gate.signedIn, d.gate.form, async (c) => {
      const id = c.req.param('id');
      if (await d.accounts.revokeApiToken(account(c).id, id)) {
        await d.audit.record(c, {
          action: 'access',
          subject: 'account',
          subjectId: account(c).id,
          detail: `API token ${id} revoked`,
        });
      }
      return c.redirect('/leder/konto', 303);
    })
    .post('/leder/konto/sidepanel', d.gate.signedIn, d.gate.form, async (c) => {
      const t = workplaceTexts(localeOf(c));
      const code = await d.devices.pairingCode(account(c).id, d.clock());
      if (!code) {
        return accountPage(c, html`<p role="alert" class="wp-error">${t.pairingTooMany}</p>`, 429);
      }
      return accountPage(
        c,
        html`<div role="status" class="wp-status"><p>${t.pairingCode(PAIRING_VALID_MS / 60_000)}</p>
<p class="wp-token" lang="">${code.slice(0, 4)} ${code.slice(4)}</p></div>`,
      );
    })
    .post('/leder/konto/sidepanel/:id/afbryd', d.gate.signedIn, d.gate.form, async (c) => {
      const t = workplaceTexts(localeOf(c));
      const id = c.req.param('id');
      if (await d.devices.revoke(account(c).id, id)) {
        await d.audit.record(c, {
          action: 'access',
          subject: 'device',
          subjectId: id,
          detail: 'sidebar unpaired in the workplace',
        });
      }
      return accountPage(c, html`<p role="status" class="wp-status">${t.deviceRevoked}</p>`);
    })
    .get('/leder/personer', d.gate.signedIn, isAdmin, async (c) => peoplePage(c))
    .post('/leder/personer/inviter', d.gate.signedIn, isAdmin, d.gate.form, async (c) => {
      const l = localeOf(c);
      const t = workplaceTexts(l);
      const form = await formOf(c);
      const email = form.one('email');
      const name = form.one('name').replace(/\s+/g, ' ');
      const role: Role = form.one('role') === 'admin' ? 'admin' : 'coordinator';
      const known = new Set((await d.activities.list()).map((a) => a.id));
      const chosen = form.all('activities').filter((id) => known.has(id));
      if (!EMAIL.test(email) || email.length > 254 || (name !== '' && !NAME.test(name))) {
        return peoplePage(c, html`<p role="alert" class="wp-error">${t.emailInvalid}</p>`, 400);
      }
      const now = d.clock();
      const me = account(c);
      await d.db.write(async (trx) => {
        const token = await d.accounts.invite(
          trx,
          { email, name, role, activities: chosen, by: me.id },
          now,
        );
        await d.mail.enqueue(
          trx,
          invitationMail({
            to: addressOf(email),
            locale: l,
            url: new URL(`/leder/invitation/${token}`, d.mailOrigin()).href,
            site: d.siteName,
            by: me.name,
            role: t.role[role] ?? role,
          }),
          now,
        );
      });
      d.mail.afterCommit();
      await d.audit.record(c, {
        action: 'change',
        subject: 'account',
        subjectId: addressOf(email),
        detail: `invited as ${role}${chosen.length ? ` to ${chosen.join(', ')}` : ''}`,
      });
      return peoplePage(
        c,
        html`<p role="status" class="wp-status">${t.invited(addressOf(email))}</p>`,
      );
    })
    .post(
      '/leder/personer/invitationer/:id/fjern',
      d.gate.signedIn,
      isAdmin,
      d.gate.form,
      async (c) => {
        const id = c.req.param('id');
        if (await d.accounts.withdrawInvitation(id)) {
          await d.audit.record(c, {
            action: 'change',
            subject: 'account',
            subjectId: id,
            detail: 'invitation withdrawn',
          });
        }
        return c.redirect('/leder/personer', 303);
      },
    )
    .post('/leder/personer/:id', d.gate.signedIn, isAdmin, d.gate.form, async (c) => {
      const t = workplaceTexts(localeOf(c));
      const id = c.req.param('id');
      const target = await d.accounts.byId(id);
      if (!target) return c.notFound();
      const form = await formOf(c);
      const me = account(c);
      const role: Role = form.one('role') === 'admin' ? 'admin' : 'coordinator';
      if (id === me.id && role !== 'admin') {
        return peoplePage(c, html`<p role="alert" class="wp-error">${t.revokeSelf}</p>`, 400);
      }
      const known = new Set((await d.activities.list()).map((a) => a.id));
      const chosen = form.all('activities').filter((a) => known.has(a));
      await d.accounts.update(id, { role, activities: chosen });
      await d.audit.record(c, {
        action: 'change',
        subject: 'account',
        subjectId: id,
        detail: `role ${role}; activities ${role === 'admin' ? 'all' : chosen.join(', ') || '–'}`,
      });
      return peoplePage(c, html`<p role="status" class="wp-status">${t.saved}</p>`);
    })
    .post(
      '/leder/personer/:id/noegler/:token/tilbagekald',
      d.gate.signedIn,
      isAdmin,
      d.gate.form,
      async (c) => {
        const t = workplaceTexts(localeOf(c));
        const id = c.req.param('id');
        if (await d.accounts.revokeApiToken(id, c.req.param('token'))) {
          await d.audit.record(c, {
            action: 'access',
            subject: 'account',
            subjectId: id,
            detail: 'API token revoked by an admin',
          });
        }
        return peoplePage(c, html`<p role="status" class="wp-status">${t.saved}</p>`);
      },
    )
    .post('/leder/personer/:id/fjern', d.gate.signedIn, isAdmin, d.gate.form, async (c) => {
      const t = workplaceTexts(localeOf(c));
      const id = c.req.param('id');
      if (id === account(c).id) {
        return peoplePage(c, html`<p role="alert" class="wp-error">${t.revokeSelf}</p>`, 400);
      }
      await d.accounts.revoke(id, d.clock());
      await d.audit.record(c, {
        action: 'change',
        subject: 'account',
        subjectId: id,
        detail: 'access revoked',
      });
      return peoplePage(c, html`<p role="status" class="wp-status">${t.saved}</p>`);
    })
    .get('/leder/log', d.gate.signedIn, isAdmin, async (c) => {
      const l = localeOf(c);
      const t = workplaceTexts(l);
      const text = (c.req.query('q') ?? '').slice(0, 200);
      const day = (v: string | undefined) =>
        v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : '';
      const from = day(c.req.query('fra'));
      const to = day(c.req.query('til'));
      const lines = await d.audit.search({
        text,
        ...(from ? { from: new Date(`${from}T00:00:00Z`) } : {}),
        ...(to ? { to: new Date(Date.parse(`${to}T00:00:00Z`) + DAY) } : {}),
        limit: c.req.query('format') === 'csv' ? 100_000 : 500,
      });
      if (c.req.query('format') === 'csv') {
        await d.audit.record(c, {
          action: 'export',
          subject: 'audit',
          subjectId: 'log',
          // What was searched for, an address only as its reference.
          detail: text.replace(/\S*@\S*/g, (w) => d.audit.emailRef(w)),
        });
        const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;
        const csv = [
          t.logHead,
          ...lines.map((x) => [
            x.at,
            `${x.actorName} (${x.actorId})`,
            x.action,
            x.subject,
            x.subjectId,
            x.activityId ?? '',
            x.detail,
          ]),
        ]
          // A leading =, +, - or @ (or a tab or carriage return before one) would be a formula in a spreadsheet.
          .map((row) => row.map((v) => cell(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)).join(','))
          .join('\r\n');
        return c.body(`\uFEFF${csv}\r\n`, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="samskab-log.csv"',
          'Cache-Control': 'no-store',
        });
      }
      const query = new URLSearchParams({ q: text, fra: from, til: to, format: 'csv' });
      return workplacePage(c, {
        title: t.logTitle,
        section: 'log',
        body: html`<p>${t.logLead}</p>
<form method="get" action="/leder/log" class="wp-form" role="search">
<label for="log-q">${t.search}</label><input id="log-q" name="q" type="search" value="${text}">
<label for="log-from">${t.from}</label><input id="log-from" name="fra" type="date" value="${from}">
<label for="log-to">${t.to}</label><input id="log-to" name="til" type="date" value="${to}">
<button type="submit" class="button">${t.search}</button>
</form>
<p><a href="/leder/log?${query.toString()}">${t.exportCsv}</a></p>
${
  lines.length === 0
    ? html`<p>${t.noLog}</p>`
    : html`<div class="wp-table-wrap" tabindex="0" role="region" aria-label="${t.logTitle}"><table class="wp-table">
<thead><tr>${t.logHead.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${lines.map(
        (x) =>
          html`<tr><td>${when(x.at, l)}</td><td>${x.actorName}</td><td>${t.action[x.action] ?? x.action}</td><td>${x.subject}</td><td>${x.subjectId}</td><td>${x.activityId ?? ''}</td><td>${x.detail}</td></tr>`,
      )}</tbody></table></div>`
}`,
      });
    });

  function invitationForm(c: Context<AppEnv>, role: Role, name: string, error: boolean) {
    const t = workplaceTexts(localeOf(c));
    return html`<p>${t.invitationLead(t.role[role] ?? role)}</p>
<form method="post" class="wp-form" novalidate>
<label for="wp-name">${t.nameLabel}</label>
${error ? html`<p id="wp-name-error" class="wp-error">${t.nameInvalid}</p>` : ''}
<input id="wp-name" name="name" autocomplete="name" required maxlength="120" value="${name}"${error ? html` aria-invalid="true" aria-describedby="wp-name-error"` : ''}>
<button type="submit" class="button">${t.accept}</button>
</form>`;
  }

  function throttledPage(c: Context<AppEnv>) {
    const t = workplaceTexts(localeOf(c));
    c.header('Retry-After', '90');
    return workplacePage(c, {
      title: t.signInTitle,
      section: 'none',
      status: 429,
      body: html`<p role="alert">${t.throttled}</p>`,
    });
  }

  function signedOut(c: Context<AppEnv>) {
    c.set('principal', undefined);
    const t = workplaceTexts(localeOf(c));
    return workplacePage(c, {
      title: t.signOut,
      section: 'none',
      body: html`<p role="status" class="wp-status">${t.signedOut}</p><p><a href="/leder/log-ind">${t.toSignIn}</a></p>`,
    });
  }

  async function overview(c: Context<AppEnv>) {
    const l = localeOf(c);
    const t = workplaceTexts(l);
    const p = account(c);
    const scope = activityScope(p);
    const all = await d.activities.list();
    const mine = scope ? all.filter((a) => scope.has(a.id)) : all;
    const titles = new Map(all.map((a) => [a.id, a.title]));
    const now = d.clock();
    if (mine.length === 0) {
      return workplacePage(c, {
        title: t.overviewTitle,
        section: 'overview',
        body: html`<p>${t.noActivities}</p>`,
      });
    }
    const week = (
      await Promise.all(
        mine.map((a) =>
          d.shifts.listShifts({
            activityId: a.id,
            from: now,
            to: new Date(now.getTime() + 7 * DAY),
            limit: 200,
          }),
        ),
      )
    )
      .flat()
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    const since = new Date(now.getTime() - 7 * DAY);
    const fresh = (await Promise.all(mine.map((a) => d.signups.listSince(a.id, since))))
      .flat()
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const followUps = (
      await Promise.all(
        mine.map(async (a) =>
          (
            await d.reflections.reflectionsSince(a.id, new Date(now.getTime() - 90 * DAY))
          )
            .filter((r) => r.contact)
            .map((r) => ({ ...r, activityId: a.id })),
        ),
      )
    ).flat();
    // Hours this week per address against the lowest cap that address gave.
    const load = new Map<string, { name: string; hours: number; cap: number; claims: string[] }>();
    const shiftsById = new Map(week.map((s) => [s.id, s]));
    for (const claim of await d.shifts.cappedPlaces(week.map((s) => s.id))) {
      const shift = shiftsById.get(claim.shiftId);
      if (!shift || claim.loadCapHours === null) continue;
      const entry = load.get(claim.email) ?? {
        name: claim.name,
        hours: 0,
        cap: claim.loadCapHours,
        claims: [],
      };
      entry.claims.push(claim.id);
      entry.hours += (shift.end.getTime() - shift.start.getTime()) / 3_600_000;
      entry.cap = Math.min(entry.cap, claim.loadCapHours);
      load.set(claim.email, entry);
    }
    const over = [...load.values()].filter((e) => e.hours > e.cap);
    const failed = p.role === 'admin' ? await d.mail.outbox.failedMails() : [];
    // Which records the page showed, by id, one line for each kind.
    const shown = (subject: string, ids: string[], detail: string) =>
      ids.length > 0
        ? [{ action: 'view' as const, subject, subjectId: ids.join(' '), detail }]
        : [];
    await d.audit.record(
      c,
      ...shown(
        'signup',
        fresh.map((x) => x.id),
        'Oversigt: new sign-ups',
      ),
      ...shown(
        'reflection',
        followUps.map((x) => x.id),
        'Oversigt: asking for contact',
      ),
      ...shown(
        'claim',
        over.flatMap((x) => x.claims),
        'Oversigt: over their own cap',
      ),
      ...shown(
        'mail',
        failed.map((x) => x.id),
        'Oversigt: undelivered mail',
      ),
    );
    return workplacePage(c, {
      title: t.overviewTitle,
      section: 'overview',
      body: html`<h2>${t.weekShifts}</h2>
${
  week.length === 0
    ? html`<p>${t.noWeekShifts}</p>`
    : html`<ul class="wp-list">${week.map(
        (s) =>
          html`<li><a href="/leder/vagter/${s.id}">${s.title}</a> – ${titles.get(s.activityId) ?? ''}, ${formatRange(s.start, s.end, l)}: ${t.filled(s.taken, s.capacity, s.waiting)}</li>`,
      )}</ul>`
}
<h2>${t.newSignups}</h2>
${
  fresh.length === 0
    ? html`<p>${t.noNewSignups}</p>`
    : html`<ul class="wp-list">${fresh.map(
        (s) =>
          html`<li><a href="/leder/tilmeldinger?activity=${s.activityId}">${s.name}</a> – ${titles.get(s.activityId) ?? ''}, ${when(s.createdAt, l)}</li>`,
      )}</ul>`
}
<h2>${t.followUps}</h2>
${
  followUps.length === 0
    ? html`<p>${t.noFollowUps}</p>`
    : html`<ul class="wp-list">${followUps.map(
        (r) =>
          html`<li><a href="/leder/puls?activity=${r.activityId}">${titles.get(r.activityId) ?? ''}</a>, ${when(r.createdAt, l)}: ${r.contact}${r.note ? html` – »${r.note}«` : ''}</li>`,
      )}</ul>`
}
<h2>${t.overCap}</h2>
${
  over.length === 0
    ? html`<p>${t.noOverCap}</p>`
    : html`<ul class="wp-list">${over.map((e) => html`<li>${e.name}: ${t.overCapLine(Math.round(e.hours * 10) / 10, e.cap)}</li>`)}</ul>`
}
${
  p.role === 'admin'
    ? html`<h2>${t.failedMail}</h2>${
        failed.length === 0
          ? html`<p>${t.noFailedMail}</p>`
          : html`<ul class="wp-list">${failed.map(
              (m) => html`<li>${m.to}: ${m.subject} (${m.error})</li>`,
            )}</ul>`
      }`
    : ''
}`,
    });
  }

  async function accountPage(
    c: Context<AppEnv>,
    notice: ReturnType<typeof html> | '' = '',
    status = 200,
  ) {
    const l = localeOf(c);
    const t = workplaceTexts(l);
    const p = account(c);
    const now = d.clock();
    const sessions = await d.accounts.sessions(p.id, now);
    const tokens = await d.accounts.apiTokens(p.id, now);
    const devices = await d.devices.list(p.id);
    const current = c.get('session')?.id;
    return workplacePage(c, {
      title: t.accountTitle,
      section: 'account',
      status,
      body: html`${notice}
<h2>${t.sessionsTitle}</h2>
<ul class="wp-list">${sessions.map(
        (s) =>
          html`<li>${t.sessionLine(when(s.createdAt, l), when(s.seenAt, l))}${s.id === current ? html` (${t.thisSession})` : ''}</li>`,
      )}</ul>
<form method="post" action="/leder/log-ud-overalt">${csrfField(c)}<button type="submit" class="button-secondary">${t.signOutEverywhere}</button></form>
<h2>${t.passkeysTitle}</h2>
<p><a href="/leder/konto/passkeys">${t.passkeysLink}</a></p>
<h2>${t.sidebarTitle}</h2>
<p>${t.sidebarLead}</p>
${
  devices.length === 0
    ? html`<p>${t.noDevices}</p>`
    : html`<ul class="wp-list">${devices.map(
        (x) =>
          html`<li>${t.deviceLine(x.name, when(x.createdAt, l), when(x.lastUsedAt, l))}
<form method="post" action="/leder/konto/sidepanel/${x.id}/afbryd" class="wp-inline">${csrfField(c)}<button type="submit" class="button-secondary">${t.unpair}<span class="visually-hidden">: ${x.name}</span></button></form></li>`,
      )}</ul>`
}
<form method="post" action="/leder/konto/sidepanel">${csrfField(c)}<button type="submit" class="button">${t.pair}</button></form>
<h2>${t.tokensTitle}</h2>
<p>${t.tokensLead}</p>
${
  tokens.length === 0
    ? html`<p>${t.noTokens}</p>`
    : html`<ul class="wp-list">${tokens.map(
        (k) =>
          html`<li>${t.tokenLine(k.name, k.scope === 'write' ? t.scopeWrite : t.scopeRead, when(k.expiresAt, l), when(k.lastUsed, l))}
<form method="post" action="/leder/konto/noegler/${k.id}/tilbagekald" class="wp-inline">${csrfField(c)}<button type="submit" class="button-secondary">${t.revoke}<span class="visually-hidden"> ${k.name}</span></button></form></li>`,
      )}</ul>`
}
<form method="post" action="/leder/konto/noegler" class="wp-form">${csrfField(c)}
<label for="token-name">${t.tokenName}</label><input id="token-name" name="name" required maxlength="80">
<fieldset><legend>${t.tokenScope}</legend>
<label><input type="radio" name="scope" value="read" checked> ${t.scopeRead}</label><br>
<label><input type="radio" name="scope" value="write"> ${t.scopeWrite}</label>
</fieldset>
<label for="token-days">${t.tokenDays}</label><input id="token-days" name="days" type="number" min="1" max="365" value="90" required>
<button type="submit" class="button">${t.createToken}</button>
</form>`,
    });
  }

  async function peoplePage(
    c: Context<AppEnv>,
    notice: ReturnType<typeof html> | '' = '',
    status = 200,
  ) {
    const l = localeOf(c);
    const t = workplaceTexts(l);
    const now = d.clock();
    const people = await d.accounts.list();
    const tokens = new Map(
      await Promise.all(
        people.map(async (a) => [a.id, await d.accounts.apiTokens(a.id, now)] as const),
      ),
    );
    const pending = await d.accounts.pendingInvitations(now);
    const activities = await d.activities.list();
    const choose = (chosen: readonly string[]) =>
      html`<fieldset><legend>${t.activitiesLabel}</legend>${activities.map(
        (a) =>
          html`<label><input type="checkbox" name="activities" value="${a.id}"${chosen.includes(a.id) ? html` checked` : ''}> ${a.title}</label><br>`,
      )}</fieldset>`;
    const roleSelect = (id: string, role: Role) =>
      html`<label for="${id}">${t.roleLabel}</label><select id="${id}" name="role">
<option value="coordinator"${role === 'coordinator' ? html` selected` : ''}>${t.role.coordinator}</option>
<option value="admin"${role === 'admin' ? html` selected` : ''}>${t.role.admin}</option></select>`;
    await d.audit.record(c, {
      action: 'view',
      subject: 'account',
      subjectId: 'all',
      detail: `${people.length} accounts`,
    });
    return workplacePage(c, {
      title: t.peopleTitle,
      section: 'people',
      status,
      body: html`${notice}
<h2>${t.inviteTitle}</h2>
<p>${t.inviteLead}</p>
<form method="post" action="/leder/personer/inviter" class="wp-form">${csrfField(c)}
<label for="invite-email">${t.emailLabel}</label><input id="invite-email" name="email" type="email" required autocomplete="off">
<label for="invite-name">${t.nameLabel}</label><input id="invite-name" name="name" maxlength="120" autocomplete="off">
${roleSelect('invite-role', 'coordinator')}
${choose([])}
<button type="submit" class="button">${t.invite}</button>
</form>
<h2>${t.pendingTitle}</h2>
${
  pending.length === 0
    ? html`<p>${t.noPending}</p>`
    : html`<ul class="wp-list">${pending.map(
        (i) =>
          html`<li>${t.pendingLine(i.email, t.role[i.role] ?? i.role, when(i.expiresAt, l))}
<form method="post" action="/leder/personer/invitationer/${i.id}/fjern" class="wp-inline">${csrfField(c)}<button type="submit" class="button-secondary">${t.withdraw}<span class="visually-hidden"> ${i.email}</span></button></form></li>`,
      )}</ul>`
}
<h2>${t.accountsTitle}</h2>
${people.map(
  (
    a,
  ) => html`<section aria-labelledby="acc-${a.id}"><h3 id="acc-${a.id}">${a.name} &lt;${a.email}&gt;${a.revokedAt ? html` – ${t.revoked}` : ''}</h3>
${
  a.revokedAt
    ? ''
    : html`<form method="post" action="/leder/personer/${a.id}" class="wp-form">${csrfField(c)}
${roleSelect(`role-${a.id}`, a.role)}
${choose(a.activities)}
<button type="submit" class="button">${t.save}<span class="visually-hidden"> ${a.name}</span></button></form>
<form method="post" action="/leder/personer/${a.id}/fjern">${csrfField(c)}<button type="submit" class="button-secondary">${t.revokeAccess}<span class="visually-hidden"> ${a.name}</span></button></form>
<h4>${t.tokensTitle}</h4>
${
  (tokens.get(a.id) ?? []).length === 0
    ? html`<p>${t.noTokensOf}</p>`
    : html`<ul class="wp-list">${(tokens.get(a.id) ?? []).map(
        (k) =>
          html`<li>${t.tokenLine(k.name, k.scope === 'write' ? t.scopeWrite : t.scopeRead, when(k.expiresAt, l), when(k.lastUsed, l))}
<form method="post" action="/leder/personer/${a.id}/noegler/${k.id}/tilbagekald" class="wp-inline">${csrfField(c)}<button type="submit" class="button-secondary">${t.revoke}<span class="visually-hidden"> ${k.name} (${a.name})</span></button></form></li>`,
      )}</ul>`
}`
}</section>`,
)}`,
    });
  }

  return pages;
}
