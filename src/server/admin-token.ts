/**
 * The admin token when the environment gives none: made once with a CSPRNG,
 * kept beside the database readable by its owner only, reused on every start.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/** Where the generated token lives for a database at `dbPath`. */
export const tokenPathFor = (dbPath: string) => `${dbPath}.admin-token`;

/** A fresh token from a CSPRNG. */
export const newAdminToken = () => randomBytes(32).toString('base64url');

/** The token kept for `dbPath`, generating it (mode 0600) on first start. */
export function loadOrCreateAdminToken(dbPath: string): { token: string; created: boolean } {
  const path = tokenPathFor(dbPath);
  try {
    // `wx`: if two servers start at once, one writes and the other reads its token.
    const token = newAdminToken();
    writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return { token, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A copy or restore may have loosened the mode; the token is a password.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  const token = readFileSync(path, 'utf8').trim();
  if (token.length < 24) {
    throw new Error(`${path} does not hold a usable admin token; delete it to have one made.`);
  }
  return { token, created: false };
}
