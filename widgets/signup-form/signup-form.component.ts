import { html, nothing, type PropertyValues } from 'lit';
import { apiUrl, fetchActivities } from '../../src/api/client.js';
import { newKey, type OutboxNotice, pageOutbox } from '../../src/api/outbox.js';
import { signupDa } from '../../src/i18n/da/signup.js';
import { addMessages, isMessageKey, type MessageKey } from '../../src/i18n/index.js';
import type { Activity } from '../../src/schemas/activity.js';
import type { ApiIssue } from '../../src/schemas/common.js';
import { type AgeBand, isMinor, SignupInput } from '../../src/schemas/signup.js';
import { SamskabErrorEvent } from '../events/error.js';
import { SamskabSubmitEvent } from '../events/submit.js';
import { parseEndpoint, parseId, parseLink } from '../internal/attributes.js';
import { SamskabElement } from '../internal/samskab-element.js';
import { styles } from './signup-form.styles.js';

const TAG = 'samskab-signup-form';
addMessages('da', signupDa);
const AGE_BANDS: AgeBand[] = ['under-15', '15-17', '18-plus'];

/** The fields a resident fills in, in the order they appear (and errors are listed). */
const FIELDS = [
  'activityId',
  'name',
  'email',
  'phone',
  'help',
  'ageBand',
  'guardianConsent',
  'consent',
] as const;
type Field = (typeof FIELDS)[number];

interface Values {
  activityId: string;
  name: string;
  email: string;
  phone: string;
  help: string;
  ageBand: AgeBand | '';
  guardianConsent: boolean;
  consent: boolean;
  website: string;
}

const emptyValues = (): Values => ({
  activityId: '',
  name: '',
  email: '',
  phone: '',
  help: '',
  ageBand: '',
  guardianConsent: false,
  consent: false,
  website: '',
});

type Phase = 'form' | 'sending' | 'sent' | 'queued';
type Activities = { state: 'loading' } | { state: 'ready'; list: Activity[] } | { state: 'failed' };

/**
 * @tag samskab-signup-form
 * @summary A volunteer sign-up form that keeps a sign-up it cannot send yet
 * and sends it, once, when the connection returns.
 *
 * @event samskab-submit - `SamskabSubmitEvent` `{ id, status: 'sent' | 'queued' }`; fires again with `'sent'` when a queued sign-up is delivered.
 * @event samskab-error - `SamskabErrorEvent` `{ code, message }` when activities cannot load or the server refuses the sign-up.
 *
 * @csspart form - The form element.
 * @csspart heading - The form's heading.
 * @csspart activity - The chosen activity's description and core idea.
 * @csspart field - Each field's wrapper.
 * @csspart label - Each field's label or legend.
 * @csspart input - Each text input, select and textarea.
 * @csspart error - A field's error message.
 * @csspart summary - The error summary shown after a failed submit.
 * @csspart button - The buttons.
 * @csspart message - The panel shown after sending or queueing.
 * @csspart status - The live region that announces progress.
 *
 * @cssproperty --samskab-font-family - Font of the widget (default: the system UI font).
 * @cssproperty --samskab-font-size - Base font size (default: at least 16px).
 * @cssproperty --samskab-color-text - Text colour.
 * @cssproperty --samskab-color-muted - Hint text colour.
 * @cssproperty --samskab-color-background - Background colour.
 * @cssproperty --samskab-color-primary - Buttons and links.
 * @cssproperty --samskab-color-on-primary - Text on primary buttons.
 * @cssproperty --samskab-color-border - Field borders.
 * @cssproperty --samskab-color-error - Error text and marks.
 * @cssproperty --samskab-color-success - Success panel accent.
 * @cssproperty --samskab-color-focus - Focus outline.
 * @cssproperty --samskab-radius - Corner radius.
 * @cssproperty --samskab-spacing - Space between fields.
 * @cssproperty --samskab-max-width - Largest width of the widget.
 */
export class SamskabSignupForm extends SamskabElement {
  static override styles = styles;

  // `static properties` rather than decorators: the decorator helpers cost
  // bytes in a bundle with a 20 KB budget.
  static override properties = {
    ...SamskabElement.properties,
    endpoint: {},
    activity: {},
    privacyUrl: { attribute: 'privacy-url' },
    phase: { state: true },
    activities: { state: true },
    values: { state: true },
    errors: { state: true },
    formError: { state: true },
    showSummary: { state: true },
    announcement: { state: true },
    persisted: { state: true },
  };

  /** Origin of the Samskab server; defaults to where `samskab.js` was loaded from. */
  endpoint: string | null = null;

  /** The activity id to sign up for; without it the resident chooses among the server's activities. */
  activity: string | null = null;

  /** Link to the municipality's privacy notice, shown beside the consent. */
  privacyUrl: string | null = null;

  private phase: Phase = 'form';
  private activities: Activities = { state: 'loading' };
  private values: Values = emptyValues();
  private errors: Partial<Record<Field, MessageKey>> = {};
  private formError: string | undefined;
  private showSummary = false;
  private announcement = '';
  /** Whether a queued sign-up is in IndexedDB, or only in this page's memory. */
  private persisted = true;

  /** Fields the resident has left, so errors appear on blur rather than while typing. */
  private touched = new Set<Field>();
  /** Submissions from this element still waiting in the outbox. */
  private waiting = new Set<string>();
  private lastSubmitted: Values | undefined;
  private loadController: AbortController | undefined;
  private unsubscribe: (() => void) | undefined;

  private get server() {
    return parseEndpoint(this.endpoint, TAG);
  }

  private get fixedActivity() {
    return parseId(this.activity, TAG, 'activity');
  }

  override connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = pageOutbox().subscribe((notice) => this.onNotice(notice));
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.loadController?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // `!hasUpdated`: changes made while an English page waits for its messages are not kept.
    if (!this.hasUpdated || changed.has('endpoint') || changed.has('activity')) {
      this.values = { ...this.values, activityId: this.fixedActivity ?? '' };
      void this.loadActivities();
    }
  }

  private async loadActivities() {
    this.loadController?.abort();
    const controller = new AbortController();
    this.loadController = controller;
    this.activities = { state: 'loading' };
    try {
      const list = await fetchActivities(this.server, this.locale, controller.signal);
      if (!controller.signal.aborted) this.activities = { state: 'ready', list };
    } catch {
      if (controller.signal.aborted) return;
      this.activities = { state: 'failed' };
      // With a fixed activity the form still works (and queues); without one it cannot.
      if (!this.fixedActivity) {
        const message = this.t('signup.activity.failed');
        this.dispatchEvent(new SamskabErrorEvent('error.network', message));
      }
    }
  }

  /** Zod issues for the current values, keyed by the first field they concern. */
  private validate(): Partial<Record<Field, MessageKey>> {
    const result = SignupInput.safeParse({
      ...this.values,
      ageBand: this.values.ageBand || undefined,
      activityId: this.values.activityId || undefined,
    });
    const errors: Partial<Record<Field, MessageKey>> = {};
    for (const issue of result.error?.issues ?? []) {
      const field = issue.path[0] as Field;
      if (!FIELDS.includes(field) || errors[field]) continue;
      errors[field] =
        field === 'activityId'
          ? 'error.activity.required'
          : isMessageKey(issue.message)
            ? issue.message
            : 'error.invalid';
    }
    return errors;
  }

  /** Shows errors for the fields that have been left, or for all after a submit. */
  private refreshErrors(all = false) {
    const errors = this.validate();
    this.errors = Object.fromEntries(
      Object.entries(errors).filter(([field]) => all || this.touched.has(field as Field)),
    );
    return errors;
  }

  private onBlur(field: Field) {
    this.touched.add(field);
    this.refreshErrors(this.showSummary);
  }

  private set<K extends keyof Values>(field: K, value: Values[K]) {
    this.values = { ...this.values, [field]: value };
    // Once an error shows, clear it as soon as the value is right.
    if (field in this.errors || this.showSummary) this.refreshErrors(this.showSummary);
  }

  private async onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.phase === 'sending') return;
    for (const field of FIELDS) this.touched.add(field);
    const errors = this.refreshErrors(true);
    this.formError = undefined;
    if (Object.keys(errors).length > 0) {
      await this.showErrorSummary();
      return;
    }
    const input = SignupInput.parse({ ...this.values });
    const id = newKey();
    this.phase = 'sending';
    this.announcement = this.t('signup.sending');
    this.lastSubmitted = this.values;
    this.waiting.add(id);
    let notice: OutboxNotice;
    try {
      notice = await pageOutbox().submit({
        id,
        url: apiUrl(this.server, 'signups'),
        body: JSON.stringify(input),
        locale: this.locale,
      });
    } catch {
      // The outbox itself failed (storage full or refused): keep the form as typed.
      this.waiting.delete(id);
      this.phase = 'form';
      this.formError = this.t('error.server');
      this.announcement = this.formError;
      await this.showErrorSummary();
      return;
    }
    if (notice.kind === 'waiting') {
      this.phase = 'queued';
      this.persisted = notice.persisted;
      this.announcement = `${this.t('signup.queued.heading')}. ${this.t(this.queuedBody())}`;
      this.dispatchEvent(new SamskabSubmitEvent(id, 'queued'));
      await this.focusMessage();
    }
    // 'delivered' and 'rejected' are handled in onNotice, which heard them first.
  }

  private async onNotice(notice: OutboxNotice) {
    if (!this.waiting.has(notice.id) || notice.kind === 'waiting') return;
    this.waiting.delete(notice.id);
    if (notice.kind === 'delivered') {
      const wasQueued = this.phase === 'queued';
      this.phase = 'sent';
      this.announcement = wasQueued
        ? this.t('signup.delivered')
        : `${this.t('signup.sent.heading')} ${this.t('signup.sent.body')}`;
      this.dispatchEvent(new SamskabSubmitEvent(notice.id, 'sent'));
      if (!wasQueued) await this.focusMessage();
      return;
    }
    // Refused for good: put the resident's answers back, with the server's reasons.
    this.phase = 'form';
    if (this.lastSubmitted) this.values = this.lastSubmitted;
    this.applyServerErrors(notice.errors);
    const reason = notice.errors[0]?.message ?? this.t('error.server');
    this.dispatchEvent(new SamskabErrorEvent(notice.errors[0]?.code ?? 'error.server', reason));
    await this.showErrorSummary();
  }

  private applyServerErrors(issues: ApiIssue[]) {
    const errors: Partial<Record<Field, MessageKey>> = {};
    const general: string[] = [];
    for (const issue of issues) {
      const field = issue.path.split('.')[0] as Field;
      if (FIELDS.includes(field) && isMessageKey(issue.code)) errors[field] ??= issue.code;
      else general.push(issue.message);
    }
    this.errors = errors;
    this.formError =
      general.length > 0 || issues.length === 0
        ? this.t('signup.rejected', { reason: general.join(' ') || this.t('error.server') })
        : undefined;
  }

  private async showErrorSummary() {
    this.showSummary = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  private async focusMessage() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.message')?.focus();
  }

  private reset() {
    this.values = { ...emptyValues(), activityId: this.fixedActivity ?? '' };
    this.errors = {};
    this.touched.clear();
    this.showSummary = false;
    this.formError = undefined;
    this.phase = 'form';
    this.announcement = '';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('input, select')?.focus(),
    );
  }

  private focusField(event: Event, field: Field) {
    event.preventDefault();
    const target =
      field === 'ageBand'
        ? this.renderRoot.querySelector<HTMLElement>('input[name="ageBand"]')
        : this.renderRoot.querySelector<HTMLElement>(`#${field}`);
    target?.focus();
  }

  override render() {
    return html`
      ${this.phase === 'sent' || this.phase === 'queued' ? this.renderMessage() : this.renderForm()}
      <div part="status" class="visually-hidden" role="status" aria-live="polite">
        ${this.announcement}
      </div>
    `;
  }

  private queuedBody(): MessageKey {
    return this.persisted ? 'signup.queued.body' : 'signup.queued.memory';
  }

  private renderMessage() {
    const key = this.phase === 'sent' ? 'sent' : 'queued';
    return html`
      <div part="message" class="message ${key}" tabindex="-1" aria-labelledby="message-heading">
        <h2 id="message-heading">${this.t(`signup.${key}.heading`)}</h2>
        <p>${this.t(key === 'sent' ? 'signup.sent.body' : this.queuedBody())}</p>
        <button part="button" class="secondary" type="button" @click=${this.reset}>
          ${this.t('signup.again')}
        </button>
      </div>
    `;
  }

  private renderForm() {
    const sending = this.phase === 'sending';
    return html`
      <form part="form" novalidate @submit=${this.onSubmit} aria-labelledby="heading">
        <h2 part="heading" id="heading">${this.t('signup.heading')}</h2>
        <p class="hint">${this.t('signup.intro')}</p>
        ${this.renderSummary()} ${this.renderActivity()}
        ${this.renderText('name', 'signup.name', { autocomplete: 'name', required: true })}
        ${this.renderText('email', 'signup.email', {
          autocomplete: 'email',
          type: 'email',
          required: true,
        })}
        ${this.renderText('phone', 'signup.phone', { autocomplete: 'tel', type: 'tel' })}
        ${this.renderHelp()} ${this.renderAgeBand()}
        ${
          this.values.ageBand && isMinor(this.values.ageBand)
            ? this.renderCheckbox('guardianConsent', this.t('signup.guardianConsent'))
            : nothing
        }
        ${this.renderCheckbox('consent', this.t('signup.consent'))} ${this.renderPrivacyLink()}
        <div class="honeypot" inert>
          <label for="website">${this.t('signup.honeypot')}</label>
          <input
            id="website"
            name="website"
            tabindex="-1"
            autocomplete="off"
            .value=${this.values.website}
            @input=${(e: Event) => this.set('website', (e.target as HTMLInputElement).value)}
          />
        </div>
        <button part="button" type="submit" aria-disabled=${sending ? 'true' : 'false'}>
          ${this.t('signup.submit')}
        </button>
      </form>
    `;
  }

  private renderSummary() {
    const listed = FIELDS.filter((field) => this.errors[field]);
    if (!this.showSummary || (listed.length === 0 && !this.formError)) return nothing;
    return html`
      <div part="summary" class="summary" tabindex="-1" aria-labelledby="summary-heading">
        <h3 id="summary-heading">
          ${this.formError ?? this.t('signup.summary', { count: listed.length })}
        </h3>
        ${
          listed.length > 0
            ? html`<ul>
              ${listed.map(
                (field) =>
                  html`<li>
                    <a href="#${field}" @click=${(e: Event) => this.focusField(e, field)}
                      >${this.t(this.errors[field]!)}</a
                    >
                  </li>`,
              )}
            </ul>`
            : nothing
        }
      </div>
    `;
  }

  private renderActivity() {
    const fixed = this.fixedActivity;
    const list = this.activities.state === 'ready' ? this.activities.list : [];
    const chosen = list.find((a) => a.id === this.values.activityId);
    if (fixed) {
      return chosen ? this.renderActivityInfo(chosen) : nothing;
    }
    if (this.activities.state === 'loading') {
      return html`<p class="hint" part="field">${this.t('signup.activity.loading')}</p>`;
    }
    if (this.activities.state === 'failed') {
      return html`<div class="field" part="field">
        <p class="error" part="error">${this.t('signup.activity.failed')}</p>
        <button part="button" class="secondary" type="button" @click=${this.loadActivities}>
          ${this.t('signup.activity.retry')}
        </button>
      </div>`;
    }
    if (list.length === 0) {
      return html`<p class="error" part="error">${this.t('signup.activity.none')}</p>`;
    }
    const error = this.errors.activityId;
    return html`
      <div class="field" part="field">
        <label part="label" for="activityId">
          ${this.t('signup.activity')} <span aria-hidden="true">*</span>
        </label>
        <select
          part="input"
          id="activityId"
          name="activityId"
          required
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'activityId-error' : nothing}
          @change=${(e: Event) => this.set('activityId', (e.target as HTMLSelectElement).value)}
          @blur=${() => this.onBlur('activityId')}
        >
          <option value="" ?selected=${!chosen}>${this.t('signup.activity.choose')}</option>
          ${list.map(
            (a) => html`<option value=${a.id} ?selected=${a.id === chosen?.id}>${a.title}</option>`,
          )}
        </select>
        ${this.renderError('activityId')} ${chosen ? this.renderActivityInfo(chosen) : nothing}
      </div>
    `;
  }

  private renderActivityInfo(activity: Activity) {
    return html`<div class="activity" part="activity">
      ${this.fixedActivity ? html`<p class="activity-title">${activity.title}</p>` : nothing}
      ${activity.description ? html`<p>${activity.description}</p>` : nothing}
      ${activity.coreIdea ? html`<p class="core-idea">${activity.coreIdea}</p>` : nothing}
    </div>`;
  }

  private renderError(field: Field) {
    const key = this.errors[field];
    return key
      ? html`<p class="error" part="error" id="${field}-error">${this.t(key)}</p>`
      : nothing;
  }

  private renderText(
    field: 'name' | 'email' | 'phone',
    label: MessageKey,
    options: { autocomplete: string; type?: string; required?: boolean },
  ) {
    const error = this.errors[field];
    return html`
      <div class="field" part="field">
        <label part="label" for=${field}>
          ${this.t(label)} ${options.required ? html`<span aria-hidden="true">*</span>` : nothing}
        </label>
        <input
          part="input"
          id=${field}
          name=${field}
          type=${options.type ?? 'text'}
          autocomplete=${options.autocomplete}
          ?required=${options.required}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${field}-error` : nothing}
          .value=${this.values[field]}
          @input=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value)}
          @blur=${() => this.onBlur(field)}
        />
        ${this.renderError(field)}
      </div>
    `;
  }

  private renderHelp() {
    const error = this.errors.help;
    return html`
      <div class="field" part="field">
        <label part="label" for="help">${this.t('signup.help')}</label>
        <textarea
          part="input"
          id="help"
          name="help"
          rows="3"
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'help-error' : nothing}
          .value=${this.values.help}
          @input=${(e: Event) => this.set('help', (e.target as HTMLTextAreaElement).value)}
          @blur=${() => this.onBlur('help')}
        ></textarea>
        ${this.renderError('help')}
      </div>
    `;
  }

  private renderAgeBand() {
    const error = this.errors.ageBand;
    return html`
      <fieldset class="field" part="field" aria-describedby=${error ? 'ageBand-error' : nothing}>
        <legend part="label">
          ${this.t('signup.ageBand')} <span aria-hidden="true">*</span>
        </legend>
        ${AGE_BANDS.map(
          (band) => html`
            <label class="choice">
              <input
                type="radio"
                name="ageBand"
                value=${band}
                required
                aria-invalid=${error ? 'true' : 'false'}
                .checked=${this.values.ageBand === band}
                @change=${() => this.set('ageBand', band)}
                @blur=${() => this.onBlur('ageBand')}
              />
              <span>${this.t(`signup.ageBand.${band}`)}</span>
            </label>
          `,
        )}
        ${this.renderError('ageBand')}
      </fieldset>
    `;
  }

  private renderCheckbox(field: 'consent' | 'guardianConsent', text: string) {
    const error = this.errors[field];
    return html`
      <div class="field" part="field">
        <label class="choice" part="label">
          <input
            type="checkbox"
            id=${field}
            name=${field}
            required
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${error ? `${field}-error` : nothing}
            .checked=${this.values[field]}
            @change=${(e: Event) => this.set(field, (e.target as HTMLInputElement).checked)}
            @blur=${() => this.onBlur(field)}
          />
          <span>${text} <span aria-hidden="true">*</span></span>
        </label>
        ${this.renderError(field)}
      </div>
    `;
  }

  private renderPrivacyLink() {
    const href = parseLink(this.privacyUrl, TAG, 'privacy-url');
    return href
      ? html`<p class="privacy">
          <a href=${href} target="_blank" rel="noopener"
            >${this.t('signup.privacy')} <span class="visually-hidden">${this.t('signup.newWindow')}</span></a
          >
        </p>`
      : nothing;
  }
}
