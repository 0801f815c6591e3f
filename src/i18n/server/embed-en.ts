import type { embedDa } from './embed-da.js';

/** English messages of the embed configurator's input checks. */
export const embedEn: Record<keyof typeof embedDa, string> = {
  'error.embed.colour': 'Give the colour as #rrggbb, e.g. #004993.',
  'error.embed.view': 'The view must be list, week or month.',
  'error.embed.lang': 'The language must be da or en.',
  'error.embed.theme': 'The theme must be default or inherit.',
  'error.embed.privacyUrl': "Give the privacy notice's address as /path or https://…",
  'error.embed.font': 'The font may only hold names, spaces, commas and hyphens.',
};
