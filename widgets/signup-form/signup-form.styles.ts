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

    h3 {
      font-size: 1.125em;
      margin: 0 0 0.5em;
    }

    p {
      margin: 0 0 0.75em;
    }

    .summary {
      border: 2px solid var(--_error);
      border-inline-start-width: 0.5em;
      border-radius: var(--_radius);
      padding: 0.75em 1em;
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

    .activity {
      border-inline-start: 0.25em solid var(--_primary);
      padding-inline-start: 0.75em;
      margin-block: 0.25em 0;
    }

    .activity-title {
      font-weight: 600;
    }

    .core-idea {
      font-style: italic;
    }

    .privacy {
      margin-block: calc(-0.5 * var(--_space)) var(--_space);
    }

    .honeypot {
      position: absolute;
      inset-inline-start: -10000px;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
    }

    .message {
      border: 2px solid var(--_success);
      border-inline-start-width: 0.5em;
      border-radius: var(--_radius);
      padding: 1em;
    }

    .message.queued {
      border-color: var(--_primary);
    }

    @media (forced-colors: active) {
      .summary,
      .message {
        border-color: CanvasText;
      }
    }
  `,
];
