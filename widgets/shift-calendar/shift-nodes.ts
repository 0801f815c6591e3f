/**
 * The DOM of the calendar's shift lists, built by hand and kept. A list view
 * shows every shift of 28 days (1,000 in the bench): as Lit templates that
 * was four template instances per shift, whose cloning, tree walking and
 * markers were most of the view's time. Here a shift is one clone of a
 * prototype with its texts set, made again only when what it shows changes;
 * a day's `<ul>` is kept too and only the shifts that changed are put in or
 * taken out, so a focused button stays where it is through a refresh. Lit
 * renders these nodes as values; clicks are heard once per list.
 */
import type { Shift } from '../../src/schemas/shift.js';

/** A shift as shown; feed items have no places and cannot be claimed. */
export type ShownShift = Shift & { readOnly?: boolean };

/** What a shift's `<li>` says, worded by the calendar. */
export interface ShiftTexts {
  /** "tirsdag 8. januar, kl. 17.00–19.00". */
  when: string;
  /** "(2 timer)". */
  hours: string;
  /** "2 af 5 pladser ledige · 1 på venteliste". */
  places: string;
  full: boolean;
  /** The claim (or waitlist) button's label, or why there is none. */
  action: { label: string } | { past: string };
}

interface Kept {
  /** Everything the `<li>` was made from; another value means it is made again. */
  key: string;
  shift: ShownShift;
  li: HTMLLIElement;
}

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Node[]
) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
};

let prototypes:
  | {
      li: HTMLLIElement;
      where: HTMLElement;
      places: HTMLElement;
      button: HTMLElement;
      past: HTMLElement;
    }
  | undefined;

/**
 * The same markup the Lit template had: `<li part="shift">` holding the title
 * and time (`#when-<id>`, which the button is described by), the place, the
 * places left (`part="places"`) and the button (`part="button"`).
 */
function protos() {
  prototypes ??= {
    li: el(
      'li',
      { part: 'shift', class: 'shift' },
      el(
        'p',
        { class: 'when' },
        el('strong'),
        el('br'),
        new Text(),
        new Text(' '),
        el('span', { class: 'hint' }),
      ),
    ),
    where: el('p', { class: 'where' }),
    places: el('p', { part: 'places', class: 'places' }),
    button: el('button', { part: 'button', type: 'button' }),
    past: el('p', { class: 'hint past' }),
  };
  return prototypes;
}

const clone = <T extends Node>(node: T) => node.cloneNode(true) as T;

function build(s: ShownShift, t: ShiftTexts): HTMLLIElement {
  const p = protos();
  const li = clone(p.li);
  const when = li.firstChild as HTMLParagraphElement;
  when.id = `when-${s.id}`;
  const [title, , range, , hours] = when.childNodes as unknown as [
    HTMLElement,
    Node,
    Text,
    Text,
    HTMLElement,
  ];
  title.textContent = s.title;
  range.data = t.when;
  hours.textContent = t.hours;
  if (s.location) {
    const where = clone(p.where);
    where.textContent = s.location;
    li.append(where);
  }
  if (s.readOnly) return li;
  const places = clone(p.places);
  if (t.full) places.classList.add('full');
  places.textContent = t.places;
  li.append(places);
  if ('past' in t.action) {
    const past = clone(p.past);
    past.textContent = t.action.past;
    li.append(past);
  } else {
    const button = clone(p.button);
    if (t.full) button.className = 'secondary';
    button.dataset.shift = s.id;
    button.setAttribute('aria-describedby', when.id);
    button.textContent = t.action.label;
    li.append(button);
  }
  return li;
}

/** The kept DOM of one calendar's shift lists. */
export class ShiftNodes {
  /** By shift id. */
  readonly #shifts = new Map<string, Kept>();
  /** By day, `YYYY-MM-DD`. */
  readonly #lists = new Map<string, HTMLUListElement>();
  readonly #onClick = (event: Event) => {
    const id = (event.target as Element).closest<HTMLElement>('[data-shift]')?.dataset.shift;
    const kept = id === undefined ? undefined : this.#shifts.get(id);
    if (kept) this.claim(kept.shift);
  };

  /** `claim` is called with the shift whose button was pressed. */
  constructor(readonly claim: (s: ShownShift) => void) {}

  /**
   * `<ul part="list">` of a day's shifts, in order; `texts` words a shift when
   * its `<li>` has to be made (new, changed, begun since, or another locale).
   */
  list(
    day: string,
    shifts: readonly ShownShift[],
    locale: string,
    texts: (s: ShownShift) => ShiftTexts,
  ): HTMLUListElement {
    let ul = this.#lists.get(day);
    if (!ul) {
      ul = el('ul', { part: 'list', class: 'shifts', role: 'list' });
      ul.addEventListener('click', this.#onClick);
      this.#lists.set(day, ul);
    }
    const focused = (ul.getRootNode() as Document | ShadowRoot).activeElement;
    const now = Date.now();
    let at = ul.firstChild;
    for (const s of shifts) {
      const begun = Date.parse(s.start) <= now;
      const key = [
        locale,
        begun,
        s.title,
        s.location,
        s.start,
        s.end,
        s.capacity,
        s.taken,
        s.waiting,
        s.readOnly,
      ].join('\u0000');
      let kept = this.#shifts.get(s.id);
      if (kept?.key !== key) {
        const old = kept?.li;
        kept = { key, shift: s, li: build(s, texts(s)) };
        this.#shifts.set(s.id, kept);
        if (old && old === at) {
          ul.replaceChild(kept.li, old);
          at = kept.li;
        } else old?.remove();
      }
      kept.shift = s;
      // Only what is new here moves: a kept `<li>` already in its place stays put.
      if (kept.li === at) at = at.nextSibling;
      else ul.insertBefore(kept.li, at);
    }
    while (at) {
      const next = at.nextSibling;
      at.remove();
      at = next;
    }
    // A focused button whose shift was made again: focus its successor.
    if (focused instanceof HTMLElement && !focused.isConnected && focused.dataset.shift) {
      this.#shifts.get(focused.dataset.shift)?.li.querySelector('button')?.focus();
    }
    return ul;
  }
}
