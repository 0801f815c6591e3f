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
  /** "tirsdag 8. januar, kl. 17.00–19.00 (2 timer)". */
  when: string;
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

/** A shift's `<li>` as it is cloned: with a claim button, as begun, or read-only (a feed's). */
type Variant = 'claim' | 'past' | 'feed';
let prototypes: Record<Variant, HTMLLIElement> | undefined;

/**
 * Five elements a shift, each with its text node already in place, so that
 * a shift is one `cloneNode` and a few `data` writes:
 *
 * `<li part="shift">` holding `<p class="when" id="when-<id>">` (the title in
 * `<strong>`, then on lines of their own, by `white-space: pre-line`, the
 * time with its length and the place; the button is described by it), the
 * places left (`part="places"`) and the button (`part="button"`), or instead
 * of the button why there is none.
 */
function protos() {
  if (prototypes) return prototypes;
  const li = (...rest: Node[]) =>
    el(
      'li',
      { part: 'shift', class: 'shift' },
      el('p', { class: 'when' }, el('strong', {}, new Text()), new Text()),
      ...rest,
    );
  const places = () => el('p', { part: 'places', class: 'places' }, new Text());
  prototypes = {
    claim: li(places(), el('button', { part: 'button', type: 'button' }, new Text())),
    past: li(places(), el('p', { class: 'hint past' }, new Text())),
    feed: li(),
  };
  return prototypes;
}

function build(s: ShownShift, t: ShiftTexts): HTMLLIElement {
  const claim = !s.readOnly && 'label' in t.action;
  const li = protos()[s.readOnly ? 'feed' : claim ? 'claim' : 'past'].cloneNode(
    true,
  ) as HTMLLIElement;
  const when = li.firstChild as HTMLParagraphElement;
  const id = `when-${s.id}`;
  when.id = id;
  (when.firstChild!.firstChild as Text).data = s.title;
  (when.lastChild as Text).data = s.location ? `\n${t.when}\n${s.location}` : `\n${t.when}`;
  if (s.readOnly) return li;
  const places = when.nextSibling as HTMLElement;
  if (t.full) places.className = 'places full';
  (places.firstChild as Text).data = t.places;
  const last = li.lastChild as HTMLElement;
  (last.firstChild as Text).data = 'label' in t.action ? t.action.label : t.action.past;
  if (claim) {
    if (t.full) last.className = 'secondary';
    last.setAttribute('data-shift', s.id);
    last.setAttribute('aria-describedby', id);
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
   * its `<li>` has to be made (new, changed, begun since, or another locale),
   * and is told whether it has begun.
   */
  list(
    day: string,
    shifts: readonly ShownShift[],
    locale: string,
    texts: (s: ShownShift, begun: boolean) => ShiftTexts,
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
      const key = `${locale}\u0000${begun}\u0000${s.title}\u0000${s.location}\u0000${s.start}\u0000${s.end}\u0000${s.capacity}\u0000${s.taken}\u0000${s.waiting}\u0000${s.readOnly}`;
      let kept = this.#shifts.get(s.id);
      if (kept?.key !== key) {
        const old = kept?.li;
        kept = { key, shift: s, li: build(s, texts(s, begun)) };
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
    // The list's size while it is off screen and not laid out (see the styles).
    const count = String(shifts.length);
    if (ul.style.getPropertyValue('--shifts') !== count) ul.style.setProperty('--shifts', count);
    // A focused button whose shift was made again: focus its successor.
    if (focused instanceof HTMLElement && !focused.isConnected && focused.dataset.shift) {
      this.#shifts.get(focused.dataset.shift)?.li.querySelector('button')?.focus();
    }
    return ul;
  }
}
