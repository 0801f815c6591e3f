/** The server over a real socket: its links, its shutdown, and an in-memory database. */
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, StartOptions } from '../../src/server/server.js';
import { startTempServer } from '../support/temp-server.js';
import { tempDir } from './support.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(options: Partial<StartOptions> = {}) {
  running = await startTempServer({ widgetsDir: tempDir(), ...options });
  return running;
}

/** A GET with the headers given, `Host` included, which `fetch` will not let us set. */
function get(server: RunningServer, path: string, headers: Record<string, string>) {
  return new Promise<string>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The first snippet on the demo page: `<script … src="ORIGIN/samskab.js">` escaped in a `<pre>`. */
const snippetOrigin = (page: string) => /src=&quot;([^&]*)\/samskab\.js/.exec(page)?.[1];

describe('links the server writes', () => {
  it('never come from the request’s Host header', async () => {
    const server = await start();
    const page = await get(server, '/', { Host: 'phishing.example' });
    expect(snippetOrigin(page)).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('use SAMSKAB_PUBLIC_URL when it is set', async () => {
    const server = await start({ publicUrl: 'https://samskab.eksempel.dk' });
    const page = await get(server, '/', { Host: 'phishing.example' });
    expect(snippetOrigin(page)).toBe('https://samskab.eksempel.dk');
  });

  it('follow the proxy’s forwarded host only with SAMSKAB_TRUST_PROXY', async () => {
    const forwarded = { 'X-Forwarded-Host': 'samskab.eksempel.dk', 'X-Forwarded-Proto': 'https' };
    const untrusting = await start();
    expect(snippetOrigin(await get(untrusting, '/', forwarded))).toBe(
      `http://127.0.0.1:${untrusting.port}`,
    );
    await untrusting.close();
    const trusting = await start({ trustProxy: true });
    expect(snippetOrigin(await get(trusting, '/', forwarded))).toBe('https://samskab.eksempel.dk');
  });
});

describe('shutdown', () => {
  it('ends within the grace period when an upload has stalled, cutting it off', async () => {
    const server = await start({ shutdownGraceMs: 200 });
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      'POST /api/v1/signups HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        'Idempotency-Key: stalled-upload-0001\r\nContent-Length: 1000\r\n\r\n{"name":',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Both only settle once the stalled request is cut off: without that, the test times out.
    await server.close();
    await ended;
  });
});

describe('SAMSKAB_DB=:memory:', () => {
  it('serves from memory, writes no file, and makes a fresh admin token', async () => {
    const cwd = process.cwd();
    const dir = tempDir();
    process.chdir(dir);
    try {
      const server = await start({ dbPath: ':memory:' });
      const res = await fetch(new URL('api/v1/activities', server.url));
      expect(await res.json()).toHaveLength(3);
      expect(server.adminToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(existsSync(join(dir, ':memory:'))).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});
