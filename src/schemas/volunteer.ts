import * as z from 'zod/mini';
import { Id, IsoInstant, trimmed } from './common.js';

/** Where a volunteer stands right now; "paused" keeps notes without nagging about presence. */
export const VolunteerStatus = z.enum(['active', 'paused', 'ended'], 'error.volunteer.status');
export type VolunteerStatus = z.infer<typeof VolunteerStatus>;

/** A short free label (a role, an activity or a tag). */
export const Label = trimmed(1, 60, 'error.label');

/** A volunteer as the leader keeps them: the least needed to lead them well. */
export const Volunteer = z.object({
  id: Id,
  name: trimmed(1, 120, 'error.volunteer.name'),
  /** Optional contact, free text: a phone number or an e-mail, as the leader writes it. */
  contact: z._default(trimmed(0, 200, 'error.volunteer.contact'), ''),
  roles: z._default(z.array(Label).check(z.maxLength(30, 'error.label.tooMany')), []),
  tags: z._default(z.array(Label).check(z.maxLength(30, 'error.label.tooMany')), []),
  status: z._default(VolunteerStatus, 'active'),
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type Volunteer = z.output<typeof Volunteer>;
