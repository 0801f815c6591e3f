/**
 * Who a request acts for, once a gate let it in: the server's admin token
 * (`SAMSKAB_ADMIN_TOKEN`), or a person's account — signed in to the
 * workplace (a session) or calling the API with a personal token. Routes ask
 * here what the principal may do; nothing else decides it.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { apiError } from './errors.js';

export type Role = 'admin' | 'coordinator';

export type Principal =
  | { kind: 'admin-token'; role: 'admin'; id: 'admin-token'; name: string }
  | {
      kind: 'account';
      id: string;
      name: string;
      email: string;
      role: Role;
      /** A coordinator's activities; an admin's are all, and this is empty. */
      activities: ReadonlySet<string>;
      /** A session in the workplace, or a personal API token (`read` ones change nothing). */
      via: 'session' | 'token';
      scope: 'read' | 'write';
    };

export const ADMIN_TOKEN_PRINCIPAL: Principal = {
  kind: 'admin-token',
  role: 'admin',
  id: 'admin-token',
  name: 'SAMSKAB_ADMIN_TOKEN',
};

/** True when `p` may see and run the activity `activityId`. */
export function mayManage(p: Principal, activityId: string): boolean {
  return p.role === 'admin' || p.activities.has(activityId);
}

/** The activities `p` sees: undefined for all of them. */
export function activityScope(p: Principal): ReadonlySet<string> | undefined {
  return p.role === 'admin' ? undefined : p.activities;
}

/** The principal a gate set; a route behind no gate has none, which is a bug. */
export function principalOf(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw new Error(`${c.req.path} asked for a principal behind no gate`);
  return p;
}

/**
 * Throws 404 unless the request's principal may manage `activityId` (or the
 * record is unknown: `undefined`). Not 403: a coordinator learns nothing
 * about what exists outside their activities.
 */
export function requireActivity(c: Context<AppEnv>, activityId: string | undefined): string {
  if (activityId === undefined || !mayManage(principalOf(c), activityId)) {
    throw apiError(404, 'error.notFound');
  }
  return activityId;
}

/** Throws 403 unless the request's principal is an admin. */
export function requireAdmin(c: Context<AppEnv>): void {
  if (principalOf(c).role !== 'admin') throw apiError(403, 'error.forbidden');
}

/** Throws 403 for a read-only personal token on a route that changes something. */
export function requireWrite(c: Context<AppEnv>): void {
  const p = principalOf(c);
  if (p.kind === 'account' && p.scope === 'read') throw apiError(403, 'error.forbidden.readOnly');
}
