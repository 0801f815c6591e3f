import type { reflectionDa } from '../da/reflection.js';

/** <samskab-reflection-prompt>. */
export const reflectionEn: Record<keyof typeof reflectionDa, string> = {
  'reflection.heading': 'How did it go today?',
  'reflection.intro':
    'It takes less than a minute. You are anonymous unless you choose to give your contact details.',
  'reflection.submit': 'Send reflection',
  'reflection.sent': 'Thank you! Your reflection has been sent.',
  'reflection.queued': 'Your reflection is saved and will be sent when the connection is back.',
};
