import type { reflectionDa } from '../da/reflection.js';

/** <samskab-reflection-prompt>. */
export const reflectionEn: Record<keyof typeof reflectionDa, string> = {
  'reflection.heading': 'How did it go today?',
  'reflection.intro':
    'It takes less than a minute, and every question is optional. You are anonymous unless you choose to give your contact details.',
  'reflection.scale.ends': '1 = {low}, 5 = {high}',
  'reflection.agree.yes': 'Yes',
  'reflection.agree.partly': 'Partly',
  'reflection.agree.no': 'No',
  'reflection.load.too-little': 'Too little',
  'reflection.load.right': 'About right',
  'reflection.load.too-much': 'Too much',
  'reflection.contact.ask': 'May we contact you?',
  'reflection.contact.hint':
    'Then you are no longer anonymous. Only your coordinator sees your contact details.',
  'reflection.contact': 'Phone or e-mail',
  'reflection.submit': 'Send reflection',
  'reflection.sending': 'Sending your reflection …',
  'reflection.sent': 'Thank you! Your reflection has been sent.',
  'reflection.queued':
    'Your reflection is saved and will be sent when the connection is back. If that fails for 7 days, you get it back here.',
  'reflection.delivered': 'Your saved reflection has now been sent.',
  'reflection.rejected': 'The reflection was not received: {reason}',
  'reflection.expired':
    'Your saved reflection was not sent: we could not reach the server for 7 days. Your answers are back here.',
  'reflection.activity': 'Which activity did you volunteer in?',
  'reflection.activity.unknown': 'The activity on this page does not exist.',
  'reflection.activity.choose': 'Choose an activity',
  'reflection.activity.loading': 'Loading activities …',
  'reflection.activity.failed':
    'The activities could not be loaded. Check your connection and try again.',
  'reflection.activity.none': 'There are no activities to reflect on right now.',
  'reflection.activity.retry': 'Try again',
  'reflection.failed': 'Something went wrong. Please try again later.',
  'reflection.q.meaning': 'Did it feel meaningful to you today?',
  'reflection.q.energy': 'How much energy do you have after today?',
  'reflection.q.energy.low': 'no energy',
  'reflection.q.energy.high': 'full of energy',
  'reflection.q.load': 'How was the amount of work?',
  'reflection.q.ownership': 'Could you shape the task yourself?',
  'reflection.q.belonging': 'Did you feel part of the community?',
  'reflection.q.note': 'Is there anything your coordinator should know?',
  'error.reflection.empty': 'Answer at least one question.',
  'error.reflection.contact.required': 'Write your phone number or e-mail address.',
  'error.reflection.contact.invalid': 'Write a valid phone number or e-mail address.',
};
