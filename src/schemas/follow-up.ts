import * as z from 'zod/mini';
import { Id, IsoInstant, trimmed } from './common.js';

/** Something the leader means to do for or with a volunteer, by a due time. */
export const FollowUp = z.object({
  id: Id,
  volunteerId: z.optional(Id),
  noteId: z.optional(Id),
  text: trimmed(1, 500, 'error.followUp.text'),
  due: IsoInstant,
  done: z._default(z.boolean(), false),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type FollowUp = z.output<typeof FollowUp>;
