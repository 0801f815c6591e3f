import { describe, expect, it } from 'vitest';
import { csvCell, volunteersToCsv } from '../../src/notes/csv.js';
import type { Volunteer } from '../../src/schemas/volunteer.js';

const labels = {
  name: 'Navn',
  contact: 'Kontakt',
  roles: 'Roller',
  tags: 'Mærker',
  status: 'Status',
  lastNote: 'Seneste note',
  createdAt: 'Oprettet',
  statuses: { active: 'Aktiv', paused: 'På pause', ended: 'Stoppet' },
};

describe('CSV export', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const bad of ['=HYPERLINK("x")', '+45 12 34', '-2+3', '@SUM(A1)', '\tx']) {
      expect(csvCell(bad).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('Søren')).toBe('Søren');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('sagde "hej"')).toBe('"sagde ""hej"""');
    expect(csvCell('to\nlinjer')).toBe('"to\nlinjer"');
  });

  it('writes one row per volunteer with a BOM for Danish Excel', () => {
    const v: Volunteer = {
      id: 'v1',
      name: '=cmd',
      contact: '+45 11 22 33 44',
      roles: ['Lektiecafé', 'Kørsel'],
      tags: [],
      status: 'paused',
      createdAt: '2026-01-02T10:00:00.000Z',
      updatedAt: '2026-01-02T10:00:00.000Z',
    };
    const csv = volunteersToCsv([v], labels, new Map([['v1', '2026-03-04T10:00:00.000Z']]));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Navn;Kontakt;Roller;Mærker;Status;Seneste note;Oprettet',
      "'=cmd;'+45 11 22 33 44;Lektiecafé, Kørsel;;På pause;2026-03-04;2026-01-02",
      '',
    ]);
  });
});
