import * as z from 'zod/mini';
import { Id, IsoInstant } from './common.js';

/** What a page is linked to. */
export const LinkTarget = z.object({
  kind: z.enum(['volunteer', 'note'], 'error.link.kind'),
  id: Id,
});
export type LinkTarget = z.infer<typeof LinkTarget>;

/**
 * A page beside which a volunteer or note shows. `pageKey` is the normalised
 * URL (see src/notes/url.ts); `site` its host, so the site view is one index.
 */
export const PageLink = z.object({
  id: Id,
  pageKey: z
    .string()
    .check(z.minLength(1, 'error.link.page'), z.maxLength(2000, 'error.url.tooLong')),
  site: z.string().check(z.minLength(1, 'error.link.site'), z.maxLength(253, 'error.link.site')),
  title: z._default(z.string().check(z.maxLength(300, 'error.note.title')), ''),
  target: LinkTarget,
  createdAt: IsoInstant,
  updatedAt: IsoInstant,
});
export type PageLink = z.output<typeof PageLink>;
