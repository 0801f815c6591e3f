import type { commonDa } from '../da/common.js';

/** Field errors every text field can give, in the widgets and from the server alike. */
export const commonEn: Record<keyof typeof commonDa, string> = {
  'error.text.illFormed':
    'The text holds a broken character (such as half an emoji). Delete it and type it again.',
  'error.text.control':
    'The text holds an invisible control character that cannot be saved. Type the text instead of pasting it.',
  'error.text.oneLine': 'Write the text on one line, without line breaks or tabs.',
  'error.text.bidi':
    'The text holds an invisible character that reverses the writing direction, so it could look different from what it says. Type the text instead of pasting it.',
};
