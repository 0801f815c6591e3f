import * as z from 'zod/mini';
import { IsoInstant } from './common.js';
import { FollowUp } from './follow-up.js';
import { LeaderWeek } from './leader-week.js';
import { Note } from './note.js';
import { PageLink } from './page-link.js';
import { Settings } from './settings.js';
import { Volunteer } from './volunteer.js';

/** The format marker and the one version of the backup file this code writes. */
export const BACKUP_FORMAT = 'samskab-notes';
export const BACKUP_VERSION = 1;

/** The envelope of a backup file, checked before any record is looked at. */
export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT, 'error.backup.format'),
  version: z.literal(BACKUP_VERSION, 'error.backup.version'),
  exportedAt: IsoInstant,
});

/** A whole backup: every record the leader keeps, plus their settings. */
export const Backup = z.object({
  format: z.literal(BACKUP_FORMAT, 'error.backup.format'),
  version: z.literal(BACKUP_VERSION, 'error.backup.version'),
  exportedAt: IsoInstant,
  volunteers: z.array(Volunteer),
  notes: z.array(Note),
  followUps: z.array(FollowUp),
  pageLinks: z.array(PageLink),
  /** The leader's weekly reflections; absent from files written before they existed. */
  leaderWeeks: z._default(z.array(LeaderWeek), []),
  settings: z.optional(Settings),
});
export type Backup = z.output<typeof Backup>;
