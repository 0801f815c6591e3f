import { css } from 'lit';

/**
 * The base every widget starts from. `all: initial` on the host stops the
 * page's inherited styles (a 10px root font, a big line-height,
 * `text-transform`) from leaking in; custom properties still pass, which is the
 * theming API. A page rule that matches the host itself (`* { line-height: 3 }`)
 * would beat `:host` (outer rules win, CSS Cascade 5 §6.1), except where
 * `:host` says `!important`: so the inherited text properties do. Sizes are in `em` from one font size that never drops below 16px.
 * No widget animates or transitions anything, so reduced motion needs no rule;
 * one that starts to must add its own `prefers-reduced-motion` guard.
 */
export const base = css`
  :host {
    all: initial;
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--samskab-max-width, 40em);
    /* system-ui is Segoe UI, San Francisco or Roboto wherever the widgets run (every browser since 2021). */
    /* The shorthand also resets weight and style a page rule might set. */
    font: var(--samskab-font-size, max(16px, 1rem)) / 1.5 var(--samskab-font-family, system-ui, sans-serif) !important;
    letter-spacing: normal !important;
    text-transform: none !important;
    color: var(--_text) !important;
    background: var(--_background);
    --_text: var(--samskab-color-text, #1a1a1a);
    --_muted: var(--samskab-color-muted, #595959);
    --_background: var(--samskab-color-background, #ffffff);
    --_primary: var(--samskab-color-primary, #004993);
    --_on-primary: var(--samskab-color-on-primary, #ffffff);
    --_border: var(--samskab-color-border, #747474);
    --_error: var(--samskab-color-error, #b3001b);
    --_success: var(--samskab-color-success, #1f6b33);
    --_focus: var(--samskab-color-focus, #004993);
    --_radius: var(--samskab-radius, 0.25em);
    --_space: var(--samskab-spacing, 1em);
  }

  :host([hidden]) {
    display: none;
  }

  /* The host page's font and text colour; Samskab's own colours for the rest. */
  :host([theme='inherit']) {
    font: inherit !important;
    color: var(--samskab-color-text, inherit) !important;
    --_text: currentColor;
    --_background: var(--samskab-color-background, transparent);
  }

  /* No widget draws ::before or ::after. */
  * {
    box-sizing: inherit;
  }

  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * Native form controls made to look the same on every host page. In forced
 * colours the browser itself turns border and outline colours into system
 * colours (CSS Color Adjustment 1, §3.1): every control keeps its solid
 * border, and only an invalid one needs a wider, marked border. Links keep the
 * browser's own underline.
 */
export const controls = css`
  .field {
    display: grid;
    gap: 0.25em;
    margin-block: 0 var(--_space);
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }

  label,
  legend {
    font-weight: 600;
    padding: 0;
  }

  .hint {
    color: var(--_muted);
    font-size: 0.9em;
  }

  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_background);
    inline-size: 100%;
    min-block-size: 2.75em;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
  }

  textarea {
    min-block-size: 5em;
    resize: vertical;
  }

  [aria-invalid='true'] {
    border-color: var(--_error) !important;
    box-shadow: inset 0.25em 0 0 var(--_error);
  }

  .choice {
    display: flex;
    gap: 0.6em;
    align-items: flex-start;
    font-weight: 400;
    padding-block: 0.25em;
  }

  .choice input {
    flex: none;
    inline-size: 1.25em;
    block-size: 1.25em;
    margin: 0.15em 0 0;
    accent-color: var(--_primary);
  }

  .error {
    color: var(--_error);
    font-weight: 600;
    margin: 0;
  }

  button {
    font: inherit;
    font-weight: 600;
    cursor: pointer;
    min-block-size: 2.75em;
    padding: 0.5em 1.25em;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
  }

  button.secondary {
    background: var(--_background);
    color: var(--_primary);
  }

  a {
    color: var(--_primary);
    text-underline-offset: 0.15em;
  }

  @media (forced-colors: active) {
    [aria-invalid='true'] {
      border: 3px solid Mark !important;
    }
  }
`;

/**
 * Headings, paragraphs and the panels the widgets share: the error summary after
 * a failed submit, the message after sending (`.queued` while it waits in the
 * outbox). (The person fields' honeypot is `.visually-hidden` and inert.)
 */
export const panels = css`
  h2 {
    font-size: 1.5em;
    line-height: 1.25;
    margin: 0 0 0.5em;
  }

  h3 {
    font-size: 1.125em;
    margin: 0 0 0.5em;
  }

  p {
    margin: 0 0 0.75em;
  }

  .summary,
  .message {
    border: 2px solid var(--_success);
    border-inline-start-width: 0.5em;
    border-radius: var(--_radius);
    padding: 1em;
  }

  .summary {
    border-color: var(--_error);
    padding-block: 0.75em;
    margin-block-end: var(--_space);
  }

  .summary ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }

  .summary a {
    color: var(--_error);
    font-weight: 600;
  }

  .message.queued {
    border-color: var(--_primary);
  }
`;
