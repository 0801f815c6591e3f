/**
 * CSV export of volunteers for a spreadsheet: semicolon-separated with a
 * byte-order mark, as Danish Excel expects, and safe against formula injection.
 */
import type { Volunteer } from '../schemas/volunteer.js';

/** Column headings and status words in the leader's language. */
export interface CsvLabels {
  name: string;
  contact: string;
  roles: string;
  tags: string;
  status: string;
  lastNote: string;
  createdAt: string;
  statuses: Record<Volunteer['status'], string>;
}

/**
 * One cell. A leading = + - @ (or tab/CR) would make a spreadsheet run the
 * cell as a formula, so it gets a leading apostrophe.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvCell(value: string, separator = ';'): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The volunteers as CSV text, one row each, with the date of their latest note. */
export function volunteersToCsv(
  volunteers: readonly Volunteer[],
  labels: CsvLabels,
  lastNoteAt: ReadonlyMap<string, string> = new Map(),
  separator = ';',
): string {
  const rows = [
    [
      labels.name,
      labels.contact,
      labels.roles,
      labels.tags,
      labels.status,
      labels.lastNote,
      labels.createdAt,
    ],
    ...volunteers.map((v) => [
      v.name,
      v.contact,
      v.roles.join(', '),
      v.tags.join(', '),
      labels.statuses[v.status],
      lastNoteAt.get(v.id)?.slice(0, 10) ?? '',
      v.createdAt.slice(0, 10),
    ]),
  ];
  return `\uFEFF${rows.map((r) => r.map((c) => csvCell(c, separator)).join(separator)).join('\r\n')}\r\n`;
}
