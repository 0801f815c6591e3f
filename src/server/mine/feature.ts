/**
 * "Mine vagter" as a feature (see ../feature.ts): a resident's own sign-ups
 * and shifts behind a single-use link mailed to their address, with no
 * account and no cookie. It reads and erases through the sign-ups' and
 * shifts' own stores (their migrations are idempotent, so opening them here
 * as well is safe) and keeps only its tokens' hashes (tokens.ts).
 */
import { Hono } from 'hono';
import type { FeatureFactory } from '../feature.js';
import type { AppEnv } from '../http/env.js';
import { stylesheet } from '../pages/layout.js';
import { shiftMails } from '../shifts/mails.js';
import { openShiftStore } from '../shifts/store.js';
import { openSignupStore } from '../signups/store.js';
import { minePages } from './pages.js';
import { openMineTokens } from './tokens.js';

/** `/mine`: the link by mail, the list, cancel, export and erasure (see pages.ts). */
export const mineFeature: FeatureFactory = async ({
  db,
  activities,
  invitations,
  mail,
  publicWrite,
  publicOrigin,
  mailOrigin,
  clock,
  site,
}) => {
  const tokens = await openMineTokens(db);
  const shifts = await openShiftStore(db);
  const signups = await openSignupStore(db, activities);
  // As the shifts feature builds them: a cancel here tells whoever moves up, as one there does.
  const mails = shiftMails({ mail, invitations, mailOrigin, clock, siteName: site.name });
  const pages = new Hono<AppEnv>()
    .route('/', stylesheet('/mine.css', new URL('./mine.css', import.meta.url)))
    .route(
      '/',
      minePages({
        db,
        tokens,
        shifts,
        signups,
        activities,
        mail,
        shiftMails: mails,
        publicWrite,
        publicOrigin,
        mailOrigin,
        clock,
        siteName: site.name,
      }),
    );
  return {
    pages,
    retain: async (now) => {
      await tokens.prune(now);
    },
  };
};
