/**
 * A selection captured from a page ("Gem markering som note"): a note with
 * the quote, linked to the page. Shared by the service worker, which captures
 * while the notes are open, and the panel, which files what was captured
 * while they were locked.
 */
import type { NotesRepo } from './repo.js';
import { normaliseUrl } from './url.js';

/** What the context menu hands over. */
export interface Capture {
  text: string;
  pageUrl: string;
  title: string;
}

/** Saves `capture` as a quote note linked to its page. */
export async function saveCapture(repo: NotesRepo, capture: Capture) {
  const settings = await repo.getSettings();
  const page = normaliseUrl(capture.pageUrl, settings.siteParams);
  // The quote keeps the normalised address: tracking parameters are not worth keeping.
  const note = await repo.saveNote({
    volunteerIds: [],
    text: '',
    lenses: [],
    tags: [],
    quote: {
      text: capture.text.trim().slice(0, 5000),
      url: page?.key ?? '',
      title: capture.title.slice(0, 300),
    },
  });
  if (page) await repo.linkPage(page, { kind: 'note', id: note.id }, capture.title);
  return note;
}
