import { html, nothing, type PropertyValues } from 'lit';
import { type ApiError, apiUrl, fetchActivities } from '../../src/api/client.js';
import type { OutboxNotice } from '../../src/api/outbox.js';
import { fetchQuestions, reflectionWrite } from '../../src/api/reflections.js';
import { reflectionDa } from '../../src/i18n/da/reflection.js';
import { addMessages, type MessageKey, t } from '../../src/i18n/index.js';
import type { Activity } from '../../src/schemas/activity.js';
import {
  defaultQuestions,
  type LocalText,
  type Question,
  type QuestionSet,
} from '../../src/schemas/question-set.js';
import {
  AGREE_VALUES,
  type Answer,
  ContactDetails,
  LOAD_VALUES,
  type ReflectionInput,
} from '../../src/schemas/reflection.js';
import { SamskabReflectionEvent } from '../events/reflection.js';
import { parseEndpoint, parseId } from '../internal/attributes.js';
import { SamskabElement, type Settled } from '../internal/samskab-element.js';
import { warnOnce } from '../internal/warn.js';
import { styles } from './reflection-prompt.styles.js';

const TAG = 'samskab-reflection-prompt';
addMessages('da', reflectionDa);

/** `delivered`: sent after waiting in the outbox, perhaps on an earlier visit. */
type Phase = 'loading' | 'form' | 'sending' | 'sent' | 'queued' | 'delivered';
type Activities = { state: 'loading' } | { state: 'ready'; list: Activity[] } | { state: 'failed' };

/** The built-in questions (version 0), for when the activity's own set cannot be fetched. */
const fallback = (activityId: string): QuestionSet => ({
  activityId,
  version: 0,
  questions: defaultQuestions((key) => ({ da: t('da', key), en: t('en', key) })),
});

/**
 * @tag samskab-reflection-prompt
 * @summary A one-minute, anonymous reflection after a shift: meaning, energy,
 * load, ownership and belonging, with an optional note and an optional request
 * to be contacted. Kept and sent later, once, when the connection is down.
 * Sent with the volunteer's invitation (the `invitation` attribute or the
 * page's `?invitation=`), it counts in the leader's pulse; a used or expired
 * one is refused with a message saying so, unless the activity also takes
 * open reflections.
 *
 * @event samskab-reflection - `SamskabReflectionEvent` `{ id, status: 'sent' | 'queued' }`; fires again with `'sent'` when a queued reflection is delivered.
 *
 * @csspart form - The form element.
 * @csspart heading - The heading.
 * @csspart field - Each question's wrapper.
 * @csspart label - Each question's legend or label.
 * @csspart input - The note and contact fields.
 * @csspart error - An error message.
 * @csspart button - The send button.
 * @csspart message - The panel shown after sending or queueing.
 * @csspart status - The live region that announces progress.
 *
 * @cssproperty --samskab-font-family - Font of the widget (default: the system UI font).
 * @cssproperty --samskab-font-size - Base font size (default: at least 16px).
 * @cssproperty --samskab-color-text - Text colour.
 * @cssproperty --samskab-color-muted - Hint text colour.
 * @cssproperty --samskab-color-background - Background colour.
 * @cssproperty --samskab-color-primary - Buttons, links and chosen answers.
 * @cssproperty --samskab-color-on-primary - Text on primary buttons.
 * @cssproperty --samskab-color-border - Field borders.
 * @cssproperty --samskab-color-error - Error text and marks.
 * @cssproperty --samskab-color-success - Sent panel accent.
 * @cssproperty --samskab-color-focus - Focus outline.
 * @cssproperty --samskab-radius - Corner radius.
 * @cssproperty --samskab-spacing - Space between questions.
 * @cssproperty --samskab-max-width - Largest width of the widget.
 */
export class SamskabReflectionPrompt extends SamskabElement {
  static override styles = styles;

  // `static properties` rather than decorators: the decorator helpers cost bytes.
  static override properties = {
    ...SamskabElement.properties,
    endpoint: {},
    activity: {},
    shift: {},
    invitation: {},
    phase: { state: true },
    set: { state: true },
    answers: { state: true },
    contactWanted: { state: true },
    contact: { state: true },
    formError: { state: true },
    contactError: { state: true },
    announcement: { state: true },
    activities: { state: true },
  };

  /** Origin of the Samskab server; defaults to where `samskab.js` was loaded from. */
  endpoint: string | null = null;

  /**
   * The activity reflected on; its question set is fetched from the server.
   * Without it (or when the server has no such activity) the volunteer chooses.
   */
  activity: string | null = null;

  /** The shift reflected on, if the page knows it. */
  shift: string | null = null;

  /**
   * The single-use token from the volunteer's invitation to reflect; without
   * it, the page URL's `?invitation=` is used. Only reflections with a valid
   * one count in the pulse.
   */
  invitation: string | null = null;

  private phase: Phase = 'loading';
  private set: QuestionSet | undefined;
  private answers: Record<string, Answer> = {};
  private contactWanted = false;
  private contact = '';
  private formError: string | undefined;
  private contactError: MessageKey | undefined;
  private announcement = '';
  /**
   * The server's activities, for the volunteer to choose among when `activity`
   * names none of them; undefined when there is nothing to choose.
   */
  private activities: Activities | undefined;
  /** The activity the volunteer chose from `activities`. */
  #chosen: string | undefined;

  #loadController: AbortController | undefined;

  get #server() {
    return parseEndpoint(this.endpoint, TAG);
  }

  get #named() {
    return parseId(this.activity, TAG, 'activity');
  }

  protected override owns(url: string) {
    return url === apiUrl(this.#server, 'reflections');
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#loadController?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (!this.hasUpdated || changed.has('endpoint') || changed.has('activity')) {
      this.#chosen = this.activities = undefined;
      this.answers = {};
      void this.#loadQuestions();
    }
  }

  /**
   * Loads the activity's questions; without an activity, or for one the
   * server lacks, the activities to choose among too.
   */
  async #loadQuestions() {
    this.#loadController?.abort();
    const controller = new AbortController();
    this.#loadController = controller;
    const { signal } = controller;
    const id = this.#chosen ?? this.#named;
    if (!id) {
      // Rendering nothing would leave the volunteer (and the webmaster) guessing.
      warnOnce(`<${TAG}> names no activity; letting the volunteer choose.`);
      this.set = undefined;
      this.#showForm();
      return this.#loadActivities(signal);
    }
    // Loading is short and silent: the questions appear (or change) in place.
    let set: QuestionSet;
    try {
      set = await fetchQuestions(this.#server, id, this.locale, signal);
    } catch (error) {
      // Offline (or an old server): the default questions still let the volunteer
      // reflect, and the answer names version 0 so the server knows their wording.
      set = fallback(id);
      // A typo in the CMS markup: every answer would be refused, so let the volunteer choose.
      if ((error as ApiError).status === 404 && !this.#chosen)
        await this.#loadActivities(signal, id);
    }
    if (signal.aborted) return;
    this.set = set;
    this.#showForm();
  }

  /** The activities to choose among; `named` is the markup's, which the server may have after all. */
  async #loadActivities(signal: AbortSignal, named?: string) {
    this.activities = { state: 'loading' };
    try {
      const list = await fetchActivities(this.#server, this.locale, signal);
      if (signal.aborted) return;
      if (named && list.some((a) => a.id === named)) {
        this.activities = undefined;
        return;
      }
      if (named) warnOnce(`<${TAG}> activity="${named}" is unknown; letting the volunteer choose.`);
      this.activities = { state: 'ready', list };
    } catch {
      if (!signal.aborted) this.activities = { state: 'failed' };
    }
  }

  /** Loads the activities again, then focuses the list (or the button, should it fail again). */
  async #retry() {
    await this.#loadQuestions();
    await this.focusOn('#activity, #retry');
  }

  #showForm() {
    // Not over a result from an earlier visit, which may already show.
    if (this.phase === 'loading') this.phase = 'form';
  }

  /** `text` in this widget's language, and the language it really is in. */
  #say(text: LocalText): [string, string | typeof nothing] {
    return this.locale === 'en' && text.en
      ? [text.en, nothing]
      : [text.da, this.locale === 'da' ? nothing : 'da'];
  }

  #answer(id: string, value: Answer) {
    this.answers = { ...this.answers, [id]: value };
    if (this.formError) this.formError = undefined;
  }

  async #onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const set = this.set;
    if (this.phase !== 'form' || !set) return;
    // The answers come from radios and a capped textarea, so only emptiness and
    // the contact field can be wrong; the server checks everything again. Only
    // this set's: answers to another activity's questions would be refused.
    const answers = Object.fromEntries(
      Object.entries(this.answers).filter(
        ([id, a]) => String(a).trim() !== '' && set.questions.some((q) => q.id === id),
      ),
    );
    const contact = this.contactWanted ? ContactDetails.safeParse(this.contact) : undefined;
    this.formError =
      this.activities && !this.#chosen
        ? this.t('reflection.activity.choose')
        : Object.keys(answers).length
          ? undefined
          : this.t('error.reflection.empty');
    this.contactError = contact?.error?.issues[0]?.message as MessageKey | undefined;
    if (this.formError || this.contactError) {
      await this.focusOn(this.formError ? '.form-error' : '#contact');
      return;
    }
    const body: ReflectionInput = {
      activityId: set.activityId,
      shiftId: parseId(this.shift, TAG, 'shift'),
      questionSetVersion: set.version,
      answers,
      contact: contact?.data,
      invitation:
        (this.invitation || new URLSearchParams(location.search).get('invitation'))?.trim() ||
        undefined,
    };
    this.phase = 'sending';
    this.announcement = this.t('reflection.sending');
    let notice: OutboxNotice;
    try {
      notice = await this.send(reflectionWrite(this.#server, body), body);
    } catch {
      // The outbox itself failed (storage full or refused): keep the answers as given.
      this.#refuse(this.t('reflection.failed'));
      return;
    }
    if (notice.kind === 'waiting') {
      this.phase = 'queued';
      this.announcement = this.t('reflection.queued');
      this.dispatchEvent(new SamskabReflectionEvent(notice.id, 'queued'));
      await this.focusOn('.message');
    }
    // 'delivered' and 'rejected' are handled in settled, which heard them first.
  }

  protected override async settled(notice: Settled, late: boolean) {
    if (notice.kind === 'delivered') {
      const queued = late || this.phase === 'queued';
      // A panel from an earlier visit says it was the saved one; the status region says so live.
      this.phase = late ? 'delivered' : 'sent';
      this.announcement = this.t(queued ? 'reflection.delivered' : 'reflection.sent');
      this.dispatchEvent(new SamskabReflectionEvent(notice.id, 'sent'));
      if (!queued) await this.focusOn('.message');
      return;
    }
    // Refused, or not sent in time: the answers as given come back, with why.
    const body = notice.context as ReflectionInput | undefined;
    if (body) {
      this.answers = body.answers;
      this.contact = body.contact ?? '';
      this.contactWanted = !!body.contact;
    }
    const reason = notice.errors.map((e) => e.message).join(' ') || this.t('reflection.failed');
    await this.#refuse(
      notice.errors[0]?.code === 'error.expired'
        ? this.t('reflection.expired')
        : this.t('reflection.rejected', { reason }),
    );
  }

  /** Back to the answers as given, with why they were not taken. */
  async #refuse(message: string) {
    this.phase = 'form';
    this.formError = message;
    this.announcement = message;
    await this.focusOn('.form-error');
  }

  override render() {
    const phase = this.phase;
    return html`
      ${
        phase === 'sent' || phase === 'queued' || phase === 'delivered'
          ? html`<div part="message" class="message ${phase}" tabindex="-1">
              <p>${this.t(`reflection.${phase}`)}</p>
            </div>`
          : // Loading is short and silent: the questions appear in place, nothing moves.
            phase === 'form' || phase === 'sending'
            ? this.#renderForm()
            : nothing
      }
      <div part="status" class="visually-hidden" role="status" aria-live="polite">
        ${this.announcement}
      </div>
    `;
  }

  #renderForm() {
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit} aria-labelledby="heading">
        <h2 part="heading" id="heading">${this.t('reflection.heading')}</h2>
        <p class="hint">${this.t('reflection.intro')}</p>
        ${
          this.formError
            ? html`<p part="error" class="error form-error" tabindex="-1">${this.formError}</p>`
            : nothing
        }
        ${this.#renderActivities()}
        ${
          // Without an activity there are no questions yet: the volunteer chooses first.
          this.set
            ? html`${this.set.questions.map((q) => this.#renderQuestion(q))} ${this.#renderContact()}
                <button part="button" type="submit" aria-disabled=${this.phase === 'sending' ? 'true' : 'false'}>
                  ${this.t('reflection.submit')}
                </button>`
            : nothing
        }
      </form>
    `;
  }

  /** The server's activities to choose among, as they load, when the markup names none it has. */
  #renderActivities() {
    const a = this.activities;
    if (!a) return nothing;
    if (a.state === 'loading')
      return html`<p class="hint">${this.t('reflection.activity.loading')}</p>`;
    if (a.state === 'failed') {
      return html`<p class="error" part="error">${this.t('reflection.activity.failed')}</p>
        <p><button part="button" class="secondary" type="button" id="retry" @click=${this.#retry}>
          ${this.t('reflection.activity.retry')}
        </button></p>`;
    }
    if (a.list.length === 0)
      return html`<p class="error" part="error">${this.t('reflection.activity.none')}</p>`;
    // The markup named an activity the server lacks: say why the volunteer must choose.
    const unknown = !!this.#named;
    return html`<div class="field" part="field">
      <label part="label" for="activity">${this.t('reflection.activity')}</label>
      ${unknown ? html`<p class="hint" id="activity-hint">${this.t('reflection.activity.unknown')}</p>` : nothing}
      <select
        part="input"
        id="activity"
        required
        aria-describedby=${unknown ? 'activity-hint' : nothing}
        @change=${(e: Event) => {
          this.#chosen = (e.target as HTMLSelectElement).value || undefined;
          this.formError = undefined;
          if (this.#chosen) void this.#loadQuestions();
        }}
      >
        <option value="">${this.t('reflection.activity.choose')}</option>
        ${a.list.map(
          (a) => html`<option value=${a.id} ?selected=${a.id === this.#chosen}>${a.title}</option>`,
        )}
      </select>
    </div>`;
  }

  #renderQuestion(q: Question) {
    const [text, lang] = this.#say(q.text);
    if (q.kind === 'text') {
      return html`<div class="field" part="field">
        <label part="label" for="q-${q.id}" lang=${lang}>${text}</label>
        <textarea
          part="input"
          id="q-${q.id}"
          rows="3"
          maxlength="2000"
          .value=${Object.hasOwn(this.answers, q.id) ? String(this.answers[q.id]) : ''}
          @input=${(e: Event) => this.#answer(q.id, (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </div>`;
    }
    let choices: [Answer, string][];
    let hint: unknown = nothing;
    if (q.kind === 'scale') {
      choices = [1, 2, 3, 4, 5].map((n) => [n, String(n)]);
      const [low, lowLang] = this.#say(q.low);
      const [high] = this.#say(q.high);
      hint = html`<p class="hint" id="hint-${q.id}" lang=${lowLang}>
        ${this.t('reflection.scale.ends', { low, high })}
      </p>`;
    } else {
      const values = q.kind === 'load' ? LOAD_VALUES : AGREE_VALUES;
      choices = values.map((v) => [
        v,
        this.t(`reflection.${q.kind as 'load' | 'agree'}.${v}` as MessageKey),
      ]);
    }
    return html`<fieldset
      class="field"
      part="field"
      aria-describedby=${q.kind === 'scale' ? `hint-${q.id}` : nothing}
    >
      <legend part="label"><span lang=${lang}>${text}</span></legend>
      ${hint}
      <div class="choices">
        ${choices.map(
          ([value, label]) => html`<label class="choice">
            <input
              type="radio"
              name=${q.id}
              .value=${String(value)}
              .checked=${this.answers[q.id] === value}
              @change=${() => this.#answer(q.id, value)}
            />
            <span>${label}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  #renderContact() {
    const error = this.contactError;
    return html`<div class="field" part="field">
      <label class="choice" part="label">
        <input
          type="checkbox"
          aria-describedby="contact-hint"
          .checked=${this.contactWanted}
          @change=${(e: Event) => {
            this.contactWanted = (e.target as HTMLInputElement).checked;
            this.contactError = undefined;
          }}
        />
        <span>${this.t('reflection.contact.ask')}</span>
      </label>
      <p class="hint" id="contact-hint">${this.t('reflection.contact.hint')}</p>
      ${
        this.contactWanted
          ? html`<label part="label" for="contact">${this.t('reflection.contact')}</label>
            <input
              part="input"
              id="contact"
              required
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${error ? 'contact-error' : nothing}
              .value=${this.contact}
              @input=${(e: Event) => {
                this.contact = (e.target as HTMLInputElement).value;
              }}
            />
            ${error ? html`<p class="error" part="error" id="contact-error">${this.t(error)}</p>` : nothing}`
          : nothing
      }
    </div>`;
  }
}
