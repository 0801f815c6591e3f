/**
 * Reading a backup file and planning its import. Nothing here writes: the
 * plan is shown to the leader as a dry run, and only then applied in one
 * transaction by the repository.
 */
import type * as z from 'zod/mini';
import type { Locale } from '../i18n/index.js';
import { isSidebarKey, st } from '../i18n/sidebar/index.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type Backup, BackupHeader } from '../schemas/backup.js';
import { FollowUp } from '../schemas/follow-up.js';
import { LeaderWeek } from '../schemas/leader-week.js';
import { Note } from '../schemas/note.js';
import { PageLink } from '../schemas/page-link.js';
import { Settings } from '../schemas/settings.js';
import { Volunteer } from '../schemas/volunteer.js';
import type { Progress } from './repo.js';

/** Files beyond this are refused before parsing: no leader has 100 MB of notes. */
export const MAX_BACKUP_BYTES = 100 * 1024 * 1024;

/** Why a file cannot be imported, and where. `code` is a sidebar catalog key. */
export interface BackupProblem {
  code:
    | 'import.error.tooLarge'
    | 'import.error.json'
    | 'import.error.notObject'
    | 'import.error.format'
    | 'import.error.version'
    | 'import.error.field'
    | 'import.error.duplicate'
    | 'import.error.reference';
  /** Where in the file: property names and 0-based list positions. */
  path: (string | number)[];
  /** The zod message (itself a catalog key when the schema names one). */
  detail?: string;
  line?: number;
  column?: number;
}

/** The outcome of reading or planning: a value, or one problem to show. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: BackupProblem };

const SECTIONS = [
  ['volunteers', Volunteer],
  ['notes', Note],
  ['followUps', FollowUp],
  ['pageLinks', PageLink],
  ['leaderWeeks', LeaderWeek],
] as const;
/** Sections a file written before they existed lacks: read as empty. */
const SINCE_LATER: ReadonlySet<Section> = new Set(['leaderWeeks']);

/** The record kinds of a backup, in file order. */
export type Section = (typeof SECTIONS)[number][0];

/** Yields to the event loop so a progress bar can paint during long work. */
const yieldToUi = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Parses and validates a backup file's text against the shared schemas,
 * record by record so the first problem can be named precisely.
 */
export async function readBackup(
  text: string,
  onProgress: Progress = () => {},
): Promise<Checked<Backup>> {
  if (text.length > MAX_BACKUP_BYTES) return fail('import.error.tooLarge', []);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problem: { code: 'import.error.json', path: [], ...jsonPosition(text, error) },
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail('import.error.notObject', []);
  const obj = raw as Record<string, unknown>;
  if (obj.format !== BACKUP_FORMAT) return fail('import.error.format', ['format']);
  if (obj.version !== BACKUP_VERSION) return fail('import.error.version', ['version']);
  const header = BackupHeader.safeParse(obj);
  if (!header.success) return fromIssue(header.error.issues[0]!, []);

  const total =
    SECTIONS.reduce((n, [key]) => n + (Array.isArray(obj[key]) ? obj[key].length : 0), 0) || 1;
  let seen = 0;
  const out: Record<string, unknown[]> = {};
  for (const [key, schema] of SECTIONS) {
    const list = obj[key] === undefined && SINCE_LATER.has(key) ? [] : obj[key];
    if (!Array.isArray(list)) return fail('import.error.field', [key], 'import.error.list');
    const parsed: unknown[] = new Array(list.length);
    const ids = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const result = (schema as z.ZodMiniType).safeParse(list[i]);
      if (!result.success) return fromIssue(result.error.issues[0]!, [key, i]);
      const id = (result.data as { id: string }).id;
      if (ids.has(id)) return fail('import.error.duplicate', [key, i, 'id']);
      ids.add(id);
      parsed[i] = result.data;
      if (++seen % 2000 === 0) {
        onProgress(seen / total);
        await yieldToUi();
      }
    }
    out[key] = parsed;
  }
  let settings: Settings | undefined;
  if (obj.settings !== undefined) {
    const result = Settings.safeParse(obj.settings);
    if (!result.success) return fromIssue(result.error.issues[0]!, ['settings']);
    settings = result.data;
  }
  onProgress(1);
  const backup = {
    ...header.data,
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    volunteers: out.volunteers as Volunteer[],
    notes: out.notes as Note[],
    followUps: out.followUps as FollowUp[],
    pageLinks: out.pageLinks as PageLink[],
    leaderWeeks: out.leaderWeeks as LeaderWeek[],
  } satisfies Backup;
  return { ok: true, value: settings ? { ...backup, settings } : backup };
}

/** How many records of one kind the import adds, updates, leaves, or finds in conflict. */
export interface SectionCounts {
  new: number;
  updated: number;
  conflicting: number;
  unchanged: number;
}

/** One put the import will make. */
export interface PlannedWrite {
  store: 'volunteers' | 'notes' | 'follow-ups' | 'page-links' | 'leader-weeks';
  value: Volunteer | Note | FollowUp | PageLink | LeaderWeek;
}

/** The dry run: counts to show, and the writes to make if the leader goes ahead. */
export interface ImportPlan {
  summary: Record<Section, SectionCounts>;
  writes: PlannedWrite[];
  /** Merges the file's settings into the current ones, when the file has any. */
  settings?: (current: Settings) => Partial<Settings>;
}

/** The records already in the database, as the plan compares against them. */
export interface CurrentRecords {
  volunteers: readonly Volunteer[];
  notes: readonly Note[];
  followUps: readonly FollowUp[];
  pageLinks: readonly PageLink[];
  leaderWeeks?: readonly LeaderWeek[];
}

const STORE: Record<Section, PlannedWrite['store']> = {
  volunteers: 'volunteers',
  notes: 'notes',
  followUps: 'follow-ups',
  pageLinks: 'page-links',
  leaderWeeks: 'leader-weeks',
};

/**
 * Merges by id and `updatedAt`: a record the database lacks is new; a newer
 * one in the file updates; an older one, or the same time with different
 * content, is a conflict and the database's copy is kept. References must
 * point at a volunteer or note in the file or the database.
 */
export function planImport(backup: Backup, current: CurrentRecords): Checked<ImportPlan> {
  const volunteerIds = new Set([...current.volunteers, ...backup.volunteers].map((v) => v.id));
  const noteIds = new Set([...current.notes, ...backup.notes].map((n) => n.id));
  for (const [i, note] of backup.notes.entries()) {
    const j = note.volunteerIds.findIndex((id) => !volunteerIds.has(id));
    if (j >= 0) return fail('import.error.reference', ['notes', i, 'volunteerIds', j]);
  }
  for (const [i, f] of backup.followUps.entries()) {
    if (f.volunteerId && !volunteerIds.has(f.volunteerId)) {
      return fail('import.error.reference', ['followUps', i, 'volunteerId']);
    }
    if (f.noteId && !noteIds.has(f.noteId))
      return fail('import.error.reference', ['followUps', i, 'noteId']);
  }
  for (const [i, l] of backup.pageLinks.entries()) {
    const known = l.target.kind === 'volunteer' ? volunteerIds : noteIds;
    if (!known.has(l.target.id))
      return fail('import.error.reference', ['pageLinks', i, 'target', 'id']);
  }

  const summary = {} as Record<Section, SectionCounts>;
  const writes: PlannedWrite[] = [];
  for (const [key] of SECTIONS) {
    const counts: SectionCounts = { new: 0, updated: 0, conflicting: 0, unchanged: 0 };
    const mine = new Map<string, { updatedAt: string }>((current[key] ?? []).map((r) => [r.id, r]));
    for (const record of backup[key]) {
      const local = mine.get(record.id);
      if (!local) {
        counts.new++;
        writes.push({ store: STORE[key], value: record });
      } else if (Date.parse(record.updatedAt) > Date.parse(local.updatedAt)) {
        counts.updated++;
        writes.push({ store: STORE[key], value: record });
      } else if (canonical(record) === canonical(local)) {
        counts.unchanged++;
      } else {
        counts.conflicting++;
      }
    }
    summary[key] = counts;
  }
  const plan: ImportPlan = { summary, writes };
  const theirs = backup.settings;
  if (theirs) plan.settings = (mine) => mergeSettings(mine, theirs);
  return { ok: true, value: plan };
}

/** The newer side's choices win; identifying parameters are united per site. */
function mergeSettings(mine: Settings, theirs: Settings): Partial<Settings> {
  const time = (s: Settings) => (s.updatedAt ? Date.parse(s.updatedAt) : 0);
  const newer = time(theirs) > time(mine) ? theirs : mine;
  const siteParams: Record<string, string[]> = { ...mine.siteParams };
  for (const [site, params] of Object.entries(theirs.siteParams)) {
    siteParams[site] = [...new Set([...(siteParams[site] ?? []), ...params])];
  }
  const lastBackupAt = [mine.lastBackupAt, theirs.lastBackupAt].filter(Boolean).sort().pop();
  return {
    retentionMonths: newer.retentionMonths,
    quietWeeks: newer.quietWeeks,
    siteParams,
    ...(lastBackupAt ? { lastBackupAt } : {}),
  };
}

/** JSON with sorted keys, so two equal records compare equal whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * A refusal as the leader reads it: what is wrong, as a sentence, then where,
 * with sections, positions and fields named in the leader's language
 * ("Noter, nr. 1, feltet “Tekst”"), never the file's own property names.
 */
export function describeProblem(problem: BackupProblem, locale: Locale): string {
  const detail =
    problem.detail && isSidebarKey(problem.detail)
      ? st(locale, problem.detail)
      : st(locale, 'import.error.invalid');
  const what = st(locale, problem.code, { detail });
  if (problem.line) {
    const where = st(locale, 'import.error.whereLine', {
      line: problem.line,
      column: problem.column ?? 1,
    });
    return `${what} ${where}`;
  }
  if (problem.path.length === 0) return what;
  return `${what} ${st(locale, 'import.error.where', { path: describePath(problem.path, locale) })}`;
}

/**
 * "Noter, nr. 1, feltet “Citat – Tekst”": the first name is the section, a
 * number is a position in a list, and neighbouring names are one nested field.
 */
function describePath(path: readonly (string | number)[], locale: Locale): string {
  const parts: string[] = [];
  let field: string[] = [];
  const flush = () => {
    if (field.length > 0) parts.push(st(locale, 'import.path.field', { name: field.join(' – ') }));
    field = [];
  };
  path.forEach((p, i) => {
    if (typeof p === 'number') {
      flush();
      parts.push(st(locale, 'import.path.item', { n: p + 1 }));
    } else if (i === 0 && sectionLabel(p, locale)) {
      parts.push(sectionLabel(p, locale)!);
    } else {
      field.push(fieldLabel(p, locale));
    }
  });
  flush();
  return parts.join(', ');
}

function sectionLabel(key: string, locale: Locale): string | undefined {
  const k = key === 'settings' ? 'import.section.settings' : `data.section.${key}`;
  return isSidebarKey(k) ? st(locale, k) : undefined;
}

/** A field's name in the leader's language; a key that is the leader's own data (a site) as it is. */
function fieldLabel(key: string, locale: Locale): string {
  const k = `import.field.${key}`;
  return isSidebarKey(k) ? st(locale, k) : key;
}

function fail(
  code: BackupProblem['code'],
  path: BackupProblem['path'],
  detail?: string,
): Checked<never> {
  return { ok: false, problem: detail ? { code, path, detail } : { code, path } };
}

function fromIssue(issue: { path: PropertyKey[]; message: string }, prefix: (string | number)[]) {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  return fail('import.error.field', path, issue.message);
}

/** Line and column of a JSON syntax error, from the engine's message. */
function jsonPosition(text: string, error: unknown): { line?: number; column?: number } {
  const message = error instanceof Error ? error.message : '';
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  // A file cut short fails at its very end ("Unexpected end of JSON input").
  const at = pos ? Number(pos[1]) : /end of (JSON )?(input|data)/i.test(message) ? text.length : -1;
  if (at < 0) return {};
  const before = text.slice(0, at);
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}
