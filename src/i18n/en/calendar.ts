import type { calendarDa } from '../da/calendar.js';

/** <samskab-shift-calendar>. */
export const calendarEn: Record<keyof typeof calendarDa, string> = {
  'calendar.heading': 'Open shifts',
  'calendar.loading': 'Loading shifts …',
  'calendar.failed': 'The shifts could not be loaded. Check your connection and try again.',
  'calendar.empty': 'There are no shifts in this period.',
  'calendar.placesLeft': '{left} of {capacity} places left',
  'calendar.full': 'Fully booked',
  'calendar.waitlist': 'Join the waitlist',
  'calendar.claim': 'Take the shift',
  'calendar.cancel': 'Cancel the shift',
  'calendar.addToCalendar': 'Add to calendar',
};
