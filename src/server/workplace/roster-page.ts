/**
 * Vagtliste: one shift's roster for its coordinator. Who holds a place and
 * who waits, in line order, with how to reach them; once the shift has begun,
 * whether each came (mødt or udeblev); moving a waiting person up into a free
 * place (they get the moved-up mail, written in the same transaction); a
 * print-friendly copy and a CSV export. Every view, change and export is
 * written to the audit log.
 */
import { type Context, Hono } from 'hono';
import { html } from 'hono/html';
import type { Locale } from '../../i18n/index.js';
import type { AgeBand } from '../../schemas/signup.js';
import { formatDateTime, formatRange, toIsoCopenhagen } from '../../time/copenhagen.js';
import type { AppEnv } from '../http/env.js';
import { localeOf } from '../http/errors.js';
import { mayManage, principalOf } from '../http/principal.js';
import { type Markup, page } from '../pages/layout.js';
import { shiftMails } from '../shifts/mails.js';
import type { Attendance, RosterClaim, ShiftRow } from '../shifts/store.js';
import type { WorkplaceDeps } from './deps.js';
import { csrfField, WORKPLACE_HEADERS, workplacePage } from './layout.js';
import { csvFile, csvHeaders } from './signups-page.js';

const da = {
  title: (shift: string) => `Vagtliste: ${shift}`,
  shiftsLink: 'Alle vagter',
  facts: 'Vagten',
  activity: 'Aktivitet',
  when: 'Hvornår',
  where: 'Hvor',
  places: 'Pladser',
  placesLine: (taken: number, capacity: number, waiting: number) =>
    `${taken} af ${capacity} besat, ${waiting} på venteliste`,
  claimed: 'Har plads',
  waitlist: 'Venteliste',
  noClaimed: 'Ingen har taget en plads endnu.',
  noWaitlist: 'Ingen står på ventelisten.',
  head: {
    place: 'Nr.',
    name: 'Navn',
    phone: 'Telefon',
    email: 'E-mail',
    age: 'Alder',
    attendance: 'Fremmøde',
    actions: 'Handling',
  },
  age: { 'under-15': 'Under 15', '15-17': '15–17', '18-plus': '18+' } as Record<AgeBand, string>,
  attendance: { moedt: 'Mødt', udeblev: 'Udeblev' } as Record<Attendance, string>,
  notYet: 'Ikke noteret',
  notStarted: 'Kan noteres, når vagten er begyndt',
  by: (who: string, when: string) => `${who}, ${when}`,
  moveUp: 'Ryk op',
  noFreePlace: 'Ingen ledig plads',
  print: 'Udskriftsvenlig vagtliste',
  exportCsv: 'Hent som CSV (regneark)',
  notFound: 'Siden findes ikke, eller du har ikke adgang til den.',
  saved: 'Fremmødet er noteret.',
  promoted: (name: string) => `${name} har fået en plads og får besked på e-mail.`,
  full: 'Der er ingen ledig plads på vagten.',
  notWaiting: 'Personen har allerede en plads.',
  tooEarly: 'Fremmøde kan først noteres, når vagten er begyndt.',
  badValue: 'Ukendt valg.',
  csvHead: ['Status', 'Nr.', 'Navn', 'Telefon', 'E-mail', 'Alder', 'Fremmøde', 'Noteret af'],
  statusWord: { claimed: 'Plads', waitlisted: 'Venteliste' },
  printed: (when: string) => `Udskrevet ${when}`,
};

const en: typeof da = {
  title: (shift) => `Roster: ${shift}`,
  shiftsLink: 'All shifts',
  facts: 'The shift',
  activity: 'Activity',
  when: 'When',
  where: 'Where',
  places: 'Places',
  placesLine: (taken, capacity, waiting) =>
    `${taken} of ${capacity} taken, ${waiting} on the waiting list`,
  claimed: 'Holding a place',
  waitlist: 'Waiting list',
  noClaimed: 'Nobody has taken a place yet.',
  noWaitlist: 'Nobody is on the waiting list.',
  head: {
    place: 'No.',
    name: 'Name',
    phone: 'Phone',
    email: 'E-mail',
    age: 'Age',
    attendance: 'Attendance',
    actions: 'Action',
  },
  age: { 'under-15': 'Under 15', '15-17': '15–17', '18-plus': '18+' },
  attendance: { moedt: 'Came', udeblev: 'Did not come' },
  notYet: 'Not noted',
  notStarted: 'Can be noted once the shift has begun',
  by: (who, when) => `${who}, ${when}`,
  moveUp: 'Move up',
  noFreePlace: 'No free place',
  print: 'Printable roster',
  exportCsv: 'Download as CSV (spreadsheet)',
  notFound: 'The page does not exist, or you have no access to it.',
  saved: 'Attendance is noted.',
  promoted: (name) => `${name} has a place now and is told by e-mail.`,
  full: 'There is no free place on the shift.',
  notWaiting: 'The person holds a place already.',
  tooEarly: 'Attendance can be noted once the shift has begun.',
  badValue: 'Unknown choice.',
  csvHead: ['Status', 'No.', 'Name', 'Phone', 'E-mail', 'Age', 'Attendance', 'Noted by'],
  statusWord: { claimed: 'Place', waitlisted: 'Waiting list' },
  printed: (when) => `Printed ${when}`,
};

const rosterTexts = (l: Locale) => (l === 'en' ? en : da);

/** The print copy's own rules: black on white, the whole width, no links' decoration. */
const PRINT_CSS = `body { background: #fff; color: #000; }
.roster-print { max-inline-size: 60rem; margin-inline: auto; padding: 1rem; font-size: 11pt; }
.roster-print table { border-collapse: collapse; inline-size: 100%; margin-block-end: 1rem; }
.roster-print th, .roster-print td { border: 1px solid #000; padding: 0.25rem 0.5rem; text-align: start; vertical-align: top; }
.roster-print .tick { inline-size: 4rem; }
@media print {
  @page { margin: 1.5cm; }
  .roster-print { padding: 0; max-inline-size: none; }
  .roster-print a { color: #000; text-decoration: none; }
  .roster-print .no-print { display: none; }
  .roster-print tr { break-inside: avoid; }
}
`;

const SHIFT_ID = '{[A-Za-z0-9_-]{1,64}}';

export function rosterPages(d: WorkplaceDeps): Hono<AppEnv> {
  /** A shift's roster and activity, the claims shown written to the audit log (`detail`: which view). */
  const readRoster = async (c: Context<AppEnv>, shift: ShiftRow, detail: string) => {
    const claims = await d.shifts.roster(shift.id);
    const activity = await d.activities.get(shift.activityId);
    if (claims.length > 0) {
      await d.audit.record(c, {
        action: 'view',
        subject: 'claim',
        subjectId: claims.map((r) => r.id).join(' '),
        activityId: shift.activityId,
        detail,
      });
    }
    return { claims, activity };
  };

  const mails = shiftMails({
    mail: d.mail,
    invitations: d.invitations,
    mailOrigin: d.mailOrigin,
    clock: d.clock,
    siteName: d.site.name,
  });

  const notFound = (c: Context<AppEnv>) => {
    const t = rosterTexts(localeOf(c));
    return workplacePage(c, {
      title: t.notFound,
      section: 'shifts',
      status: 404,
      body: html`<p><a href="/leder/vagter">${t.shiftsLink}</a></p>`,
    });
  };

  /** The shift `id` when it exists and the principal may manage its activity. */
  const shiftFor = async (c: Context<AppEnv>, id: string) => {
    const shift = await d.shifts.getShift(id);
    if (!shift || !mayManage(principalOf(c), shift.activityId)) return undefined;
    return shift;
  };

  const mayWrite = (c: Context<AppEnv>) => {
    const p = principalOf(c);
    return !(p.kind === 'account' && p.scope === 'read');
  };

  const attendanceOf = (r: RosterClaim, l: Locale) => {
    const t = rosterTexts(l);
    if (!r.attendance) return t.notYet;
    const by =
      r.attendanceBy && r.attendanceAt
        ? ` (${t.by(r.attendanceBy, formatDateTime(r.attendanceAt, l))})`
        : '';
    return `${t.attendance[r.attendance]}${by}`;
  };

  async function roster(
    c: Context<AppEnv>,
    shift: ShiftRow,
    notice: Markup | '' = '',
    status = 200,
  ) {
    const l = localeOf(c);
    const t = rosterTexts(l);
    const now = d.clock();
    const { claims, activity } = await readRoster(c, shift, `roster ${shift.id}`);
    const claimed = claims.filter((r) => r.status === 'claimed');
    const waiting = claims.filter((r) => r.status === 'waitlisted');
    const started = shift.start <= now;
    const free = shift.taken < shift.capacity && shift.end > now;
    const base = `/leder/vagter/${shift.id}`;
    const person = (r: RosterClaim) => html`<th scope="row">${r.name}</th>
<td>${r.phone ? html`<a href="tel:${r.phone.replaceAll(' ', '')}">${r.phone}</a>` : ''}</td>
<td><a href="mailto:${r.email}">${r.email}</a></td>
<td>${t.age[r.ageBand]}</td>`;
    const mark = (r: RosterClaim, value: Attendance) =>
      html`<form method="post" action="${base}/fremmoede/${r.id}" class="wp-inline">${csrfField(c)}<input type="hidden" name="value" value="${value}"><button type="submit" class="${r.attendance === value ? 'button' : 'button-secondary'}">${t.attendance[value]}<span class="visually-hidden">: ${r.name}</span></button></form>`;
    const head = (cols: string[]) =>
      html`<thead><tr>${cols.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>`;
    return workplacePage(c, {
      title: t.title(shift.title),
      section: 'shifts',
      status,
      body: html`<p><a href="/leder/vagter">${t.shiftsLink}</a></p>
${notice}
<h2>${t.facts}</h2>
<dl class="wp-facts">
<dt>${t.activity}</dt><dd>${activity?.title ?? shift.activityId}</dd>
<dt>${t.when}</dt><dd>${formatRange(shift.start, shift.end, l)}</dd>
<dt>${t.where}</dt><dd>${shift.location}</dd>
<dt>${t.places}</dt><dd>${t.placesLine(shift.taken, shift.capacity, shift.waiting)}</dd>
</dl>
<p><a href="${base}/print">${t.print}</a> · <a href="${base}?format=csv">${t.exportCsv}</a></p>
<h2 id="har-plads">${t.claimed}</h2>
${
  claimed.length === 0
    ? html`<p>${t.noClaimed}</p>`
    : html`<div class="wp-table-wrap" tabindex="0" role="region" aria-labelledby="har-plads"><table class="wp-table">
${head([t.head.name, t.head.phone, t.head.email, t.head.age, t.head.attendance])}
<tbody>${claimed.map(
        (r) =>
          html`<tr>${person(r)}<td>${
            started
              ? html`<p>${attendanceOf(r, l)}</p>${mark(r, 'moedt')} ${mark(r, 'udeblev')}`
              : t.notStarted
          }</td></tr>`,
      )}</tbody></table></div>`
}
<h2 id="venteliste">${t.waitlist}</h2>
${
  waiting.length === 0
    ? html`<p>${t.noWaitlist}</p>`
    : html`<div class="wp-table-wrap" tabindex="0" role="region" aria-labelledby="venteliste"><table class="wp-table">
${head([t.head.place, t.head.name, t.head.phone, t.head.email, t.head.age, t.head.actions])}
<tbody>${waiting.map(
        (r, i) =>
          html`<tr><td>${i + 1}</td>${person(r)}<td>${
            free
              ? html`<form method="post" action="${base}/ryk-op/${r.id}" class="wp-inline">${csrfField(c)}<button type="submit" class="button">${t.moveUp}<span class="visually-hidden">: ${r.name}</span></button></form>`
              : t.noFreePlace
          }</td></tr>`,
      )}</tbody></table></div>`
}`,
    });
  }

  const rosterOf = (c: Context<AppEnv>) => shiftFor(c, c.req.param('shiftId') ?? '');

  return new Hono<AppEnv>()
    .get('/leder/vagtliste-print.css', (c) =>
      c.body(PRINT_CSS, 200, {
        'Content-Type': 'text/css; charset=utf-8',
        'Cache-Control': 'no-cache',
      }),
    )
    .get(`/leder/vagter/:shiftId${SHIFT_ID}`, d.leader.signedIn, async (c) => {
      const shift = await rosterOf(c);
      if (!shift) return notFound(c);
      if (c.req.query('format') === 'csv') {
        const t = rosterTexts(localeOf(c));
        const claims = await d.shifts.roster(shift.id);
        await d.audit.record(c, {
          action: 'export',
          subject: 'claim',
          subjectId: claims.map((r) => r.id).join(' '),
          activityId: shift.activityId,
          detail: `roster ${shift.id}, csv, ${claims.length} rows`,
        });
        let line = 0;
        const body = csvFile([
          t.csvHead,
          ...claims.map((r) => {
            const waiting = r.status === 'waitlisted';
            if (waiting) line += 1;
            return [
              t.statusWord[r.status],
              waiting ? String(line) : '',
              r.name,
              r.phone,
              r.email,
              t.age[r.ageBand],
              r.attendance ? t.attendance[r.attendance] : '',
              r.attendanceBy && r.attendanceAt
                ? `${r.attendanceBy}, ${toIsoCopenhagen(r.attendanceAt)}`
                : '',
            ];
          }),
        ]);
        return c.body(body, 200, csvHeaders(`vagtliste-${shift.id}.csv`));
      }
      const l = localeOf(c);
      const t = rosterTexts(l);
      const done = c.req.query('gemt');
      const moved =
        done === 'ryk-op'
          ? (await d.shifts.roster(shift.id)).find((r) => r.id === c.req.query('id'))
          : undefined;
      const notice =
        done === 'fremmoede'
          ? html`<p role="status" class="wp-status">${t.saved}</p>`
          : moved
            ? html`<p role="status" class="wp-status">${t.promoted(moved.name)}</p>`
            : '';
      return roster(c, shift, notice);
    })
    .get(`/leder/vagter/:shiftId${SHIFT_ID}/print`, d.leader.signedIn, async (c) => {
      const shift = await rosterOf(c);
      if (!shift) return notFound(c);
      const l = localeOf(c);
      const t = rosterTexts(l);
      const { claims, activity } = await readRoster(c, shift, `roster ${shift.id}, print`);
      const rows = (list: RosterClaim[], numbered: boolean) =>
        list.map(
          (r, i) =>
            html`<tr>${numbered ? html`<td>${i + 1}</td>` : ''}<th scope="row">${r.name}</th><td>${r.phone}</td><td>${r.email}</td><td>${t.age[r.ageBand]}</td>${numbered ? '' : html`<td class="tick">${r.attendance ? t.attendance[r.attendance] : ''}</td>`}</tr>`,
        );
      const claimed = claims.filter((r) => r.status === 'claimed');
      const waiting = claims.filter((r) => r.status === 'waitlisted');
      const cols = (numbered: boolean) =>
        html`<thead><tr>${numbered ? html`<th scope="col">${t.head.place}</th>` : ''}<th scope="col">${t.head.name}</th><th scope="col">${t.head.phone}</th><th scope="col">${t.head.email}</th><th scope="col">${t.head.age}</th>${numbered ? '' : html`<th scope="col">${t.head.attendance}</th>`}</tr></thead>`;
      const title = t.title(shift.title);
      return c.html(
        page({
          lang: l,
          title,
          stylesheets: ['/leder/vagtliste-print.css'],
          noindex: true,
          body: html`<main class="roster-print">
<p class="no-print"><a href="/leder/vagter/${shift.id}">${title}</a></p>
<h1>${title}</h1>
<p>${activity?.title ?? shift.activityId} · ${formatRange(shift.start, shift.end, l)} · ${shift.location}</p>
<p>${t.placesLine(shift.taken, shift.capacity, shift.waiting)}</p>
<h2>${t.claimed}</h2>
${claimed.length === 0 ? html`<p>${t.noClaimed}</p>` : html`<table>${cols(false)}<tbody>${rows(claimed, false)}</tbody></table>`}
<h2>${t.waitlist}</h2>
${waiting.length === 0 ? html`<p>${t.noWaitlist}</p>` : html`<table>${cols(true)}<tbody>${rows(waiting, true)}</tbody></table>`}
<p>${t.printed(formatDateTime(d.clock(), l))}</p>
</main>`,
        }),
        200,
        WORKPLACE_HEADERS,
      );
    })
    .post(
      `/leder/vagter/:shiftId${SHIFT_ID}/fremmoede/:claimId${SHIFT_ID}`,
      d.leader.signedIn,
      d.leader.form,
      async (c) => {
        const shift = await rosterOf(c);
        if (!shift || !mayWrite(c)) return notFound(c);
        const t = rosterTexts(localeOf(c));
        const claimId = c.req.param('claimId');
        const claim = (await d.shifts.roster(shift.id)).find((r) => r.id === claimId);
        if (claim?.status !== 'claimed') return notFound(c);
        const body = await c.req.parseBody();
        const value = body.value;
        if (value !== 'moedt' && value !== 'udeblev') {
          return roster(c, shift, html`<p role="alert" class="wp-error">${t.badValue}</p>`, 400);
        }
        const now = d.clock();
        const tooEarly = () =>
          roster(c, shift, html`<p role="alert" class="wp-error">${t.tooEarly}</p>`, 409);
        if (shift.start > now) return tooEarly();
        const noted = await d.shifts.setAttendance(claim.id, value, principalOf(c).name, now);
        if (!noted) return tooEarly();
        await d.audit.record(c, {
          action: 'change',
          subject: 'claim',
          subjectId: claim.id,
          activityId: shift.activityId,
          detail: `attendance ${claim.attendance ?? '–'} → ${value}`,
        });
        return c.redirect(`/leder/vagter/${shift.id}?gemt=fremmoede`, 303);
      },
    )
    .post(
      `/leder/vagter/:shiftId${SHIFT_ID}/ryk-op/:claimId${SHIFT_ID}`,
      d.leader.signedIn,
      d.leader.form,
      async (c) => {
        const shift = await rosterOf(c);
        if (!shift || !mayWrite(c)) return notFound(c);
        const t = rosterTexts(localeOf(c));
        const claimId = c.req.param('claimId');
        const claim = (await d.shifts.roster(shift.id)).find((r) => r.id === claimId);
        if (!claim) return notFound(c);
        if (shift.end <= d.clock()) {
          return roster(c, shift, html`<p role="alert" class="wp-error">${t.full}</p>`, 409);
        }
        const outcome = await d.shifts.promote(claim.id, mails.released());
        switch (outcome.kind) {
          case 'unknown':
            return notFound(c);
          case 'full':
            return roster(c, shift, html`<p role="alert" class="wp-error">${t.full}</p>`, 409);
          case 'not-waitlisted':
            return roster(
              c,
              shift,
              html`<p role="alert" class="wp-error">${t.notWaiting}</p>`,
              409,
            );
          case 'promoted':
            break;
        }
        mails.sent();
        await d.audit.record(c, {
          action: 'change',
          subject: 'claim',
          subjectId: claim.id,
          activityId: shift.activityId,
          detail: 'waitlisted → claimed',
        });
        const back = new URLSearchParams({ gemt: 'ryk-op', id: claim.id });
        return c.redirect(`/leder/vagter/${shift.id}?${back.toString()}`, 303);
      },
    );
}
