import type { calendarDa } from '../da/calendar.js';

/** <samskab-shift-calendar>. */
export const calendarEn: Record<keyof typeof calendarDa, string> = {
  'calendar.heading': 'Open shifts',
  'calendar.loading': 'Loading shifts …',
  'calendar.failed': 'The shifts could not be loaded. Check your connection and try again.',
  'calendar.empty': 'There are no shifts in this period.',
  'calendar.placesLeft': '{left} of {capacity} places left',
  'calendar.full': 'Fully booked',
  'calendar.waiting': '{count} on the waitlist',
  'calendar.waitlist': 'Join the waitlist',
  'calendar.claim': 'Take the shift',
  'calendar.cancel': 'Cancel the shift',
  'calendar.addToCalendar': 'Add to calendar',
  'calendar.view': 'View',
  'calendar.view.list': 'List',
  'calendar.view.week': 'Week',
  'calendar.view.month': 'Month',
  'calendar.previous': 'Previous period',
  'calendar.next': 'Next period',
  'calendar.week': 'Week {week}',
  'calendar.shifts': '{count} shifts',
  'calendar.oneShift': '1 shift',
  'calendar.more': '+{count} more',
  'calendar.dayShifts': 'Shifts on {day}',
  'calendar.gridHelp': 'Use the arrow keys to move between days and Enter to see the day’s shifts.',
  'calendar.hours': '{hours} hours',
  'calendar.readOnly': 'This calendar comes from a subscription and cannot be booked here.',
  'calendar.form.heading': 'Take the shift: {title}',
  'calendar.form.waitlistHeading': 'Join the waitlist: {title}',
  'calendar.loadCap': 'The most hours a week you want to give (optional)',
  'calendar.loadCap.hint': 'We will tell you if a shift takes you past your own limit.',
  'calendar.back': 'Back to the shifts',
  'calendar.submit': 'Take the shift',
  'calendar.submitWaitlist': 'Put me on the waitlist',
  'calendar.sending': 'Sending …',
  'calendar.claimed.heading': 'The shift is yours',
  'calendar.claimed.body': 'Thank you! You have taken the shift {when}.',
  'calendar.waitlisted.heading': 'You are on the waitlist',
  'calendar.waitlisted.body':
    'You are number {position} on the waitlist for the shift {when}. If a place comes free, it is yours automatically.',
  'calendar.queued.heading': 'Your shift is saved',
  'calendar.queued.body':
    'We could not reach the server. We will send it as soon as the connection is back – and tell you here whether you got the place. If that fails for 7 days, you get it back here.',
  'calendar.overCap':
    'Note: with this shift you have {hours} hours that week – more than the {cap} hours you set as your limit. That is allowed, but look after yourself; the coordinator can see it too.',
  'calendar.cancelLink': 'Your personal cancel link',
  'calendar.cancelBefore':
    'You can cancel until {deadline}. Keep the link: it is your only access.',
  'calendar.cancelled': 'You have cancelled the shift.',
  'calendar.delivered': 'Your saved shift has now been sent.',
  'calendar.expired':
    'Your saved shift was not sent: we could not reach the server for 7 days. Your answers are back here – try again when you are online.',
  'calendar.past': 'This shift has started and cannot be taken.',
  'calendar.activity.unknown':
    'The activity on this page does not exist. Here are all open shifts.',
  'calendar.raceLost':
    'The last place was taken just before you sent. Would you like to join the waitlist instead?',
  'calendar.refreshed': 'The places have been updated.',
  'calendar.close': 'Close',
  'error.loadCap': 'Enter a whole number of hours from 1 to 80, or leave the field empty.',
};
