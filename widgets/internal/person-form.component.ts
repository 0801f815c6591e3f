import { html, nothing } from 'lit';
import { isMessageKey, type MessageKey } from '../../src/i18n/index.js';
import type { ApiIssue } from '../../src/schemas/common.js';
import { type AgeBand, isMinor } from '../../src/schemas/signup.js';
import { SamskabElement } from './samskab-element.js';

const AGE_BANDS: AgeBand[] = ['under-15', '15-17', '18-plus'];

/** The person a resident gives, as typed: the sign-up form's fields, which a claim asks for too. */
export interface Person {
  name: string;
  email: string;
  phone: string;
  ageBand: AgeBand | '';
  guardianConsent: boolean;
  consent: boolean;
  /** The honeypot. */
  website: string;
}

/** No one yet: spread into a form's own empty values. */
export const noPerson = (): Person => ({
  name: '',
  email: '',
  phone: '',
  ageBand: '',
  guardianConsent: false,
  consent: false,
  website: '',
});

type Issue = { path: readonly PropertyKey[]; message: string };

/**
 * A widget that asks for a person: its values and errors, and the fields'
 * markup, so the sign-up form and the calendar's claim form label, check and
 * explain them the same way. Errors appear on blur and on submit, tied to their
 * fields with `aria-invalid` and `aria-describedby`; after a failed submit an
 * error summary lists them, each a link to its field. A base class rather than
 * a controller: the bundle's budget has no room for the glue. (Named
 * `.component.ts` so the manifest's analyzer follows the inheritance to
 * `SamskabElement`'s `theme`.)
 */
export abstract class PersonFormElement<
  V extends Person,
  F extends keyof V & string,
> extends SamskabElement {
  static override properties = {
    ...SamskabElement.properties,
    values: { state: true },
    errors: { state: true },
    formError: { state: true },
    showSummary: { state: true },
  };

  protected values!: V;
  protected errors: Partial<Record<F, MessageKey>> = {};
  /** Said at the top of the summary instead of the count: why the form came back. */
  protected formError: string | undefined;
  /** Whether a submit has failed, so the summary shows and every field is checked. */
  protected showSummary = false;
  /** Fields the resident has left, so errors appear on blur rather than while typing. */
  // ES private members (`#`) rather than TypeScript's `private`: the minifier shortens them.
  #touched = new Set<F>();

  /** Every field that can be wrong, in the order they appear (and errors are listed). */
  protected abstract readonly fields: readonly F[];

  /** Checks the values as typed, usually `Schema.safeParse(…)`. */
  protected abstract check(values: V): {
    success: boolean;
    data?: unknown;
    error?: { issues: readonly Issue[] };
  };

  /** The message for a zod issue on `field`. */
  protected issueMessage(_field: F, message: string): MessageKey {
    return isMessageKey(message) ? message : 'error.invalid';
  }

  /** Empties the errors and the summary; the values become `values`. */
  protected resetPerson(values: V) {
    this.values = values;
    this.errors = {};
    this.#touched.clear();
    this.showSummary = false;
    this.formError = undefined;
  }

  protected set<K extends keyof V>(field: K, value: V[K]) {
    this.values = { ...this.values, [field]: value };
    // Once an error shows, clear it as soon as the value is right.
    if (field in this.errors || this.showSummary) this.#refreshErrors(this.showSummary);
  }

  /**
   * The form's `@input`: every control is named after its field, so one
   * listener on the form replaces one per control (bytes the budget needs).
   */
  protected onInput(event: Event) {
    const input = event.target as HTMLInputElement;
    this.set(input.name as F, (input.type === 'checkbox' ? input.checked : input.value) as V[F]);
  }

  /** The form's `@focusout`: a field's errors show once the resident has left it. */
  protected onBlur(event: Event) {
    this.#touched.add((event.target as HTMLInputElement).name as F);
    this.#refreshErrors(this.showSummary);
  }

  /** Checks every field for a submit: the input to send, or `undefined` when something is wrong. */
  protected validate() {
    for (const field of this.fields) this.#touched.add(field);
    this.formError = undefined;
    const result = this.#refreshErrors(true);
    return result.success ? result.data : undefined;
  }

  /** The server's reasons: per field where it names one we know; the rest come back as text. */
  protected serverErrors(issues: ApiIssue[]) {
    const errors: Partial<Record<F, MessageKey>> = {};
    const general: string[] = [];
    for (const issue of issues) {
      const field = issue.path.split('.')[0] as F;
      if (this.fields.includes(field) && isMessageKey(issue.code)) errors[field] ??= issue.code;
      else general.push(issue.message);
    }
    this.errors = errors;
    return general;
  }

  /** Shows the error summary and moves focus to it. */
  protected showErrors() {
    this.showSummary = true;
    return this.focusOn('.summary');
  }

  /** Shows errors for the fields that have been left, or for all after a submit. */
  #refreshErrors(all: boolean) {
    const result = this.check(this.values);
    const errors: Partial<Record<F, MessageKey>> = {};
    for (const issue of result.error?.issues ?? []) {
      const field = issue.path[0] as F;
      if (this.fields.includes(field) && !errors[field])
        errors[field] = this.issueMessage(field, issue.message);
    }
    this.errors = Object.fromEntries(
      Object.entries(errors).filter(([field]) => all || this.#touched.has(field as F)),
    ) as typeof errors;
    return result;
  }

  // --- markup ---------------------------------------------------------------

  /**
   * What the error summary says after a failed submit, or `nothing`. Each
   * widget wraps it in its own `.summary` element with its documented part.
   */
  protected renderSummary(wrap: (content: unknown) => unknown) {
    const listed = this.fields.filter((field) => this.errors[field]);
    if (!this.showSummary || (listed.length === 0 && !this.formError)) return nothing;
    return wrap(html`
      <h3 id="summary-heading">
        ${this.formError ?? this.t('signup.summary', { count: listed.length })}
      </h3>
      ${
        listed.length > 0
          ? html`<ul>
            ${listed.map(
              (field) =>
                html`<li>
                  <a href="#${field}" @click=${(e: Event) => this.#focusField(e, field)}
                    >${this.t(this.errors[field]!)}</a
                  >
                </li>`,
            )}
          </ul>`
          : nothing
      }
    `);
  }

  #focusField(event: Event, field: F) {
    event.preventDefault();
    const selector = field === 'ageBand' ? 'input[name="ageBand"]' : `#${field}`;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** A field's error, which its control names in `aria-describedby`. */
  protected renderError(field: F) {
    const key = this.errors[field];
    return key
      ? html`<p class="error" part="error" id="${field}-error">${this.t(key)}</p>`
      : nothing;
  }

  /** `aria-invalid` for a field's control. */
  protected invalid(field: F) {
    // Lit writes a boolean as "true" or "false".
    return !!this.errors[field];
  }

  /** `aria-describedby` for a field's control: its hint, if any, and its error when it shows. */
  protected describedBy(field: F, hint?: MessageKey) {
    return (
      `${hint ? `${field}-hint` : ''} ${this.errors[field] ? `${field}-error` : ''}`.trim() ||
      nothing
    );
  }

  /** A labelled field around `control`, with an optional hint, its error, and `after` that. */
  protected renderField(
    field: F,
    label: MessageKey,
    required: boolean,
    control: unknown,
    hint?: MessageKey,
    after?: unknown,
  ) {
    return html`
      <div class="field" part="field">
        <label part="label" for=${field}>
          ${this.t(label)} ${required ? html`<span aria-hidden="true">*</span>` : nothing}
        </label>
        ${hint ? html`<p class="hint" id="${field}-hint">${this.t(hint)}</p>` : nothing} ${control}
        ${this.renderError(field)} ${after}
      </div>
    `;
  }

  /** Name, e-mail and phone. */
  protected renderContact() {
    return html`${this.renderText('name' as F, 'signup.name', 'name', true)}
    ${this.renderText('email' as F, 'signup.email', 'email', true, 'email')}
    ${this.renderText('phone' as F, 'signup.phone', 'tel', false, 'tel')}`;
  }

  /** A one-line text field; `hint` is shown under its label. */
  protected renderText(
    field: F,
    label: MessageKey,
    autocomplete: string,
    required: boolean,
    type = 'text',
    hint?: MessageKey,
  ) {
    return this.renderField(
      field,
      label,
      required,
      html`<input
        part="input"
        id=${field}
        name=${field}
        type=${type}
        autocomplete=${autocomplete}
        inputmode=${field === 'loadCapHours' ? 'numeric' : nothing}
        ?required=${required}
        aria-invalid=${this.invalid(field)}
        aria-describedby=${this.describedBy(field, hint)}
        .value=${this.values[field] as string}
      />`,
      hint,
    );
  }

  /** The age band, and a guardian's consent when the resident is a minor. */
  protected renderAge() {
    const field = 'ageBand' as F;
    const band = this.values.ageBand;
    return html`
      <fieldset class="field" part="field" aria-describedby=${this.describedBy(field)}>
        <legend part="label">${this.t('signup.ageBand')} <span aria-hidden="true">*</span></legend>
        ${AGE_BANDS.map(
          (value) => html`
            <label class="choice">
              <input
                type="radio"
                name="ageBand"
                value=${value}
                required
                aria-invalid=${this.invalid(field)}
                .checked=${band === value}
              />
              <span>${this.t(`signup.ageBand.${value}`)}</span>
            </label>
          `,
        )}
        ${this.renderError(field)}
      </fieldset>
      ${band && isMinor(band) ? this.#renderCheckbox('guardianConsent' as F, 'signup.guardianConsent') : nothing}
    `;
  }

  /**
   * The consent, the privacy notice's link (http(s) only, checked by the
   * widget) and the honeypot that people never see.
   */
  protected renderConsent(privacyHref: string | undefined) {
    return html`
      ${this.#renderCheckbox('consent' as F, 'signup.consent')}
      ${
        privacyHref
          ? html`<p class="privacy">
              <a href=${privacyHref} target="_blank" rel="noopener"
                >${this.t('signup.privacy')} <span class="visually-hidden">${this.t('signup.newWindow')}</span></a
              >
            </p>`
          : nothing
      }
      <div class="visually-hidden" inert>
        <label for="website">${this.t('signup.honeypot')}</label>
        <input
          id="website"
          name="website"
          tabindex="-1"
          autocomplete="off"
          .value=${this.values.website}
        />
      </div>
    `;
  }

  #renderCheckbox(field: F, label: MessageKey) {
    return html`
      <div class="field" part="field">
        <label class="choice" part="label">
          <input
            type="checkbox"
            id=${field}
            name=${field}
            required
            aria-invalid=${this.invalid(field)}
            aria-describedby=${this.describedBy(field)}
            .checked=${this.values[field] as boolean}
          />
          <span>${this.t(label)} <span aria-hidden="true">*</span></span>
        </label>
        ${this.renderError(field)}
      </div>
    `;
  }
}
