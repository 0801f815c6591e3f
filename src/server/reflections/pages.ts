/**
 * The leader's pulse page (`/leder/puls`): server-rendered, no script, under
 * the strict page CSP. Each figure is drawn as an SVG bar chart with a data
 * table beside it, so nothing is only a picture. Behind the workplace's
 * sign-in: a coordinator sees only their own activities.
 */
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { Locale } from '../../i18n/index.js';
import type { Pulse, PulseFigures, PulseWeek } from '../../schemas/pulse.js';
import { formatDateTime } from '../../time/copenhagen.js';
import type { AuditLog } from '../audit/log.js';
import type { AppEnv } from '../http/env.js';
import { localeOf } from '../http/errors.js';
import { activityScope, principalOf } from '../http/principal.js';
import { type AnyMessageKey, serverT } from '../i18n.js';
import { type Markup, stylesheet } from '../pages/layout.js';
import { workplacePage } from '../workplace/layout.js';
import { pulseFor } from './routes.js';
import type { ReflectionStore } from './store.js';

const WEEK_CHOICES = [4, 8, 12, 26, 52];
const DEFAULT_WEEKS = 8;

/** What the page needs from the feature. */
export interface LeaderPageDeps {
  store: ReflectionStore;
  /** The workplace's session gate (see ../workplace/session.ts). */
  signedIn: MiddlewareHandler<AppEnv>;
  /** Contacts in the follow-ups are personal data: who saw them is logged. */
  audit: AuditLog;
  clock: () => Date;
}

/** `/leder/puls` and its stylesheet. */
export function leaderPageRoutes({ store, signedIn, audit, clock }: LeaderPageDeps) {
  return new Hono<AppEnv>()
    .route('/', stylesheet('/leder/puls.css', new URL('./leader.css', import.meta.url)))
    .get('/leder/puls', signedIn, async (c) => {
      const scope = activityScope(principalOf(c));
      const locale = localeOf(c);
      const t = (key: AnyMessageKey, params?: Record<string, string | number>) =>
        serverT(locale, key, params);
      const id = c.req.query('activity');
      if (id === undefined) {
        const all = await store.listActivities();
        const shown = scope ? all.filter((a) => scope.has(a.id)) : all;
        return show(c, activityList(t, locale, shown));
      }
      const title =
        /^[A-Za-z0-9_-]{1,64}$/.test(id) && (!scope || scope.has(id))
          ? await store.activityTitle(id)
          : undefined;
      if (title === undefined) {
        return show(
          c,
          layout(
            locale,
            t('leader.unknownActivity'),
            html`<p><a href="/leder/puls">${t('leader.back')}</a></p>`,
          ),
          404,
        );
      }
      // Forgiving, like the widgets' attributes: a bad `weeks` shows the default.
      const asked = Number(c.req.query('weeks'));
      const weeks = Number.isInteger(asked) && asked >= 1 && asked <= 52 ? asked : DEFAULT_WEEKS;
      const pulse = await pulseFor(store, id, weeks, clock(), locale);
      const open = await store.openReflections(id);
      if (pulse.followUps.length > 0) {
        await audit.record(c, {
          action: 'view',
          subject: 'reflection',
          subjectId: pulse.followUps.map((f) => f.id).join(' '),
          activityId: id,
          detail: `${pulse.followUps.length} follow-ups with contact`,
        });
      }
      return show(c, pulsePage(t, locale, title, pulse, open));
    });
}

type T = (key: AnyMessageKey, params?: Record<string, string | number>) => string;

/** A page's heading and body, for the workplace's frame (its navigation and sign-out). */
function layout(_locale: Locale, title: string, body: Markup) {
  return { title, body };
}

function show(c: Context<AppEnv>, content: { title: string; body: Markup }, status = 200) {
  return workplacePage(c, {
    ...content,
    section: 'pulse',
    stylesheets: ['/leder/puls.css'],
    status,
  });
}

function activityList(t: T, locale: Locale, activities: { id: string; title: string }[]) {
  const body =
    activities.length === 0
      ? html`<p>${t('leader.noActivities')}</p>`
      : html`<h2>${t('leader.choose')}</h2>
<ul class="activities">
${activities.map((a) => html`<li><a href="/leder/puls?activity=${a.id}">${a.title}</a></li>`)}
</ul>`;
  return layout(locale, t('leader.title'), body);
}

/** Number formats per locale: Danish decimal comma, English point. */
const formats = {
  da: {
    mean: new Intl.NumberFormat('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    share: new Intl.NumberFormat('da-DK', { style: 'percent', maximumFractionDigits: 0 }),
    signed: new Intl.NumberFormat('da-DK', {
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }),
  },
  en: {
    mean: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    share: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 }),
    signed: new Intl.NumberFormat('en-GB', {
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }),
  },
};

/** The three charted figures: which field, how to scale it, how to say it. */
const MEASURES = [
  { key: 'meanEnergy', label: 'leader.chart.energy', max: 5, kind: 'mean' },
  { key: 'shareTooMuch', label: 'leader.chart.tooMuch', max: 1, kind: 'share' },
  { key: 'shareMeaningful', label: 'leader.chart.meaningful', max: 1, kind: 'share' },
] as const;
type Measure = (typeof MEASURES)[number];

/** The pulse of one activity; `open`: it takes open reflections (counted apart). */
function pulsePage(t: T, locale: Locale, title: string, pulse: Pulse, open: boolean) {
  const f = formats[locale];
  const show = (m: Measure, figures: PulseFigures) => {
    const value = figures[m.key];
    if (figures.tooFew) return t('leader.tooFew');
    if (value === null) return t('leader.noAnswer');
    return m.kind === 'mean' ? f.mean.format(value) : f.share.format(value);
  };
  const weekLabel = (w: PulseWeek) => w.week.replace(/^\d+-W0?/, '');

  const weeksForm = html`<form class="weeks" method="get" action="/leder/puls">
<input type="hidden" name="activity" value="${pulse.activityId}">
<label for="weeks">${t('leader.weeks')}</label>
<select id="weeks" name="weeks">
${WEEK_CHOICES.map(
  (n) =>
    html`<option value="${n}"${n === pulse.weeks ? html` selected` : ''}>${t('leader.weeksUnit', { weeks: n })}</option>`,
)}
</select>
<button type="submit">${t('leader.show')}</button>
</form>`;

  const charts = MEASURES.map((m, i) => chart(t, m, i, pulse.series, weekLabel, (w) => show(m, w)));

  const table = html`<div class="table-wrap" role="region" aria-labelledby="table-caption" tabindex="0">
<table>
<caption id="table-caption">${t('leader.table.caption')}</caption>
<thead><tr>
<th scope="col">${t('leader.table.week')}</th>
<th scope="col">${t('leader.table.answers')}</th>
${MEASURES.map((m) => html`<th scope="col">${t(m.label)}</th>`)}
<th scope="col">${t('leader.table.open')}</th>
</tr></thead>
<tbody>
${pulse.series.map(
  (w) => html`<tr${w.tooFew ? html` class="too-few"` : ''}>
<th scope="row"><time datetime="${w.week}">${w.week}</time></th>
<td>${w.tooFew ? t('leader.tooFew') : String(w.answers)}</td>
${MEASURES.map((m) => html`<td>${w.tooFew ? '–' : show(m, w)}</td>`)}
<td>${String(w.openCount)}</td>
</tr>`,
)}
<tr class="running">
<th scope="row"><time datetime="${pulse.running.week}">${t('leader.running', { week: pulse.running.week })}</time></th>
<td>${String(pulse.running.answers)}</td>
<td colspan="${MEASURES.length}">${t('leader.running.pending')}</td>
<td>${String(pulse.running.openCount)}</td>
</tr>
</tbody>
</table>
</div>`;

  const change = (m: Measure) => {
    const value = pulse.trend[m.key];
    if (value === null) return t('leader.trend.none');
    return m.kind === 'mean'
      ? f.signed.format(value)
      : t('leader.trend.points', { value: f.signed.format(Math.round(value * 100)) });
  };
  const trend = html`<section aria-labelledby="trend-heading">
<h2 id="trend-heading">${t('leader.trend.heading', { weeks: pulse.weeks })}</h2>
<div class="table-wrap" role="region" aria-labelledby="trend-heading" tabindex="0">
<table>
<thead><tr>
<th scope="col">${t('leader.trend.measure')}</th>
<th scope="col">${t('leader.trend.period', { weeks: pulse.weeks })}</th>
<th scope="col">${t('leader.trend.previous', { weeks: pulse.weeks })}</th>
<th scope="col">${t('leader.trend.change')}</th>
</tr></thead>
<tbody>
<tr><th scope="row">${t('leader.table.answers')}</th>
<td>${pulse.period.tooFew ? t('leader.tooFew') : String(pulse.period.answers)}</td>
<td>${pulse.previous.tooFew ? t('leader.tooFew') : String(pulse.previous.answers)}</td>
<td></td></tr>
${MEASURES.map(
  (m) => html`<tr><th scope="row">${t(m.label)}</th>
<td>${show(m, pulse.period)}</td><td>${show(m, pulse.previous)}</td><td>${change(m)}</td></tr>`,
)}
</tbody>
</table>
</div>
</section>`;

  const followUps = html`<section aria-labelledby="followups-heading">
<h2 id="followups-heading">${t('leader.followUps')}</h2>
<p>${t('leader.followUps.lead')}</p>
${
  pulse.followUps.length === 0
    ? html`<p>${t('leader.followUps.none')}</p>`
    : html`<ul class="followups">
${pulse.followUps.map(
  (u) => html`<li>
<dl>
<dt>${t('leader.followUps.contact')}</dt><dd>${u.contact}</dd>
<dt>${t('leader.followUps.received')}</dt><dd><time datetime="${u.createdAt}">${formatDateTime(new Date(u.createdAt), locale)}</time></dd>
${u.shiftId ? html`<dt>${t('leader.followUps.shift')}</dt><dd>${u.shiftId}</dd>` : ''}
${u.open ? html`<dt>${t('leader.followUps.kind')}</dt><dd>${t('leader.followUps.open')}</dd>` : ''}
${u.note ? html`<dt>${u.question ?? ''}</dt><dd class="note">${u.note}</dd>` : ''}
</dl>
</li>`,
)}
</ul>`
}
</section>`;

  const withNotes = pulse.series.filter((w) => w.notes.length > 0);
  const notes = html`<section aria-labelledby="notes-heading">
<h2 id="notes-heading">${t('leader.notes')}</h2>
${
  withNotes.length === 0
    ? html`<p>${t('leader.notes.none')}</p>`
    : withNotes.map(
        (w) => html`<h3>${t('leader.table.week')} ${weekLabel(w)}</h3>
<ul>${w.notes.map((n) => html`<li class="note">${n}</li>`)}</ul>`,
      )
}
</section>`;

  return layout(
    locale,
    t('leader.titleFor', { activity: title }),
    html`<p><a href="/leder/puls">${t('leader.back')}</a></p>
<p class="lead">${t('leader.intro', { min: pulse.minAnswers })}</p>
<p class="lead">${t('leader.intro.finished')}</p>
<p class="lead">${open ? t('leader.open.allowed', { min: pulse.minAnswers }) : t('leader.open.closed')}</p>
${weeksForm}
<div class="pulse">
<div class="charts">${charts}</div>
${table}
</div>
${followUps}
${trend}
${notes}`,
  );
}

const W = 320;
const H = 160;
const PAD = { top: 16, bottom: 24, left: 4, right: 4 };

/** One figure over the weeks as bars; weeks without a figure get a dashed stub. */
function chart(
  t: T,
  m: Measure,
  index: number,
  series: PulseWeek[],
  weekLabel: (w: PulseWeek) => string,
  say: (w: PulseWeek) => string,
) {
  const slot = (W - PAD.left - PAD.right) / Math.max(1, series.length);
  const barWidth = Math.max(2, slot * 0.7);
  const plot = H - PAD.top - PAD.bottom;
  const labelEvery = series.length <= 13 ? 1 : Math.ceil(series.length / 8);
  const id = `chart-${index}`;
  return html`<figure class="chart">
<figcaption id="${id}-title">${t(m.label)}</figcaption>
<svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">
<desc id="${id}-desc">${t('leader.chart.desc')}</desc>
<line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"></line>
${series.map((w, i) => {
  const x = PAD.left + i * slot + (slot - barWidth) / 2;
  const value = w[m.key];
  const label =
    i % labelEvery === 0
      ? html`<text class="label" x="${x + barWidth / 2}" y="${H - 8}">${weekLabel(w)}</text>`
      : '';
  if (value === null) {
    return html`<rect class="missing" x="${x}" y="${H - PAD.bottom - 6}" width="${barWidth}" height="6"><title>${w.week}: ${say(w)}</title></rect>${label}`;
  }
  const height = Math.max(1, (value / m.max) * plot);
  const top = H - PAD.bottom - height;
  // Values on the bars while they fit; the table always has them.
  const shown =
    series.length <= 13
      ? html`<text class="value" x="${x + barWidth / 2}" y="${Math.max(PAD.top + 10, top - 4)}">${say(w)}</text>`
      : '';
  return html`<rect class="bar" x="${x}" y="${top}" width="${barWidth}" height="${height}"><title>${w.week}: ${say(w)}</title></rect>${label}${shown}`;
})}
</svg>
</figure>`;
}
