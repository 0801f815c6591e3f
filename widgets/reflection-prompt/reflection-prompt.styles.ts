import { css } from 'lit';
import { base, controls } from '../internal/styles.js';

export const styles = [
  base,
  controls,
  css`
    h2 {
      font-size: 1.5em;
      line-height: 1.25;
      margin: 0 0 0.5em;
    }

    p {
      margin: 0 0 0.75em;
    }

    .field .hint {
      margin: 0;
    }

    /* Answers side by side while they fit, so 1–5 reads as a scale; they wrap at 320px. */
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1.25em;
    }

    .form-error {
      border-inline-start: 0.25em solid var(--_error);
      padding-inline-start: 0.75em;
      margin-block-end: var(--_space);
    }

    .message {
      border: 2px solid var(--_success);
      border-inline-start-width: 0.5em;
      border-radius: var(--_radius);
      padding: 1em 1em 0.25em;
    }

    .message.queued {
      border-color: var(--_primary);
    }

    @media (forced-colors: active) {
      .message,
      .form-error {
        border-color: CanvasText;
      }
    }
  `,
];
