/**
 * Indsigt og sletning (admin only): everything the server holds about one
 * e-mail address — sign-ups, places on shifts and reflections whose contact
 * is that address — shown as a page, downloaded as JSON, or erased after a
 * confirmation. The address travels in POST bodies, never in a URL, so it
 * stays out of logs and browser history. Each lookup, export and erasure is a
 * line of the audit log.
 *
 * Erasure does what a resident's own erasure in Mine vagter does (the same
 * stores and mails, imported): their places go and whoever waits moves up and
 * is told, unsent mail about the erased sign-ups and places is withdrawn, and
 * their Mine vagter links stop working. A reflection is anonymous but for its
 * contact: the contact is forgotten and the anonymous answers stay, as after
 * the retention period.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Locale } from '../../i18n/index.js';
import { formatDateTime, formatRange } from '../../time/copenhagen.js';
import type { AppEnv } from '../http/env.js';
import { localeOf } from '../http/errors.js';
import { principalOf } from '../http/principal.js';
import { openMineTokens } from '../mine/tokens.js';
import type { Markup } from '../pages/layout.js';
import { shiftMails } from '../shifts/mails.js';
import { signupRef } from '../signups/routes.js';
import { addressOf } from './accounts.js';
import type { WorkplaceDeps } from './deps.js';
import { csrfField, workplacePage } from './layout.js';
import { workplaceTexts } from './texts.js';

const da = {
  title: 'Indsigt og sletning',
  lead: 'Skriv en e-mailadresse for at se alt, Samskab har om den: tilmeldinger, vagter og refleksioner med adressen som kontakt. Du kan hente det som en fil (indsigt) eller slette det (sletning). Opslaget bliver skrevet i loggen.',
  emailLabel: 'E-mailadresse',
  emailInvalid: 'Skriv en gyldig e-mailadresse, fx navn@example.dk.',
  look: 'Slå op',
  resultTitle: (email: string) => `Det har vi om ${email}`,
  signups: 'Tilmeldinger',
  noSignups: 'Ingen tilmeldinger.',
  signupLine: (activity: string, when: string) => `${activity}, tilmeldt ${when}`,
  claims: 'Vagter',
  noClaims: 'Ingen vagter.',
  status: { claimed: 'har en plads', waitlisted: 'på venteliste' } as Record<string, string>,
  reflections: 'Refleksioner med adressen som kontakt',
  noReflections: 'Ingen refleksioner med adressen som kontakt.',
  reflectionLine: (activity: string, when: string) => `${activity}, ${when}`,
  field: {
    name: 'Navn',
    email: 'E-mail',
    phone: 'Telefon',
    help: 'Vil hjælpe med',
    ageBand: 'Alder',
    guardian: 'Samtykke fra forælder',
    status: 'Status',
    loadCap: 'Højst timer om ugen',
    note: 'Bemærkning',
    contact: 'Kontakt',
  },
  yes: 'ja',
  no: 'nej',
  nothing: 'Samskab har intet om denne adresse.',
  export: 'Hent som JSON',
  erase: 'Slet alt om adressen',
  confirmTitle: 'Slet alt om adressen?',
  confirmLead: (email: string, signups: number, claims: number, reflections: number) =>
    `Du er ved at slette ${signups} tilmelding(er) og ${claims} vagt(er) for ${email} og fjerne adressen fra ${reflections} refleksion(er). Det kan ikke fortrydes. Den næste på ventelisten rykker op og får besked.`,
  confirm: 'Ja, slet det',
  back: 'Tilbage',
  erased: (email: string) => `Alt om ${email} er slettet.`,
  erasedCounts: (signups: number, claims: number, reflections: number) =>
    `${signups} tilmelding(er) og ${claims} vagt(er) slettet; adressen fjernet fra ${reflections} refleksion(er). Ikke-sendte mails om dem er trukket tilbage.`,
  another: 'Slå en anden adresse op',
};

const en: typeof da = {
  title: 'Access and erasure',
  lead: 'Give an e-mail address to see everything Samskab holds about it: sign-ups, shifts and reflections with the address as contact. You can download it as a file (access) or erase it (erasure). The lookup is written to the log.',
  emailLabel: 'E-mail address',
  emailInvalid: 'Give a valid e-mail address, such as name@example.com.',
  look: 'Look up',
  resultTitle: (email: string) => `What we hold about ${email}`,
  signups: 'Sign-ups',
  noSignups: 'No sign-ups.',
  signupLine: (activity: string, when: string) => `${activity}, signed up ${when}`,
  claims: 'Shifts',
  noClaims: 'No shifts.',
  status: { claimed: 'has a place', waitlisted: 'on the waiting list' },
  reflections: 'Reflections with the address as contact',
  noReflections: 'No reflections with the address as contact.',
  reflectionLine: (activity: string, when: string) => `${activity}, ${when}`,
  field: {
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    help: 'Wants to help with',
    ageBand: 'Age',
    guardian: 'Consent from a parent',
    status: 'Status',
    loadCap: 'At most hours a week',
    note: 'Note',
    contact: 'Contact',
  },
  yes: 'yes',
  no: 'no',
  nothing: 'Samskab holds nothing about this address.',
  export: 'Download as JSON',
  erase: 'Erase everything about the address',
  confirmTitle: 'Erase everything about the address?',
  confirmLead: (email: string, signups: number, claims: number, reflections: number) =>
    `You are about to erase ${signups} sign-up(s) and ${claims} shift(s) of ${email} and remove the address from ${reflections} reflection(s). This cannot be undone. The next on a waiting list moves up and is told.`,
  confirm: 'Yes, erase it',
  back: 'Back',
  erased: (email: string) => `Everything about ${email} is erased.`,
  erasedCounts: (signups: number, claims: number, reflections: number) =>
    `${signups} sign-up(s) and ${claims} shift(s) erased; the address removed from ${reflections} reflection(s). Unsent mail about them is withdrawn.`,
  another: 'Look up another address',
};

const textsOf = (l: Locale) => (l === 'en' ? en : da);

const EMAIL = /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/;

/** The posted address, checked and as stored (trimmed, lower-cased); undefined when it is none. */
async function postedAddress(c: Context<AppEnv>): Promise<{ raw: string; address?: string }> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const raw = typeof body.email === 'string' ? body.email.trim() : '';
  return raw.length <= 254 && EMAIL.test(raw) ? { raw, address: addressOf(raw) } : { raw };
}

export function insightPages(d: WorkplaceDeps): Hono<AppEnv> {
  const when = (date: string | Date, l: Locale) =>
    formatDateTime(typeof date === 'string' ? new Date(date) : date, l);
  // As the shifts feature builds them: a place erased here tells whoever moves up.
  const mails = shiftMails({
    mail: d.mail,
    invitations: d.invitations,
    mailOrigin: d.mailOrigin,
    clock: d.clock,
    siteName: d.site.name,
  });
  const mineTokens = openMineTokens(d.db);

  /** Everything held about `address`. */
  const holdings = async (address: string) => {
    const activities = await d.activities.list();
    const titles = new Map(activities.map((a) => [a.id, a.title]));
    const signups = await d.signups.listByEmail(address);
    const claims = await d.shifts.claimsByEmail(address);
    const reflections = (
      await Promise.all(
        activities.map(async (a) =>
          (
            await d.reflections.reflectionsSince(a.id, new Date(0))
          )
            .filter((r) => r.contact !== null && addressOf(r.contact) === address)
            .map((r) => ({ ...r, activityId: a.id })),
        ),
      )
    ).flat();
    return { titles, signups, claims, reflections };
  };

  /** Everything held about `address`, with a line in the log saying who looked (or exported). */
  const shownAndLogged = async (c: Context<AppEnv>, address: string, action: 'view' | 'export') => {
    const held = await holdings(address);
    await d.audit.record(c, {
      action,
      subject: 'email',
      subjectId: d.audit.emailRef(address),
      detail: `${held.signups.length} sign-ups, ${held.claims.length} claims, ${held.reflections.length} reflections`,
    });
    return held;
  };

  /** Admins only: anyone else gets the 403 page. */
  const forbidden = (c: Context<AppEnv>) => {
    if (principalOf(c).role === 'admin') return undefined;
    const t = workplaceTexts(localeOf(c));
    return workplacePage(c, {
      title: t.adminOnlyTitle,
      section: 'none',
      status: 403,
      body: html`<p role="alert">${t.adminOnly}</p>`,
    });
  };

  const lookupForm = (c: Context<AppEnv>, value = '', error = false) => {
    const t = textsOf(localeOf(c));
    return html`<form method="post" action="/leder/indsigt" class="wp-form" novalidate>${csrfField(c)}
<label for="insight-email">${t.emailLabel}</label>
${error ? html`<p id="insight-email-error" class="wp-error">${t.emailInvalid}</p>` : ''}
<input id="insight-email" name="email" type="email" autocomplete="off" required maxlength="254" value="${value}"${error ? html` aria-invalid="true" aria-describedby="insight-email-error"` : ''}>
<button type="submit" class="button">${t.look}</button>
</form>`;
  };

  const page = (c: Context<AppEnv>, title: string, body: Markup, status = 200) =>
    workplacePage(c, { title, section: 'insight', body, status });

  /** The address posted with a form, or the page that asks again. */
  const withAddress = async (c: Context<AppEnv>) => {
    const { raw, address } = await postedAddress(c);
    if (address) return { address };
    const t = textsOf(localeOf(c));
    return {
      refused: await page(c, t.title, html`<p>${t.lead}</p>${lookupForm(c, raw, true)}`, 400),
    };
  };

  const hidden = (c: Context<AppEnv>, address: string) =>
    html`${csrfField(c)}<input type="hidden" name="email" value="${address}">`;

  const dl = (rows: [string, string][]) =>
    html`<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;

  return new Hono<AppEnv>()
    .get('/leder/indsigt', d.leader.signedIn, async (c) => {
      const refused = forbidden(c);
      if (refused) return refused;
      const t = textsOf(localeOf(c));
      return page(c, t.title, html`<p>${t.lead}</p>${lookupForm(c)}`);
    })
    .post('/leder/indsigt', d.leader.signedIn, d.leader.form, async (c) => {
      const refused = forbidden(c);
      if (refused) return refused;
      const l = localeOf(c);
      const t = textsOf(l);
      const asked = await withAddress(c);
      if ('refused' in asked) return asked.refused;
      const { address } = asked;
      const held = await shownAndLogged(c, address, 'view');
      const yesNo = (b: boolean) => (b ? t.yes : t.no);
      const total = held.signups.length + held.claims.length + held.reflections.length;
      return page(
        c,
        t.title,
        html`${lookupForm(c, address)}
<h2>${t.resultTitle(address)}</h2>
${total === 0 ? html`<p role="status" class="wp-status">${t.nothing}</p>` : ''}
<h3>${t.signups}</h3>
${
  held.signups.length === 0
    ? html`<p>${t.noSignups}</p>`
    : html`<ul class="wp-list">${held.signups.map(
        (s) =>
          html`<li><p>${t.signupLine(held.titles.get(s.activityId) ?? s.activityId, when(s.createdAt, l))}</p>${dl(
            [
              [t.field.name, s.name],
              [t.field.email, s.email],
              [t.field.phone, s.phone],
              [t.field.help, s.help],
              [t.field.ageBand, s.ageBand],
              [t.field.guardian, yesNo(s.guardianConsent)],
            ],
          )}</li>`,
      )}</ul>`
}
<h3>${t.claims}</h3>
${
  held.claims.length === 0
    ? html`<p>${t.noClaims}</p>`
    : html`<ul class="wp-list">${held.claims.map(
        ({ claim, shift }) =>
          html`<li><p>${shift.title}, ${held.titles.get(shift.activityId) ?? shift.activityId}, ${formatRange(shift.start, shift.end, l)}</p>${dl(
            [
              [t.field.status, t.status[claim.status] ?? claim.status],
              [t.field.name, claim.name],
              [t.field.email, claim.email],
              [t.field.phone, claim.phone],
              [t.field.ageBand, claim.ageBand],
              [t.field.guardian, yesNo(claim.guardianConsent)],
              [t.field.loadCap, claim.loadCapHours === null ? '–' : String(claim.loadCapHours)],
            ],
          )}</li>`,
      )}</ul>`
}
<h3>${t.reflections}</h3>
${
  held.reflections.length === 0
    ? html`<p>${t.noReflections}</p>`
    : html`<ul class="wp-list">${held.reflections.map(
        (r) =>
          html`<li><p>${t.reflectionLine(held.titles.get(r.activityId) ?? r.activityId, when(r.createdAt, l))}</p>${dl(
            [
              [t.field.contact, r.contact ?? ''],
              [t.field.note, r.note || '–'],
            ],
          )}</li>`,
      )}</ul>`
}
<form method="post" action="/leder/indsigt/eksport" class="wp-inline">${hidden(c, address)}<button type="submit" class="button-secondary">${t.export}</button></form>
${
  total === 0
    ? ''
    : html`<form method="post" action="/leder/indsigt/slet" class="wp-inline">${hidden(c, address)}<button type="submit" class="button">${t.erase}</button></form>`
}`,
      );
    })
    .post('/leder/indsigt/eksport', d.leader.signedIn, d.leader.form, async (c) => {
      const refused = forbidden(c);
      if (refused) return refused;
      const asked = await withAddress(c);
      if ('refused' in asked) return asked.refused;
      const { address } = asked;
      const held = await shownAndLogged(c, address, 'export');
      const body = {
        email: address,
        exportedAt: d.clock().toISOString(),
        signups: held.signups.map((s) => ({
          ...s,
          activity: held.titles.get(s.activityId) ?? s.activityId,
        })),
        // Never the cancel token: it is a key, not data about the person.
        claims: held.claims.map(({ claim, shift }) => ({
          id: claim.id,
          status: claim.status,
          name: claim.name,
          email: claim.email,
          phone: claim.phone,
          ageBand: claim.ageBand,
          guardianConsent: claim.guardianConsent,
          loadCapHours: claim.loadCapHours,
          locale: claim.locale,
          createdAt: claim.createdAt.toISOString(),
          shift: {
            id: shift.id,
            activityId: shift.activityId,
            activity: held.titles.get(shift.activityId) ?? shift.activityId,
            title: shift.title,
            location: shift.location,
            start: shift.start.toISOString(),
            end: shift.end.toISOString(),
          },
        })),
        reflections: held.reflections.map((r) => ({
          id: r.id,
          activityId: r.activityId,
          activity: held.titles.get(r.activityId) ?? r.activityId,
          createdAt: r.createdAt.toISOString(),
          contact: r.contact,
          note: r.note,
          noteQuestion: r.noteQuestion,
          energy: r.energy,
          load: r.load,
          meaningful: r.meaningful,
        })),
      };
      return c.body(`${JSON.stringify(body, null, 2)}\n`, 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': 'attachment; filename="samskab-indsigt.json"',
        'Cache-Control': 'no-store',
      });
    })
    .post('/leder/indsigt/slet', d.leader.signedIn, d.leader.form, async (c) => {
      const refused = forbidden(c);
      if (refused) return refused;
      const t = textsOf(localeOf(c));
      const asked = await withAddress(c);
      if ('refused' in asked) return asked.refused;
      const { address } = asked;
      const held = await holdings(address);
      return page(
        c,
        t.confirmTitle,
        html`<p>${t.confirmLead(address, held.signups.length, held.claims.length, held.reflections.length)}</p>
<form method="post" action="/leder/indsigt/slet/bekraeft" class="wp-inline">${hidden(c, address)}<button type="submit" class="button">${t.confirm}</button></form>
<form method="post" action="/leder/indsigt" class="wp-inline">${hidden(c, address)}<button type="submit" class="button-secondary">${t.back}</button></form>`,
      );
    })
    .post('/leder/indsigt/slet/bekraeft', d.leader.signedIn, d.leader.form, async (c) => {
      const refused = forbidden(c);
      if (refused) return refused;
      const t = textsOf(localeOf(c));
      const asked = await withAddress(c);
      if ('refused' in asked) return asked.refused;
      const { address } = asked;
      const { reflections } = await holdings(address);
      // As Mine vagter's erasure: places first (whoever waits moves up), then sign-ups and their mail.
      const claims = await d.shifts.eraseByEmail(address, mails.released());
      const signups = await d.signups.eraseByEmail(address);
      await d.db.write(async (trx) => {
        for (const x of signups) await d.mail.withdraw(trx, signupRef(x.id));
      });
      await (await mineTokens).forget(address);
      let forgotten = 0;
      for (const r of reflections) if (await d.reflections.forgetContact(r.id)) forgotten++;
      // Whoever moved up into an erased place has their mail written: send it now.
      mails.sent();
      await d.audit.record(
        c,
        {
          action: 'erase',
          subject: 'email',
          subjectId: d.audit.emailRef(address),
          detail: `${signups.length} sign-ups, ${claims.length} claims, ${forgotten} reflection contacts`,
        },
        ...signups.map((s) => ({
          action: 'erase' as const,
          subject: 'signup',
          subjectId: s.id,
          activityId: s.activityId,
          detail: 'Indsigt og sletning',
        })),
        ...claims.map(({ claim, shift }) => ({
          action: 'erase' as const,
          subject: 'claim',
          subjectId: claim.id,
          activityId: shift.activityId,
          detail: 'Indsigt og sletning',
        })),
        ...reflections.map((r) => ({
          action: 'erase' as const,
          subject: 'reflection',
          subjectId: r.id,
          activityId: r.activityId,
          detail: 'contact forgotten',
        })),
      );
      return page(
        c,
        t.title,
        html`<div role="status" class="wp-status"><p>${t.erased(address)}</p>
<p>${t.erasedCounts(signups.length, claims.length, forgotten)}</p></div>
<p><a href="/leder/indsigt">${t.another}</a></p>`,
      );
    });
}
