import * as z from 'zod/mini';
import { Id, IsoInstant, trimmed } from './common.js';
import { Label } from './volunteer.js';

/**
 * The leadership lenses from the brief: what a note is about. Fixed keys so
 * they can be translated and filtered; free tags sit beside them.
 */
export const Lens = z.enum(
  ['motivation', 'belastning', 'ejerskab', 'konflikt', 'anerkendelse', 'vaerdier'],
  'error.note.lens',
);
export type Lens = z.infer<typeof Lens>;

/** The lenses in the order the sidebar shows them. */
export const LENSES: readonly Lens[] = Lens.options;

/** Text quoted from a page, with the page it came from. */
export const Quote = z.object({
  text: trimmed(1, 5000, 'error.note.quote'),
  url: z.string().check(z.maxLength(2000, 'error.url.tooLong')),
  title: z._default(z.string().check(z.maxLength(300, 'error.note.title')), ''),
});
export type Quote = z.output<typeof Quote>;

/**
 * A private note. It may concern several volunteers, or none yet (a captured
 * quote waiting to be filed).
 */
export const Note = z.object({
  id: Id,
  volunteerIds: z.array(Id).check(z.maxLength(50, 'error.note.tooManyVolunteers')),
  text: z._default(trimmed(0, 20_000, 'error.note.text'), ''),
  lenses: z._default(z.array(Lens), []),
  tags: z._default(z.array(Label).check(z.maxLength(30, 'error.label.tooMany')), []),
  quote: z.optional(Quote),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
  /** When the leader last decided to keep an old note (the retention review). */
  reviewedAt: z.optional(IsoInstant),
});
export type Note = z.output<typeof Note>;
