import { describe, expect, it } from 'vitest';
import {
  monthsBefore,
  notesForReview,
  overdueFollowUps,
  quietVolunteers,
} from '../../src/notes/presence.js';
import { needingNotice, syncFollowUpAlarms } from '../../src/notes/reminders.js';
import type { FollowUp } from '../../src/schemas/follow-up.js';
import type { Note } from '../../src/schemas/note.js';
import type { Volunteer } from '../../src/schemas/volunteer.js';

const now = new Date('2026-06-30T12:00:00.000Z');
const v = (id: string, createdAt: string, status: Volunteer['status'] = 'active'): Volunteer => ({
  id,
  name: id,
  contact: '',
  roles: [],
  tags: [],
  status,
  createdAt,
  updatedAt: createdAt,
});
const f = (id: string, due: string, done = false): FollowUp => ({
  id,
  text: id,
  due,
  done,
  createdAt: due,
  updatedAt: due,
});

describe('presence', () => {
  it('lists active volunteers not written about for N weeks, longest first', () => {
    const last = new Map([
      ['recent', '2026-06-25T00:00:00.000Z'],
      ['quiet', '2026-05-01T00:00:00.000Z'],
    ]);
    const list = quietVolunteers(
      [
        v('recent', '2026-01-01T00:00:00Z'),
        v('quiet', '2026-01-01T00:00:00Z'),
        v('never', '2026-01-01T00:00:00Z'),
        v('paused', '2026-01-01T00:00:00Z', 'paused'),
      ],
      last,
      4,
      now,
    );
    expect(list.map((q) => [q.volunteer.id, q.weeks])).toEqual([
      ['never', null],
      ['quiet', 8],
    ]);
  });

  it('counts a volunteer with no note at all as needing one, however new', () => {
    const list = quietVolunteers(
      [
        v('added today', '2026-06-30T08:00:00Z'),
        v('added in May', '2026-05-01T00:00:00Z'),
        v('written about', '2026-01-01T00:00:00Z'),
      ],
      new Map([['written about', '2026-06-29T00:00:00Z']]),
      4,
      now,
    );
    // Never written about first, the longest-waiting of them first.
    expect(list.map((q) => [q.volunteer.id, q.weeks])).toEqual([
      ['added in May', null],
      ['added today', null],
    ]);
  });

  it('lists open follow-ups past due, oldest first', () => {
    const list = overdueFollowUps(
      [
        f('later', '2026-07-01T00:00:00Z'),
        f('b', '2026-06-02T00:00:00+02:00'),
        f('a', '2026-05-01T00:00:00Z'),
        f('done', '2026-01-01T00:00:00Z', true),
      ],
      now,
    );
    expect(list.map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('flags notes older than N months unless reviewed since, and 0 turns it off', () => {
    const note = (id: string, createdAt: string, reviewedAt?: string): Note => ({
      id,
      volunteerIds: [],
      text: '',
      lenses: [],
      tags: [],
      createdAt,
      updatedAt: createdAt,
      ...(reviewedAt ? { reviewedAt } : {}),
    });
    const notes = [
      note('old', '2025-01-01T00:00:00Z'),
      note('kept', '2025-01-01T00:00:00Z', '2026-06-01T00:00:00Z'),
      note('new', '2026-06-01T00:00:00Z'),
    ];
    expect(notesForReview(notes, 12, now).map((n) => n.id)).toEqual(['old']);
    expect(notesForReview(notes, 0, now)).toEqual([]);
    expect(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1).toISOString()).toBe(
      '2026-02-28T00:00:00.000Z',
    );
  });
});

describe('follow-up reminders', () => {
  it('keeps one alarm per open future follow-up and clears stale ones', async () => {
    const alarms = new Map<string, number>([
      ['follow-up:gone', 1],
      ['other-alarm', 2],
    ]);
    const api = {
      getAll: async () => [...alarms.keys()].map((name) => ({ name })),
      create: (name: string, { when }: { when: number }) => void alarms.set(name, when),
      clear: async (name: string) => alarms.delete(name),
    };
    const result = await syncFollowUpAlarms(
      api,
      [
        f('soon', '2026-07-01T08:00:00Z'),
        f('past', '2026-06-01T08:00:00Z'),
        f('done', '2026-08-01T08:00:00Z', true),
      ],
      now,
    );
    expect(result).toEqual({ scheduled: 1, cleared: 1 });
    expect([...alarms]).toEqual([
      ['other-alarm', 2],
      ['follow-up:soon', Date.parse('2026-07-01T08:00:00Z')],
    ]);
  });

  it('notifies an overdue follow-up once per due time', () => {
    const list = [f('a', '2026-06-01T08:00:00Z'), f('b', '2026-06-02T08:00:00Z')];
    expect(needingNotice(list, { a: '2026-06-01T08:00:00Z' }, now).map((x) => x.id)).toEqual(['b']);
    expect(
      needingNotice(list, { a: '2026-05-01T08:00:00Z', b: '2026-06-02T08:00:00Z' }, now).map(
        (x) => x.id,
      ),
    ).toEqual(['a']);
  });
});
