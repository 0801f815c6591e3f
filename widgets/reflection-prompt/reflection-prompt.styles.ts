import { css } from 'lit';
import { base, controls, panels } from '../internal/styles.js';

export const styles = [
  base,
  controls,
  panels,
  css`
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
      padding-block-end: 0.25em;
    }

    @media (forced-colors: active) {
      .form-error {
        border-color: CanvasText;
      }
    }
  `,
];
