import * as z from 'zod/mini';
import { Id, trimmed } from './common.js';

/** What an admin sends to create an activity (POST /api/v1/activities). */
export const NewActivity = z.object({
  title: trimmed(1, 120, 'error.title', 'line'),
  description: z._default(trimmed(0, 2000, 'error.description', 'lines'), ''),
  coreIdea: z._default(trimmed(0, 500, 'error.coreIdea', 'lines'), ''),
});
export type NewActivity = z.infer<typeof NewActivity>;

/** A volunteering activity as the public API returns it. */
export const Activity = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  coreIdea: z.string(),
  /** Made by the server (ISO 8601); a plain string here keeps the widget bundle small. */
  createdAt: z.string(),
});
export type Activity = z.infer<typeof Activity>;

export const ActivityList = z.array(Activity);
