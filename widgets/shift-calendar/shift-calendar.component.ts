import { html, nothing, type PropertyValues } from 'lit';
import { type ApiError, apiUrl, fetchActivities, fetchIcs } from '../../src/api/client.js';
import type { OutboxNotice } from '../../src/api/outbox.js';
import { cancelClaim, claimWrite, fetchShifts } from '../../src/api/shifts.js';
import { calendarDa } from '../../src/i18n/da/calendar.js';
import { signupDa } from '../../src/i18n/da/signup.js';
import { addMessages } from '../../src/i18n/index.js';
import { type ClaimData, ClaimInput, ClaimReceipt } from '../../src/schemas/claim.js';
import { Shift } from '../../src/schemas/shift.js';
import {
  addDays,
  dateKey,
  dateOf,
  isoWeek,
  type LocalDate,
  parseDateKey,
  startOfDay,
  weekday,
} from '../../src/time/calendar.js';
import {
  formatDate,
  formatDateTime,
  formatRange,
  type LocalDateTime,
  wallClock,
} from '../../src/time/copenhagen.js';
import { SamskabCancelEvent } from '../events/cancel.js';
import { SamskabClaimEvent } from '../events/claim.js';
import { parseEndpoint, parseId, parseLink } from '../internal/attributes.js';
import { importChecked } from '../internal/loader.js';
import { noPerson, type Person, PersonFormElement } from '../internal/person-form.component.js';
import type { Settled } from '../internal/samskab-element.js';
import { warnOnce } from '../internal/warn.js';
import { periodDays, shiftPeriod, type View } from './days.js';
import { styles } from './shift-calendar.styles.js';
import { ShiftNodes } from './shift-nodes.js';

const TAG = 'samskab-shift-calendar';
addMessages('da', signupDa);
addMessages('da', calendarDa);

const VIEWS: View[] = ['list', 'week', 'month'];
/** The person fields, in the order they appear and errors are listed. */
const FIELDS = [
  'name',
  'email',
  'phone',
  'ageBand',
  'guardianConsent',
  'consent',
  'loadCapHours',
] as const;
type Field = (typeof FIELDS)[number];
/** Chips a month cell shows before "+N flere". */
const MONTH_CHIPS = 3;

/** A shift as shown; feed items have no places and cannot be claimed. */
type Item = Shift & { readOnly?: boolean };

interface Values extends Person {
  loadCapHours: string;
}

const emptyValues = (): Values => ({ ...noPerson(), loadCapHours: '' });

/** The claim as the server takes it, from the values as typed. */
const claimInput = (v: Values) => ({
  ...v,
  ageBand: v.ageBand || undefined,
  loadCapHours: v.loadCapHours.trim() === '' ? undefined : Number(v.loadCapHours),
});

type Mode =
  | { kind: 'browse' }
  | { kind: 'form'; shift: Item; waitlist: boolean; raceLost?: boolean }
  | { kind: 'sending'; shift: Item; waitlist: boolean }
  | { kind: 'queued'; shift: Item }
  | { kind: 'done'; receipt: ClaimReceipt; late?: boolean };

type Load = { state: 'loading' } | { state: 'ready'; items: Item[] } | { state: 'failed' };

/** "1,5" in Danish, "1.5" in English; `toLocaleString` would build a formatter per call. */
const decimal = (n: number, locale: string) =>
  locale === 'da' ? String(n).replace('.', ',') : String(n);

/** Month and weekday names, made once per locale: a formatter costs about 100 µs to build. */
const nameFormats = new Map<string, Intl.DateTimeFormat>();
const nameFormat = (locale: string, part: 'month' | 'weekday') => {
  const key = `${locale}|${part}`;
  let format = nameFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'da' ? 'da-DK' : 'en-GB', {
      ...(part === 'month' ? { month: 'long', year: 'numeric' } : { weekday: 'long' }),
      timeZone: 'UTC',
    });
    nameFormats.set(key, format);
  }
  return format;
};

const itemDays = new WeakMap<Item, string>();
/** The Copenhagen day a shift starts on, `YYYY-MM-DD`; worked out once per shift. */
const dayOf = (s: Item) => {
  let key = itemDays.get(s);
  if (key === undefined) {
    key = dateKey(dateOf(new Date(s.start)));
    itemDays.set(s, key);
  }
  return key;
};

/** What a claim keeps in the outbox, to be shown even on a later visit. */
type ClaimContext = { shift: Item; values: Values };

/** Whether a shift has begun (or ended): it can no longer be claimed. */
const started = (s: Item) => Date.parse(s.start) <= Date.now();

/** Hours between two instants, to one decimal: the true length, DST included. */
const lengthHours = (s: Item) =>
  Math.round((Date.parse(s.end) - Date.parse(s.start)) / 360_000) / 10;

/**
 * @tag samskab-shift-calendar
 * @summary Open shifts in list, week or month view, in Copenhagen time; a
 * resident claims a place (or a waitlist place) with the sign-up form's fields
 * and gets a calendar file and a cancel link.
 *
 * @event samskab-claim - `SamskabClaimEvent` `{ shiftId, status: 'claimed' | 'waitlisted' | 'queued' }`; a queued claim fires again once delivered.
 * @event samskab-cancel - `SamskabCancelEvent` `{ shiftId }` when the resident cancels from the widget.
 *
 * @csspart heading - The calendar's heading.
 * @csspart toolbar - The view switch and period buttons.
 * @csspart grid - The week or month grid.
 * @csspart day - Each day cell of the grid.
 * @csspart list - The list of shifts (list view and a chosen day).
 * @csspart shift - Each shift in a list.
 * @csspart places - A shift's "2 af 5 pladser ledige" line.
 * @csspart form - The claim form.
 * @csspart field - Each field's wrapper.
 * @csspart label - Each field's label or legend.
 * @csspart input - Each text input.
 * @csspart error - A field's error message.
 * @csspart button - The buttons.
 * @csspart message - The confirmation, queued or race message.
 * @csspart status - The live region that announces changes.
 *
 * @cssproperty --samskab-font-family - Font of the widget.
 * @cssproperty --samskab-font-size - Base font size (at least 16px).
 * @cssproperty --samskab-color-text - Text colour.
 * @cssproperty --samskab-color-muted - Hints and days outside the month.
 * @cssproperty --samskab-color-background - Background colour.
 * @cssproperty --samskab-color-primary - Buttons, links, today and chips.
 * @cssproperty --samskab-color-on-primary - Text on primary buttons.
 * @cssproperty --samskab-color-border - Field and grid borders.
 * @cssproperty --samskab-color-error - Errors and full shifts.
 * @cssproperty --samskab-color-success - The confirmation accent.
 * @cssproperty --samskab-color-focus - Focus outline.
 * @cssproperty --samskab-radius - Corner radius.
 * @cssproperty --samskab-spacing - Space between blocks.
 * @cssproperty --samskab-max-width - Largest width of the widget (default 60em).
 */
export class SamskabShiftCalendar extends PersonFormElement<Values, Field> {
  static override styles = styles;

  static override properties = {
    ...PersonFormElement.properties,
    endpoint: {},
    activity: {},
    view: { reflect: true },
    date: {},
    ics: {},
    privacyUrl: { attribute: 'privacy-url' },
    load: { state: true },
    anchor: { state: true },
    focusDay: { state: true },
    openDay: { state: true },
    mode: { state: true },
    announcement: { state: true },
    lostActivity: { state: true },
  };

  /** Origin of the Samskab server; defaults to where `samskab.js` was loaded from. */
  endpoint: string | null = null;
  /** The activity whose shifts to show; without it (or when the server has no such activity), every activity's. */
  activity: string | null = null;
  /** `list`, `week` or `month`; without it, `list` on narrow screens and `month` otherwise. */
  view: string | null = null;
  /** The first day to show, `YYYY-MM-DD` in Copenhagen; today by default. */
  date: string | null = null;
  /** An iCalendar feed URL to show instead of the server's shifts (read-only). */
  ics: string | null = null;
  /** Link to the municipality's privacy notice, shown beside the consent. */
  privacyUrl: string | null = null;

  /**
   * The shifts shown: the period's, as loaded. Set it to show others, such as
   * `[...calendar.shifts, newShift]`: only the days that changed are drawn
   * again, and the next load (another period or view, or a refresh when the
   * page is shown again) replaces them with the server's. A shift that is not
   * one is left out with a warning.
   */
  get shifts(): Shift[] {
    return this.load.state === 'ready' ? this.load.items : [];
  }

  set shifts(value: Shift[]) {
    if (!Array.isArray(value)) {
      warnOnce(`<${TAG}> shifts must be an array of shifts; it is ignored.`);
      return;
    }
    const before = new Set<Item>(this.shifts);
    const changed = new Set<string>();
    const items: Item[] = [];
    for (const s of value) {
      // What is already shown was checked when it came: only new objects are.
      if (before.delete(s)) {
        items.push(s);
        continue;
      }
      const checked = Shift.safeParse(s);
      if (!checked.success) {
        warnOnce(`<${TAG}> shifts holds something that is not a shift; it is left out.`);
        continue;
      }
      items.push(checked.data);
      changed.add(dayOf(checked.data));
    }
    for (const s of before) changed.add(dayOf(s));
    // Only the days that changed are sorted again: the rest keep their arrays, so their DOM stays.
    const days = new Map<string, Item[]>([...changed].map((key) => [key, []]));
    if (days.size) for (const s of items) days.get(dayOf(s))?.push(s);
    for (const [key, list] of days) {
      if (list.length)
        this.#byDay.set(
          key,
          list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
        );
      else this.#byDay.delete(key);
    }
    this.#controller?.abort();
    this.#bucketed = true;
    this.load = { state: 'ready', items };
  }

  private load: Load = { state: 'loading' };
  private anchor: LocalDate = dateOf(new Date());
  private focusDay = '';
  private openDay: string | null = null;
  private mode: Mode = { kind: 'browse' };
  private announcement = '';
  /** The `activity` attribute's id when the server has no such activity: every activity's shifts show instead. */
  private lostActivity: string | undefined;
  protected override values = emptyValues();
  protected readonly fields = FIELDS;

  #byDay = new Map<string, Item[]>();
  /** Set by the `shifts` setter when it has already sorted the new items into `#byDay`. */
  #bucketed = false;
  /** Day names by `locale|YYYY-MM-DD`: a list of 1,000 shifts has few distinct days. */
  #dayNames = new Map<string, string>();
  /** The shift lists' DOM, built by hand: see shift-nodes.ts. */
  readonly #nodes = new ShiftNodes((s) => this.#startClaim(s));
  #controller: AbortController | undefined;
  readonly #refresh = () => {
    if (document.visibilityState === 'visible' && this.load.state !== 'loading')
      void this.#loadShifts(true);
  };

  protected check(v: Values) {
    return ClaimInput.safeParse(claimInput(v));
  }

  get #server() {
    return parseEndpoint(this.endpoint, TAG);
  }

  protected override owns(url: string) {
    return url.startsWith(apiUrl(this.#server, 'shifts/'));
  }

  get #currentView(): View {
    if (this.view && VIEWS.includes(this.view as View)) return this.view as View;
    if (this.view)
      warnOnce(`<${TAG}> view="${this.view}" is not list, week or month; using the default.`);
    return matchMedia('(max-width: 40em)').matches ? 'list' : 'month';
  }

  override connectedCallback() {
    super.connectedCallback();
    // Places change while the resident is elsewhere: count again when they come back.
    addEventListener('focus', this.#refresh);
    document.addEventListener('visibilitychange', this.#refresh);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#controller?.abort();
    removeEventListener('focus', this.#refresh);
    document.removeEventListener('visibilitychange', this.#refresh);
  }

  protected override willUpdate(changed: PropertyValues) {
    if (!this.hasUpdated || changed.has('date')) {
      const day = parseDateKey(this.date);
      if (this.date && !day)
        warnOnce(`<${TAG}> date="${this.date}" is not YYYY-MM-DD; using today.`);
      this.anchor = day ?? dateOf(new Date());
      this.focusDay = dateKey(this.anchor);
    }
    if (
      !this.hasUpdated ||
      ['endpoint', 'activity', 'view', 'date', 'ics'].some((p) => changed.has(p))
    ) {
      void this.#loadShifts(false);
    } else if (changed.has('anchor')) {
      // Moving through the grid keeps it on screen (and focused) while the next period loads.
      void this.#loadShifts(true);
    }
    if (changed.has('load') && !this.#bucketed) {
      this.#byDay = new Map();
      if (this.load.state === 'ready') {
        for (const item of this.load.items) {
          const key = dayOf(item);
          const list = this.#byDay.get(key);
          if (list) list.push(item);
          else this.#byDay.set(key, [item]);
        }
      }
    }
    this.#bucketed = false;
  }

  #period() {
    const days = periodDays(this.#currentView, this.anchor);
    return { days, from: startOfDay(days[0]!), to: startOfDay(addDays(days[days.length - 1]!, 1)) };
  }

  /** Loads the period's shifts; `quiet` keeps showing the old ones meanwhile. */
  async #loadShifts(quiet: boolean) {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (!quiet) this.load = { state: 'loading' };
    const { from, to } = this.#period();
    try {
      const items = this.ics
        ? await this.#fetchFeed(from, to, controller.signal)
        : await this.#fetchApi(from, to, controller.signal);
      if (!controller.signal.aborted) this.load = { state: 'ready', items };
    } catch {
      if (!controller.signal.aborted && !quiet) this.load = { state: 'failed' };
    }
  }

  async #fetchApi(from: Date, to: Date, signal: AbortSignal): Promise<Item[]> {
    const named = parseId(this.activity, TAG, 'activity');
    const activity = named === this.lostActivity ? undefined : named;
    const items = await fetchShifts(this.#server, this.locale, { from, to, activity }, signal);
    // No shifts for the named activity: a typo in the CMS markup shows nothing at all, so
    // check the name, and fall back to every activity's shifts (with a note) if the server lacks it.
    if (activity && items.length === 0) {
      const list = await fetchActivities(this.#server, this.locale, signal);
      if (!list.some((a) => a.id === activity)) {
        warnOnce(`<${TAG}> activity="${activity}" is unknown; showing every activity's shifts.`);
        this.lostActivity = activity;
        return this.#fetchApi(from, to, signal);
      }
    }
    return items;
  }

  async #fetchFeed(from: Date, to: Date, signal: AbortSignal): Promise<Item[]> {
    const url = parseLink(this.ics, TAG, 'ics');
    if (!url) throw new Error('ics');
    // A URL import (see samskab-element.ts): ical.js is fetched only by pages that use a feed.
    const chunk = new URL('./samskab-ical.js', import.meta.url).href;
    const [parser, text] = await Promise.all([
      importChecked<typeof import('./ical.js')>(chunk),
      fetchIcs(url, this.locale, signal),
    ]);
    return parser.parseIcs(text, from, to).map((e) => ({
      ...e,
      activityId: '',
      capacity: 0,
      taken: 0,
      waiting: 0,
      readOnly: true,
    }));
  }

  // --- claiming -----------------------------------------------------------

  #startClaim(shift: Item) {
    if (started(shift)) return;
    this.mode = { kind: 'form', shift, waitlist: shift.taken >= shift.capacity };
    // A second claim starts from the answers given for the first, without their errors.
    this.resetPerson(this.values);
    void this.focusOn('.form-heading');
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.mode.kind !== 'form') return;
    const { shift, waitlist } = this.mode;
    const input = this.validate();
    if (!input) {
      await this.showErrors();
      return;
    }
    this.mode = { kind: 'sending', shift, waitlist };
    this.announcement = this.t('calendar.sending');
    let notice: OutboxNotice;
    try {
      notice = await this.send(
        claimWrite(this.#server, shift.id, { ...(input as ClaimData), waitlist }),
        { shift, values: this.values } satisfies ClaimContext,
      );
    } catch {
      this.mode = { kind: 'form', shift, waitlist };
      this.formError = this.t('error.server');
      await this.showErrors();
      return;
    }
    if (notice.kind === 'waiting') {
      this.mode = { kind: 'queued', shift };
      this.announcement = this.t('calendar.queued.heading');
      this.dispatchEvent(new SamskabClaimEvent(shift.id, 'queued'));
      await this.focusOn('.message');
    }
  }

  protected override async settled(notice: Settled, late: boolean) {
    void this.#loadShifts(true);
    if (notice.kind === 'delivered') {
      const receipt = ClaimReceipt.safeParse(notice.value);
      if (!receipt.success) return;
      // Sent after waiting, perhaps on an earlier visit: say so above the receipt.
      late ||= this.mode.kind === 'queued';
      this.mode = { kind: 'done', receipt: receipt.data, late };
      this.values = emptyValues();
      const heading = this.t(
        receipt.data.status === 'claimed'
          ? 'calendar.claimed.heading'
          : 'calendar.waitlisted.heading',
      );
      this.announcement = late ? `${this.t('calendar.delivered')} ${heading}` : heading;
      this.dispatchEvent(new SamskabClaimEvent(receipt.data.shift.id, receipt.data.status));
      await this.focusOn('.message');
      return;
    }
    const context = notice.context as ClaimContext | undefined;
    if (!context) return;
    const { shift } = context;
    this.values = context.values;
    const first = notice.errors[0];
    if (first?.code === 'error.expired') {
      this.mode = { kind: 'form', shift, waitlist: false };
      this.formError = this.t('calendar.expired');
      this.announcement = this.formError;
      await this.showErrors();
      return;
    }
    if (first?.code === 'error.shift.full') {
      // Lost the race for the last place: offer the waitlist, with the same answers.
      this.mode = { kind: 'form', shift, waitlist: true, raceLost: true };
      this.announcement = this.t('calendar.raceLost');
      await this.focusOn('.race');
      return;
    }
    this.mode = { kind: 'form', shift, waitlist: false };
    const general = this.serverErrors(notice.errors);
    this.formError =
      general.join(' ') || (notice.errors.length === 0 ? this.t('error.server') : undefined);
    this.announcement = first?.message ?? this.t('error.server');
    await this.showErrors();
  }

  async #cancelClaim(receipt: ClaimReceipt) {
    try {
      await cancelClaim(this.#server, receipt.cancelToken, this.locale);
    } catch (error) {
      // The server's own reason (a passed deadline, say), or a general one; no status is no connection.
      const status = (error as ApiError).status;
      const message = status
        ? ((error as ApiError).errors[0]?.message ?? this.t('error.server'))
        : this.t('error.network');
      this.formError = message;
      this.announcement = message;
      this.requestUpdate();
      return;
    }
    this.formError = undefined;
    this.announcement = this.t('calendar.cancelled');
    this.dispatchEvent(new SamskabCancelEvent(receipt.shift.id));
    this.#back();
    void this.#loadShifts(true);
  }

  #back() {
    const from =
      this.mode.kind === 'done'
        ? this.mode.receipt.shift.id
        : 'shift' in this.mode
          ? this.mode.shift.id
          : '';
    this.mode = { kind: 'browse' };
    this.formError = undefined;
    // Back to the shift's button, or to the day when the shift is no longer listed.
    void this.updateComplete.then(() => {
      const root = this.renderRoot;
      (
        root.querySelector<HTMLElement>(`[data-shift="${from}"]`) ??
        root.querySelector<HTMLElement>(`[data-day="${this.focusDay}"]`)
      )?.focus();
    });
  }

  // --- the grid's keyboard (WAI-ARIA grid pattern) ------------------------

  #onGridKey(event: KeyboardEvent) {
    const current = parseDateKey(this.focusDay) ?? this.anchor;
    const view = this.#currentView;
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -7,
      ArrowDown: 7,
    };
    let next: LocalDate | undefined;
    if (event.key in step) next = addDays(current, step[event.key]!);
    else if (event.key === 'Home')
      next = event.ctrlKey ? this.#period().days[0] : addDays(current, -weekday(current));
    else if (event.key === 'End')
      next = event.ctrlKey ? this.#period().days.at(-1) : addDays(current, 6 - weekday(current));
    else if (event.key === 'PageUp' || event.key === 'PageDown') {
      const delta = event.key === 'PageUp' ? -1 : 1;
      next = view === 'month' ? addDays(current, delta * 28) : addDays(current, delta * 7);
      if (view === 'month') {
        const moved = shiftPeriod('month', current, delta);
        next = { ...moved, day: Math.min(current.day, 28) };
      }
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#openDayPanel(this.focusDay);
      return;
    } else return;
    event.preventDefault();
    if (!next) return;
    this.#moveTo(next);
  }

  #moveTo(day: LocalDate) {
    this.focusDay = dateKey(day);
    const inPeriod = this.#period().days.some((d) => dateKey(d) === this.focusDay);
    if (!inPeriod || (this.#currentView === 'month' && day.month !== this.anchor.month)) {
      this.anchor = this.#currentView === 'month' ? { ...day, day: 1 } : day;
    }
    void this.focusOn(`[data-day="${this.focusDay}"]`);
  }

  #openDayPanel(key: string) {
    this.focusDay = key;
    this.openDay = key;
    void this.focusOn('.day-heading');
  }

  #step(delta: number) {
    this.anchor = shiftPeriod(this.#currentView, this.anchor, delta);
    this.focusDay = dateKey(
      this.#currentView === 'month'
        ? { ...this.anchor, day: 1 }
        : addDays(this.anchor, -weekday(this.anchor)),
    );
    this.openDay = null;
  }

  #setView(view: View) {
    this.view = view;
    this.openDay = null;
  }

  // --- rendering -----------------------------------------------------------

  override render() {
    const m = this.mode;
    return html`
      ${
        m.kind === 'form' || m.kind === 'sending'
          ? this.#renderForm(
              m.shift,
              m.waitlist,
              m.kind === 'sending',
              m.kind === 'form' && !!m.raceLost,
            )
          : m.kind === 'done'
            ? this.#renderDone(m.receipt, m.late)
            : m.kind === 'queued'
              ? this.#renderQueued()
              : this.#renderCalendar()
      }
      <div part="status" class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    `;
  }

  #renderCalendar() {
    const view = this.#currentView;
    const { days } = this.#period();
    const monthName = nameFormat(this.locale, 'month').format(
      Date.UTC(this.anchor.year, this.anchor.month - 1, 1),
    );
    const caption =
      view === 'month'
        ? monthName
        : view === 'week'
          ? `${this.t('calendar.week', { week: isoWeek(days[0]!).week })}: ${formatDate(startOfDay(days[0]!), this.locale)} – ${formatDate(startOfDay(days[6]!), this.locale)}`
          : `${formatDate(startOfDay(days[0]!), this.locale)} – ${formatDate(startOfDay(days.at(-1)!), this.locale)}`;
    return html`
      <section aria-labelledby="heading">
        <h2 part="heading" id="heading">${this.t('calendar.heading')}</h2>
        <div part="toolbar" class="toolbar">
          <div role="group" aria-label=${this.t('calendar.view')} class="views">
            ${VIEWS.map(
              (v) =>
                html`<button part="button" type="button" class="secondary" aria-pressed=${v === view ? 'true' : 'false'} @click=${() => this.#setView(v)}>
                  ${this.t(`calendar.view.${v}`)}
                </button>`,
            )}
          </div>
          <div class="period">
            <button part="button" type="button" class="secondary" aria-label=${this.t('calendar.previous')} @click=${() => this.#step(-1)}>‹</button>
            <p id="period" class="caption" aria-live="polite">${caption}</p>
            <button part="button" type="button" class="secondary" aria-label=${this.t('calendar.next')} @click=${() => this.#step(1)}>›</button>
          </div>
        </div>
        ${this.ics ? html`<p class="hint">${this.t('calendar.readOnly')}</p>` : nothing}
        ${this.lostActivity ? html`<p class="hint">${this.t('calendar.activity.unknown')}</p>` : nothing}
        ${this.formError ? html`<p class="error" part="error" role="alert">${this.formError}</p>` : nothing}
        ${this.#renderBody(view, days)}
      </section>
    `;
  }

  #renderBody(view: View, days: LocalDate[]) {
    if (this.load.state === 'loading')
      return html`<p class="hint">${this.t('calendar.loading')}</p>`;
    if (this.load.state === 'failed') {
      return html`<p class="error" part="error">${this.t('calendar.failed')}</p>
        <button part="button" class="secondary" type="button" @click=${() => this.#loadShifts(false)}>
          ${this.t('signup.activity.retry')}
        </button>`;
    }
    if (view === 'list') {
      const withShifts = days.filter((d) => this.#byDay.has(dateKey(d)));
      if (withShifts.length === 0) return html`<p>${this.t('calendar.empty')}</p>`;
      const key = (d: LocalDate) => dateKey(d);
      return html`<div part="list" class="list">
        ${withShifts.map(
          (d) => html`<h3 class="day-title">${this.#dayName(d)}</h3>
            ${this.#renderShifts(key(d), this.#byDay.get(key(d))!)}`,
        )}
      </div>`;
    }
    return html`${this.#renderGrid(view, days)} ${this.openDay ? this.#renderDayPanel(this.openDay) : nothing}`;
  }

  #renderGrid(view: View, days: LocalDate[]) {
    const weeks: LocalDate[][] = [];
    for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
    const focusable = days.some((d) => dateKey(d) === this.focusDay)
      ? this.focusDay
      : dateKey(days[0]!);
    const today = dateKey(dateOf(new Date()));
    const names = nameFormat(this.locale, 'weekday');
    return html`
      <p id="grid-help" class="visually-hidden">${this.t('calendar.gridHelp')}</p>
      <div part="grid" role="grid" class="grid ${view}" aria-labelledby="period" aria-describedby="grid-help" @keydown=${this.#onGridKey}>
        <div role="row" class="row">
          ${weeks[0]!.map((d) => {
            const name = names.format(Date.UTC(d.year, d.month - 1, d.day));
            return html`<div role="columnheader" class="weekday"><span aria-hidden="true">${name.slice(0, 3)}</span><span class="visually-hidden">${name}</span></div>`;
          })}
        </div>
        ${weeks.map(
          (week) => html`<div role="row" class="row">
            ${week.map((d) => this.#renderCell(d, view, focusable, today))}
          </div>`,
        )}
      </div>
    `;
  }

  #renderCell(d: LocalDate, view: View, focusable: string, today: string) {
    const key = dateKey(d);
    const items = this.#byDay.get(key) ?? [];
    const shown = view === 'month' ? items.slice(0, MONTH_CHIPS) : items;
    const count =
      items.length === 1
        ? this.t('calendar.oneShift')
        : this.t('calendar.shifts', { count: items.length });
    // Places left over the day's shifts; a feed's have none to count.
    const open = items.filter((s) => !s.readOnly);
    const left = open.reduce((n, s) => n + Math.max(0, s.capacity - s.taken), 0);
    const places = !open.length
      ? ''
      : left
        ? this.t(left === 1 ? 'calendar.dayLeftOne' : 'calendar.dayLeft', { left })
        : this.t('calendar.full');
    const outside = view === 'month' && d.month !== this.anchor.month;
    return html`<div
      part="day"
      role="gridcell"
      class="cell${outside ? ' outside' : ''}${key === today ? ' today' : ''}"
      data-day=${key}
      tabindex=${key === focusable ? 0 : -1}
      aria-selected=${this.openDay === key ? 'true' : 'false'}
      @click=${() => this.#openDayPanel(key)}
    >
      <span class="visually-hidden">${this.#dayName(d)}: ${count}${places && `, ${places}`}</span>
      <span class="num" aria-hidden="true">${d.day}</span>
      ${
        // Where chips would be cut to "15.0…", these say it in words (see the styles).
        items.length
          ? html`<span class="tally" aria-hidden="true"
              ><span class="count">${count}</span> <span class="free${left ? '' : ' full'}">${places}</span></span
            >`
          : nothing
      }
      ${shown.map(
        (
          s,
        ) => html`<span class="chip${!s.readOnly && s.taken >= s.capacity ? ' full' : ''}" aria-hidden="true"
          >${this.#time(wallClock(new Date(s.start)))} ${s.title}</span
        >`,
      )}
      ${items.length > shown.length ? html`<span class="more" aria-hidden="true">${this.t('calendar.more', { count: items.length - shown.length })}</span>` : nothing}
    </div>`;
  }

  #renderDayPanel(key: string) {
    const day = parseDateKey(key)!;
    const items = this.#byDay.get(key) ?? [];
    return html`<section class="day-panel" aria-labelledby="day-heading" @keydown=${(
      e: KeyboardEvent,
    ) => {
      if (e.key === 'Escape') {
        this.openDay = null;
        void this.focusOn(`[data-day="${key}"]`);
      }
    }}>
      <h3 id="day-heading" class="day-heading" tabindex="-1">
        ${this.t('calendar.dayShifts', { day: formatDate(startOfDay(day), this.locale) })}
      </h3>
      ${items.length === 0 ? html`<p>${this.t('calendar.empty')}</p>` : this.#renderShifts(key, items)}
    </section>`;
  }

  /** "tirsdag 1. januar", as `formatDate` words it, from a cache: its Intl calls are per day, not per cell or shift. */
  #dayName(l: LocalDate) {
    const key = `${this.locale}|${l.year}-${l.month}-${l.day}`;
    let text = this.#dayNames.get(key);
    if (text === undefined) {
      text = formatDate(startOfDay(l), this.locale);
      this.#dayNames.set(key, text);
    }
    return text;
  }

  /** "17.00" / "17:00", as `formatTime` words it, from a wall clock rather than an Intl call. */
  #time(l: LocalDateTime) {
    const sep = this.locale === 'da' ? '.' : ':';
    return `${String(l.hour).padStart(2, '0')}${sep}${String(l.minute).padStart(2, '0')}`;
  }

  /** The same text as `formatRange`, without its six Intl calls per shift. */
  #rangeText(s: Item) {
    const a = wallClock(new Date(s.start));
    const b = wallClock(new Date(s.end));
    const at = this.locale === 'da' ? 'kl. ' : '';
    const from = `${this.#dayName(a)}, ${at}${this.#time(a)}`;
    return this.#dayName(a) === this.#dayName(b)
      ? `${from}–${this.#time(b)}`
      : `${from}–${this.#dayName(b)}, ${at}${this.#time(b)}`;
  }

  /** A day's shifts as a list; its DOM is kept per day and per shift (see shift-nodes.ts). */
  #renderShifts(day: string, items: Item[]) {
    return this.#nodes.list(day, items, this.locale, (s, begun) => {
      const left = Math.max(0, s.capacity - s.taken);
      return {
        when: `${this.#rangeText(s)} (${this.t('calendar.hours', { hours: decimal(lengthHours(s), this.locale) })})`,
        places:
          (left === 0
            ? this.t('calendar.full')
            : this.t('calendar.placesLeft', { left, capacity: s.capacity })) +
          (s.waiting > 0 ? ` · ${this.t('calendar.waiting', { count: s.waiting })}` : ''),
        full: left === 0,
        // Begun or over: nothing to claim, and said in words rather than by a missing button.
        action: begun
          ? { past: this.t('calendar.past') }
          : { label: this.t(left === 0 ? 'calendar.waitlist' : 'calendar.claim') },
      };
    });
  }

  #renderForm(shift: Item, waitlist: boolean, sending: boolean, raceLost: boolean) {
    const when = formatRange(new Date(shift.start), new Date(shift.end), this.locale);
    return html`<form part="form" novalidate aria-labelledby="form-heading" @submit=${this.#onSubmit}
      @input=${this.onInput} @focusout=${this.onBlur}>
      <h2 part="heading" id="form-heading" class="form-heading" tabindex="-1">
        ${this.t(waitlist ? 'calendar.form.waitlistHeading' : 'calendar.form.heading', { title: shift.title })}
      </h2>
      <p>${when}${shift.location ? html`<br />${shift.location}` : nothing}</p>
      ${raceLost ? html`<p part="message" class="message race" tabindex="-1">${this.t('calendar.raceLost')}</p>` : nothing}
      <p class="hint">${this.t('signup.intro')}</p>
      ${this.renderSummary(
        (content) =>
          html`<div part="error" class="summary" tabindex="-1" aria-labelledby="summary-heading">${content}</div>`,
      )} ${this.renderContact()} ${this.renderAge()}
      ${this.renderText('loadCapHours', 'calendar.loadCap', 'off', false, 'text', 'calendar.loadCap.hint')}
      ${this.renderConsent(parseLink(this.privacyUrl, TAG, 'privacy-url'))}
      <div class="actions">
        <button part="button" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${this.t(waitlist ? 'calendar.submitWaitlist' : 'calendar.submit')}
        </button>
        <button part="button" type="button" class="secondary" @click=${this.#back}>${this.t('calendar.back')}</button>
      </div>
    </form>`;
  }

  #renderQueued() {
    return html`<div part="message" class="message queued" tabindex="-1" aria-labelledby="message-heading">
      <h2 id="message-heading">${this.t('calendar.queued.heading')}</h2>
      <p>${this.t('calendar.queued.body')}</p>
      <button part="button" type="button" class="secondary" @click=${this.#back}>${this.t('calendar.back')}</button>
    </div>`;
  }

  #renderDone(r: ClaimReceipt, late?: boolean) {
    const when = formatRange(new Date(r.shift.start), new Date(r.shift.end), this.locale);
    const claimed = r.status === 'claimed';
    const lang = this.locale === 'en' ? '?lang=en' : '';
    return html`<div part="message" class="message" tabindex="-1" aria-labelledby="message-heading">
      ${late ? html`<p>${this.t('calendar.delivered')}</p>` : nothing}
      <h2 id="message-heading">${this.t(claimed ? 'calendar.claimed.heading' : 'calendar.waitlisted.heading')}</h2>
      <p>
        ${claimed ? this.t('calendar.claimed.body', { when }) : this.t('calendar.waitlisted.body', { when, position: r.position ?? 1 })}
      </p>
      ${
        r.overCap && r.loadCapHours !== null
          ? html`<p class="warning">${this.t('calendar.overCap', { hours: decimal(r.weekHours, this.locale), cap: r.loadCapHours })}</p>`
          : nothing
      }
      <p>
        <a href=${apiUrl(this.#server, `claims/${r.cancelToken}/shift.ics`)} download="vagt.ics">${this.t('calendar.addToCalendar')}</a>
      </p>
      <p>
        <a href=${new URL(`/afmeld/${r.cancelToken}${lang}`, this.#server).href} target="_blank" rel="noopener"
          >${this.t('calendar.cancelLink')} <span class="visually-hidden">${this.t('signup.newWindow')}</span></a
        ><br /><span class="hint">${this.t('calendar.cancelBefore', { deadline: formatDateTime(new Date(r.cancelBefore), this.locale) })}</span>
      </p>
      ${this.formError ? html`<p class="error" part="error" role="alert">${this.formError}</p>` : nothing}
      <div class="actions">
        <button part="button" type="button" class="secondary" @click=${() => this.#cancelClaim(r)}>${this.t('calendar.cancel')}</button>
        <button part="button" type="button" class="secondary" @click=${this.#back}>${this.t('calendar.back')}</button>
      </div>
    </div>`;
  }
}
