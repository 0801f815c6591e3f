/**
 * The coordinators' workplace as a feature (see ../feature.ts): sign-in,
 * accounts, the Oversigt, Min konto, Personer and the audit Log under
 * `/leder`. It reads the other features' data through their own stores
 * (their migrations are idempotent, so opening them here is safe).
 */
import { Hono } from 'hono';
import type { FeatureFactory } from '../feature.js';
import { AUTH_FAILURE_LIMIT } from '../http/auth.js';
import type { AppEnv } from '../http/env.js';
import { stylesheet } from '../pages/layout.js';
import { openReflectionStore } from '../reflections/store.js';
import { openShiftStore } from '../shifts/store.js';
import { openSignupStore } from '../signups/store.js';
import { activityPages } from './activities-page.js';
import type { WorkplaceDeps } from './deps.js';
import { openDevices } from './devices.js';
import { insightPages } from './insight-page.js';
import { oidcPages } from './oidc.js';
import { workplacePages } from './pages.js';
import { passkeyPages } from './passkeys.js';
import { rosterPages } from './roster-page.js';
import { shiftPages } from './shifts-page.js';
import { sidepanelApi } from './sidepanel.js';
import { signupPages } from './signups-page.js';

/** Ten sign-in mails per client, then one a minute. */
const SIGN_IN_LIMIT = { perMinute: 1, burst: 10 };

export const workplaceFeature: FeatureFactory = async (context) => {
  const { db, activities, accounts, audit, leader, mail, mailOrigin, clock, site } = context;
  const signups = await openSignupStore(db, activities);
  const shifts = await openShiftStore(db);
  const reflections = await openReflectionStore(db, activities, context.invitations);
  const deps: WorkplaceDeps = { ...context, signups, shifts, reflections };
  const devices = await openDevices(db, accounts);
  const pages = new Hono<AppEnv>()
    .route('/', stylesheet('/leder/leder.css', new URL('./leder.css', import.meta.url)))
    .route(
      '/',
      workplacePages({
        db,
        accounts,
        audit,
        gate: leader,
        activities,
        signups,
        shifts,
        reflections,
        mail,
        signInLimit: context.buckets('sign-in', SIGN_IN_LIMIT),
        failureLimit: context.buckets('sign-in-failures', AUTH_FAILURE_LIMIT),
        trustProxy: context.trustProxy,
        mailOrigin,
        clock,
        siteName: site.name,
        oidc: context.oidc !== undefined,
        devices,
      }),
    )
    .route('/', await passkeyPages(deps))
    .route('/', oidcPages(deps))
    .route('/', activityPages(deps))
    .route('/', shiftPages(deps))
    .route('/', signupPages(deps))
    .route('/', rosterPages(deps))
    .route('/', insightPages(deps));
  return { pages, api: sidepanelApi(deps, devices) };
};
