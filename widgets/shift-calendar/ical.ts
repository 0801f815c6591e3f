// The lazily loaded `samskab-ical.js`: ical.js and nothing that samskab.js
// also imports (anything shared would be split out of samskab.js into a
// chunk of its own, and the kit would stop being one file).
import ICAL from 'ical.js';

/** One event of a feed, as the calendar shows it. */
export interface IcsItem {
  id: string;
  title: string;
  location: string;
  /** ISO 8601 instants. */
  start: string;
  end: string;
}

/** The most occurrences one recurring event may expand to: a feed must not hang the page. */
const MAX_OCCURRENCES = 500;

/** Parses an iCalendar text into events in [from, to), recurring ones expanded, VTIMEZONEs honoured. */
export function parseIcs(text: string, from: Date, to: Date): IcsItem[] {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const items: IcsItem[] = [];
  for (const component of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(component);
    const push = (start: ICAL.Time, end: ICAL.Time, n: number) => {
      const s = start.toJSDate();
      const e = end.toJSDate();
      if (e > from && s < to) {
        items.push({
          id: `${event.uid}#${n}`,
          title: event.summary ?? '',
          location: event.location ?? '',
          start: s.toISOString(),
          end: e.toISOString(),
        });
      }
    };
    if (!event.isRecurring()) {
      push(event.startDate, event.endDate, 0);
      continue;
    }
    const it = event.iterator();
    for (let n = 0; n < MAX_OCCURRENCES; n++) {
      const next = it.next();
      if (!next || next.toJSDate() >= to) break;
      const o = event.getOccurrenceDetails(next);
      push(o.startDate, o.endDate, n);
    }
  }
  return items.sort((a, b) => a.start.localeCompare(b.start));
}
