import { css } from 'lit';
import { base, controls, panels } from '../internal/styles.js';

export const styles = [
  base,
  controls,
  panels,
  css`
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

    /* The activity list while it loads: a label's line and a select's box (2.75em). */
    .label {
      font-weight: 600;
    }

    .pending {
      display: flex;
      align-items: center;
      min-block-size: calc(2.75em / 0.9);
      margin: 0;
    }

    .privacy {
      margin-block: calc(-0.5 * var(--_space)) var(--_space);
    }
  `,
];
