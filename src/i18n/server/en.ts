import type { ServerMessageKey } from './da.js';

/** English messages only the server says. */
export const serverEn: Record<ServerMessageKey, string> = {
  'error.title.required': 'Enter a title.',
  'error.title.tooLong': 'The title is too long.',
  'error.description.required': 'Enter a description.',
  'error.description.tooLong': 'The description is too long.',
  'error.coreIdea.required': 'Enter the core idea.',
  'error.coreIdea.tooLong': 'The core idea is too long.',
  'error.id': 'Invalid id.',
  'error.instant': 'Give the time as ISO 8601 with a time zone.',
  'error.year': 'The year must be between 2000 and 2100.',
  'error.idempotencyKey':
    'The Idempotency-Key header is missing or invalid (16–100 characters: A–Z, a–z, 0–9, - and _).',
  'error.idempotencyKey.reused': 'This Idempotency-Key was already used for a different request.',
  'error.json': 'The request is not valid JSON.',
  'error.utf8': 'The request is not valid UTF-8: send the text as UTF-8.',
  'error.bodyTooLarge': 'The request is too large (at most {limit} bytes).',
  'error.unauthorized': 'Access denied: give a valid admin token (Authorization: Bearer …).',
  'error.auth.throttled': 'Too many failed sign-in attempts. Wait a little and try again.',
  'auth.basic.unauthorized':
    'Sign in with the server’s admin token as the password. Any user name will do.',
  'error.origin': 'This website may not use the Samskab server.',
  'error.rateLimited': 'Too many requests. Try again shortly.',
  'error.forbidden': 'Your role does not give access to this.',
  'error.forbidden.readOnly': 'This API token may only read.',
  'error.device.revoked':
    'The link to Samskab was ended in the workplace. Connect the sidebar again with a new code.',
  'error.pairing.code': 'Type the code from the workplace: 8 letters and digits.',
  'error.pairing.device': 'Give the device a name (1–60 characters).',
  'error.pairing.unknown':
    'The code is wrong, used or expired (it is valid for 10 minutes). Make a new one under My account.',
  'error.signup.move': 'The sign-up cannot move there from the status it has now.',
  'error.notFound': 'Not found.',
  'error.tenant.unknown': 'This address belongs to no municipality on this server.',
  // Shifts (src/server/shifts).
  'error.location.required': 'Enter a place.',
  'error.location.tooLong': 'The place may be at most 200 characters.',
  'error.date': 'Write the date as YYYY-MM-DD.',
  'error.repeat': 'A repeat needs either "until" (a date) or "count" (1–104).',
  'error.repeat.untilBeforeStart':
    'The series must end ("until") on the day of the first shift or later.',
  'error.capacity': 'Places must be a whole number from 1 to 500.',
  'error.cancelDeadline': 'The deadline must be a whole number of hours from 0 to 720.',
  'error.reminderHours': 'The reminder must be a whole number of hours from 0 (none) to 336.',
  'error.shift.endBeforeStart': 'The shift must end after it starts.',
  'error.shift.tooLong': 'A shift may last at most 24 hours.',
  'error.shift.dstGap':
    'The time {time} does not exist in Denmark: clocks jump from 02:00 to 03:00 when summer time begins.',
  'error.shift.dstGapRepeat':
    'The series falls on {date} at a time that does not exist because summer time begins. Choose another time.',
  'error.range': 'The period must end after it starts and last at most {days} days.',
  'error.shift.started': 'The shift has already started.',
  'error.shift.full': 'All places are taken. You can join the waitlist.',
  'error.reason.required': 'Write a reason for the volunteers on the shift.',
  'error.reason.tooLong': 'The reason is too long (at most 500 characters).',
  'error.shift.capacityTaken':
    'There are already {taken} on the shift; it needs at least that many places.',
  'error.shift.over': 'The shift is over and cannot be changed.',
  'error.cancel.deadline':
    'The deadline for cancelling has passed ({deadline}). Contact the coordinator if you cannot come.',
  'cancel.title': 'Cancel your shift',
  'cancel.claimed': 'You have a place on this shift:',
  'cancel.waitlisted': 'You are number {position} on the waitlist for this shift:',
  'cancel.before': 'You can cancel until {deadline}.',
  'cancel.confirm': 'Cancel the shift',
  'cancel.done':
    'You have cancelled. Thank you for letting us know – now someone else can take the place.',
  'cancel.gone': 'The shift does not exist, or you have already cancelled.',
  'cancel.ics': 'Add to calendar (.ics)',
  'cancel.icsDescription': 'Cancel',
};
