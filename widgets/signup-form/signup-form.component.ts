import { html, nothing, type PropertyValues } from 'lit';
import { apiUrl, fetchActivities, signupWrite } from '../../src/api/client.js';
import type { OutboxNotice } from '../../src/api/outbox.js';
import { signupDa } from '../../src/i18n/da/signup.js';
import { addMessages, type MessageKey } from '../../src/i18n/index.js';
import type { Activity } from '../../src/schemas/activity.js';
import { type SignupData, SignupInput } from '../../src/schemas/signup.js';
import { SamskabErrorEvent } from '../events/error.js';
import { SamskabSubmitEvent } from '../events/submit.js';
import { parseEndpoint, parseId, parseLink } from '../internal/attributes.js';
import { noPerson, type Person, PersonFormElement } from '../internal/person-form.component.js';
import type { Settled } from '../internal/samskab-element.js';
import { warnOnce } from '../internal/warn.js';
import { styles } from './signup-form.styles.js';

const TAG = 'samskab-signup-form';
addMessages('da', signupDa);

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

interface Values extends Person {
  activityId: string;
  help: string;
}

const emptyValues = (activityId = ''): Values => ({ ...noPerson(), activityId, help: '' });

/** `delivered`: sent after waiting in the outbox, perhaps on an earlier visit. */
type Phase = 'form' | 'sending' | 'sent' | 'queued' | 'delivered';
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
export class SamskabSignupForm extends PersonFormElement<Values, Field> {
  static override styles = styles;

  // `static properties` rather than decorators: the decorator helpers cost
  // bytes in a bundle with a 20 KB budget.
  static override properties = {
    ...PersonFormElement.properties,
    endpoint: {},
    activity: {},
    privacyUrl: { attribute: 'privacy-url' },
    phase: { state: true },
    activities: { state: true },
    announcement: { state: true },
    persisted: { state: true },
  };

  /** Origin of the Samskab server; defaults to where `samskab.js` was loaded from. */
  endpoint: string | null = null;

  /**
   * The activity id to sign up for; without it (or when the server has no
   * such activity) the resident chooses among the server's activities.
   */
  activity: string | null = null;

  /** Link to the municipality's privacy notice, shown beside the consent. */
  privacyUrl: string | null = null;

  private phase: Phase = 'form';
  private activities: Activities = { state: 'loading' };
  private announcement = '';
  /** Whether a queued sign-up is in IndexedDB, or only in this page's memory. */
  private persisted = true;

  protected override values = emptyValues();
  protected readonly fields = FIELDS;
  // ES private members (`#`) rather than TypeScript's `private`: the minifier shortens them.
  #loadController: AbortController | undefined;

  get #server() {
    return parseEndpoint(this.endpoint, TAG);
  }

  /** The `activity` attribute's id, or `undefined` once the server's list has loaded without it. */
  get #fixed() {
    const id = parseId(this.activity, TAG, 'activity');
    const a = this.activities;
    return a.state === 'ready' && !a.list.some((x) => x.id === id) ? undefined : id;
  }

  protected override owns(url: string) {
    return url === apiUrl(this.#server, 'signups');
  }

  protected check(v: Values) {
    return SignupInput.safeParse({
      ...v,
      ageBand: v.ageBand || undefined,
      activityId: v.activityId || undefined,
    });
  }

  protected override issueMessage(field: Field, message: string): MessageKey {
    return field === 'activityId' ? 'error.activity.required' : super.issueMessage(field, message);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#loadController?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    // `!hasUpdated`: changes made while an English page waits for its messages are not kept.
    if (!this.hasUpdated || changed.has('endpoint') || changed.has('activity')) {
      void this.#loadActivities(); // first: `#fixed` must not judge by the last list
      this.values = { ...this.values, activityId: this.#fixed ?? '' };
    }
  }

  async #loadActivities() {
    this.#loadController?.abort();
    const controller = new AbortController();
    this.#loadController = controller;
    this.activities = { state: 'loading' };
    const fixed = this.#fixed;
    try {
      const list = await fetchActivities(this.#server, this.locale, controller.signal);
      if (controller.signal.aborted) return;
      this.activities = { state: 'ready', list };
      // A typo in the CMS markup (or answers put back naming such an activity):
      // let the resident choose rather than fail on submit.
      if (!list.some((a) => a.id === this.values.activityId)) {
        if (fixed && !this.#fixed)
          warnOnce(`<${TAG}> activity="${fixed}" is unknown; showing the list.`);
        this.set('activityId', '');
      }
    } catch {
      if (controller.signal.aborted) return;
      this.activities = { state: 'failed' };
      // With a fixed activity the form still works (and queues); without one it cannot.
      if (!fixed) {
        const message = this.t('signup.activity.failed');
        this.dispatchEvent(new SamskabErrorEvent('error.network', message));
      }
    }
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (this.phase === 'sending') return;
    const input = this.validate();
    if (!input) {
      await this.showErrors();
      return;
    }
    this.phase = 'sending';
    this.announcement = this.t('signup.sending');
    let notice: OutboxNotice;
    try {
      notice = await this.send(signupWrite(this.#server, input as SignupData), this.values);
    } catch {
      // The outbox itself failed (storage full or refused): keep the form as typed.
      this.phase = 'form';
      this.formError = this.t('error.server');
      this.announcement = this.formError;
      await this.showErrors();
      return;
    }
    if (notice.kind === 'waiting') {
      this.phase = 'queued';
      this.persisted = notice.persisted;
      this.announcement = `${this.t('signup.queued.heading')}. ${this.t(this.#queuedBody())}`;
      this.dispatchEvent(new SamskabSubmitEvent(notice.id, 'queued'));
      await this.focusOn('.message');
    }
    // 'delivered' and 'rejected' are handled in settled, which heard them first.
  }

  protected override async settled(notice: Settled, late: boolean) {
    if (notice.kind === 'delivered') {
      const queued = late || this.phase === 'queued';
      this.phase = queued ? 'delivered' : 'sent';
      this.announcement = queued
        ? this.t('signup.delivered')
        : `${this.t('signup.sent.heading')} ${this.t('signup.sent.body')}`;
      this.dispatchEvent(new SamskabSubmitEvent(notice.id, 'sent'));
      if (!queued) await this.focusOn('.message');
      return;
    }
    // Refused for good, or not sent in time: put the resident's answers back, with the reasons.
    this.phase = 'form';
    this.values = (notice.context as Values) ?? this.values;
    const general = this.serverErrors(notice.errors);
    const code = notice.errors[0]?.code ?? 'error.server';
    this.formError =
      code === 'error.expired'
        ? this.t('signup.expired')
        : general.length > 0 || !notice.errors.length
          ? this.t('signup.rejected', { reason: general.join(' ') || this.t('error.server') })
          : undefined;
    this.dispatchEvent(new SamskabErrorEvent(code, this.formError ?? notice.errors[0]!.message));
    // The activity may have gone since the list loaded: look again, so the select can offer another.
    if (code === 'error.activity.unknown') void this.#loadActivities();
    await this.showErrors();
  }

  #reset() {
    this.resetPerson(emptyValues(this.#fixed));
    this.phase = 'form';
    this.announcement = '';
    void this.focusOn('input, select');
  }

  override render() {
    const phase = this.phase;
    return html`
      ${phase === 'form' || phase === 'sending' ? this.#renderForm() : this.#renderMessage(phase)}
      <div part="status" class="visually-hidden" role="status" aria-live="polite">
        ${this.announcement}
      </div>
    `;
  }

  #queuedBody(): MessageKey {
    return this.persisted ? 'signup.queued.body' : 'signup.queued.memory';
  }

  #renderMessage(phase: Phase) {
    const queued = phase === 'queued';
    return html`
      <div part="message" class="message ${phase}" tabindex="-1" aria-labelledby="message-heading">
        <h2 id="message-heading">
          ${this.t(queued ? 'signup.queued.heading' : phase === 'sent' ? 'signup.sent.heading' : 'signup.delivered')}
        </h2>
        <p>${this.t(queued ? this.#queuedBody() : 'signup.sent.body')}</p>
        <button part="button" class="secondary" type="button" @click=${this.#reset}>
          ${this.t('signup.again')}
        </button>
      </div>
    `;
  }

  #renderForm() {
    return html`
      <form
        part="form"
        novalidate
        aria-labelledby="heading"
        @submit=${this.#onSubmit}
        @input=${this.onInput}
        @focusout=${this.onBlur}
      >
        <h2 part="heading" id="heading">${this.t('signup.heading')}</h2>
        <p class="hint">${this.t('signup.intro')}</p>
        ${this.renderSummary(
          (content) =>
            html`<div part="summary" class="summary" tabindex="-1" aria-labelledby="summary-heading">
              ${content}
            </div>`,
        )} ${this.#renderActivity()} ${this.renderContact()}
        ${this.renderField(
          'help',
          'signup.help',
          false,
          html`<textarea
            part="input"
            id="help"
            name="help"
            rows="3"
            aria-invalid=${this.invalid('help')}
            aria-describedby=${this.describedBy('help')}
            .value=${this.values.help}
          ></textarea>`,
        )}
        ${this.renderAge()} ${this.renderConsent(parseLink(this.privacyUrl, TAG, 'privacy-url'))}
        <button part="button" type="submit" aria-disabled=${this.phase === 'sending'}>
          ${this.t('signup.submit')}
        </button>
      </form>
    `;
  }

  #renderActivity() {
    const fixed = this.#fixed;
    const a = this.activities;
    const list = a.state === 'ready' ? a.list : [];
    const chosen = list.find((x) => x.id === this.values.activityId);
    const info = chosen
      ? html`<div class="activity" part="activity">
          ${[
            ['activity-title', fixed && chosen.title],
            ['', chosen.description],
            ['core-idea', chosen.coreIdea],
          ].map(([c, text]) => (text ? html`<p class=${c}>${text}</p>` : nothing))}
        </div>`
      : nothing;
    if (fixed) return info;
    if (a.state !== 'ready') {
      // Loading: the label's line and the list's box, so nothing below moves when it comes.
      return a.state === 'loading'
        ? html`<div class="field" part="field">
            <span class="label">${this.t('signup.activity')} <span aria-hidden="true">*</span></span>
            <p class="hint pending">${this.t('signup.activity.loading')}</p>
          </div>`
        : html`<div class="field" part="field">
            <p class="error" part="error">${this.t('signup.activity.failed')}</p>
            <button part="button" class="secondary" type="button" @click=${this.#loadActivities}>
              ${this.t('signup.activity.retry')}
            </button>
          </div>`;
    }
    if (list.length === 0) {
      return html`<p class="error" part="error">${this.t('signup.activity.none')}</p>`;
    }
    // The markup named an activity the server does not have: say why the resident must choose.
    const hint = parseId(this.activity, TAG, 'activity') ? 'signup.activity.unknown' : undefined;
    return this.renderField(
      'activityId',
      'signup.activity',
      true,
      html`<select
        part="input"
        id="activityId"
        name="activityId"
        required
        aria-invalid=${this.invalid('activityId')}
        aria-describedby=${this.describedBy('activityId', hint)}
      >
        <option value="" ?selected=${!chosen}>${this.t('signup.activity.choose')}</option>
        ${list.map(
          (x) => html`<option value=${x.id} ?selected=${x === chosen}>${x.title}</option>`,
        )}
      </select>`,
      hint,
      info,
    );
  }
}
