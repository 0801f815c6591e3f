import type { commonDa } from '../da/common.js';

/** Field errors every text field can give, in the widgets and from the server alike. */
export const commonEn: Record<keyof typeof commonDa, string> = {
  'error.text.illFormed':
    'The text has a broken character (such as half an emoji). Delete it and type it again.',
  'error.text.control':
    'The text has an invisible control character. Type it instead of pasting it.',
  'error.text.oneLine': 'Write the text on one line.',
  'error.text.bidi':
    'The text has an invisible character that reverses the writing direction. Type it instead of pasting it.',
};
