/**
 * The server as a process of its own, for the tests that kill it without
 * warning (`kill -9`): each process is killed after its test at the latest.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINE } from '../support/databases.js';
import { ADMIN_TOKEN, afterTest } from './support.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A server process and the URL it listens on. */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/**
 * `src/server/main.ts` (the demo, no rate limit) on `target`, run by node with
 * tsx's loader rather than the tsx launcher, so the pid is the server's.
 */
export function serveProcess(target: string): Promise<ServerProcess> {
  const database =
    ENGINE === 'postgres' ? { SAMSKAB_DATABASE_URL: target } : { SAMSKAB_DB: target };
  return listening(
    spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/server/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        SAMSKAB_DEMO: '1',
        SAMSKAB_RATE_LIMIT: 'off',
        SAMSKAB_ADMIN_TOKEN: ADMIN_TOKEN,
        ...database,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Resolves with `child`'s URL once it says it is listening; rejects, with its stderr, if it exits first. */
export function listening(child: ChildProcess): Promise<ServerProcess> {
  afterTest(() => {
    child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /Samskab is running at (\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    let err = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)));
  });
}
