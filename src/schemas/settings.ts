import * as z from 'zod/mini';
import { IsoInstant } from './common.js';
import { defaultWeekPlan, WeekPlan } from './leader-week.js';

/** A query parameter name as a site uses it in its URLs. */
const ParamName = z.string().check(z.regex(/^[A-Za-z0-9_.[\]-]{1,40}$/, 'error.settings.param'));

/** The leader's choices for the sidebar. One record, kept with the notes. */
export const Settings = z.object({
  /** Flag notes for review once they are older than this many months; 0 turns it off. */
  retentionMonths: z._default(z.number().check(z.int(), z.gte(0), z.lte(120)), 24),
  /** "Not spoken to in N weeks": volunteers without a note for this long. */
  quietWeeks: z._default(z.number().check(z.int(), z.gte(1), z.lte(52)), 4),
  /** Per site (host), the query parameters that identify a record on that site. */
  siteParams: z._default(
    z.record(
      z.string().check(z.regex(/^[a-z0-9.:[\]-]{1,253}$/, 'error.settings.site')),
      z.array(ParamName),
    ),
    {},
  ),
  /** "Min uge som leder": the questions, the reminder and the presence window. */
  weekPlan: z._default(WeekPlan, defaultWeekPlan),
  /** Lock the notes after this many idle minutes (when a passphrase is set). */
  lockAfterMinutes: z._default(z.number().check(z.int(), z.gte(1), z.lte(240)), 15),
  lastBackupAt: z.optional(IsoInstant),
  updatedAt: z.optional(IsoInstant),
});
export type Settings = z.output<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

/** The settings a fresh install starts with. */
export const defaultSettings = (): Settings => Settings.parse({});
