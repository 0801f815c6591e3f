import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type StartOptions, startServer } from '../../src/server/server.js';

/**
 * The reference server on loopback, any free port, with the demo activities on
 * a database in a new temporary directory; `options` change any of that.
 */
export function startTempServer(options: Partial<StartOptions> = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    allowedOrigins: [],
    demo: true,
    ...options,
    dbPath: options.dbPath ?? tempDbPath(),
  });
}

/** `samskab.db` in a new temporary directory. */
export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'samskab-')), 'samskab.db');
}
