import { css } from 'lit';
import { base, controls, panels } from '../internal/styles.js';

export const styles = [
  base,
  controls,
  panels,
  css`
    :host {
      max-inline-size: var(--samskab-max-width, 60em);
    }

    h3 {
      margin-block-start: 1em;
    }

    .toolbar,
    .views,
    .period,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }

    .toolbar {
      justify-content: space-between;
      margin-block-end: var(--_space);
    }

    .views button[aria-pressed='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
    }

    .period button {
      padding-inline: 0.9em;
    }

    .caption {
      margin: 0;
      font-weight: 600;
      min-inline-size: 8em;
      text-align: center;
    }

    /*
     * The grid's own width decides how a day is shown, not the viewport's: a
     * widget in a 440px column of a wide page is as narrow as one on a phone.
     * (On the grid rather than the host, so the widget keeps its natural width
     * in a flex row or a table cell.)
     */
    .grid {
      display: grid;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      container-type: inline-size;
    }

    .row {
      display: grid;
      grid-template-columns: repeat(7, minmax(0, 1fr));
    }

    .weekday {
      font-weight: 600;
      font-size: 0.875em;
      padding: 0.25em;
      text-align: center;
      border-block-end: 1px solid var(--_border);
    }

    .cell {
      /* A cell's chips never change another's layout: a shift added to one day relays out that day only. */
      contain: content;
      min-block-size: 5.5em;
      padding: 0.25em;
      border-block-end: 1px solid var(--_border);
      border-inline-end: 1px solid var(--_border);
      cursor: pointer;
      overflow: hidden;
      font-size: 0.875em;
    }

    .week .cell {
      min-block-size: 10em;
    }

    .cell[aria-selected='true'] {
      background: color-mix(in srgb, var(--_primary) 10%, var(--_background));
    }

    .cell:focus-visible {
      outline-offset: -3px;
    }

    .outside .num {
      color: var(--_muted);
    }

    .today .num {
      background: var(--_primary);
      color: var(--_on-primary);
      border-radius: 1em;
      padding-inline: 0.4em;
    }

    .num {
      display: inline-block;
      font-weight: 600;
    }

    .chip,
    .more,
    .tally > * {
      display: block;
      margin-block-start: 0.15em;
    }

    .chip,
    .more {
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      border-inline-start: 0.2em solid var(--_primary);
      padding-inline-start: 0.25em;
    }

    /* With room for chips they are the count; the places left show under them. */
    .tally .count {
      display: none;
    }

    .free {
      font-weight: 600;
      color: var(--_success);
    }

    .free.full {
      color: var(--_error);
    }

    .chip.full {
      border-inline-start-color: var(--_error);
    }

    .more {
      border: 0;
      color: var(--_muted);
    }

    .shifts {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.75em;
      /*
       * A long list styles and lays out only the days on screen (one lock a
       * day rather than one a shift); until a day has been drawn its size is
       * guessed from its count of shifts, which the list sets as --shifts.
       */
      content-visibility: auto;
      contain-intrinsic-size: auto calc(var(--shifts, 1) * 12em);
    }

    /* A shift is about 12em tall, and taller where its lines wrap. */
    @media (max-width: 30em) {
      .shifts {
        contain-intrinsic-size: auto calc(var(--shifts, 1) * 14em);
      }
    }

    .when {
      white-space: pre-line;
    }

    /* A title's own line breaks (a feed's) are spaces, as before. */
    .when strong {
      white-space: normal;
    }

    .shift {
      border: 1px solid var(--_border);
      border-inline-start: 0.3em solid var(--_primary);
      border-radius: var(--_radius);
      padding: 0.75em 1em;
    }

    .places {
      font-weight: 600;
      color: var(--_success);
    }

    .places.full {
      color: var(--_error);
    }

    .day-panel {
      margin-block-start: var(--_space);
    }

    .message {
      padding-block: 0.75em;
      margin-block-end: var(--_space);
    }

    .race {
      border-color: var(--_error);
    }

    .warning {
      font-weight: 600;
    }

    /*
     * A chip cut to "15.0…" says nothing: a narrow grid says in words how
     * many shifts a day has and how many places are left, a word a line
     * ("2 / vagter"), never cut; the day's panel names them.
     */
    @container (max-width: 40em) {
      .chip,
      .more {
        display: none;
      }

      .tally .count {
        display: block;
      }

      .tally > * {
        overflow-wrap: anywhere;
      }
    }

    /* Too narrow for seven columns of words (a phone): days stack, and the chips come back whole. */
    @container (max-width: 26em) {
      .row {
        grid-template-columns: 1fr;
      }

      .row:first-child {
        display: none;
      }

      .cell {
        min-block-size: 0;
      }

      .tally {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.75em;
      }

      .chip,
      .more {
        display: block;
        white-space: normal;
      }
    }

    @media (forced-colors: active) {
      .shift,
      .grid,
      .cell {
        border-color: CanvasText;
      }

      .cell[aria-selected='true'],
      .views button[aria-pressed='true'] {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
      }
    }
  `,
];
