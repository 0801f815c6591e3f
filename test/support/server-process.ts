/**
 * The reference server in a process of its own, for tests that kill it with
 * `kill -9`, started with what the environment cannot give: a clock set ahead
 * (a restart some minutes later, without waiting them out). argv[2] is JSON:
 * `{ dbPath, adminToken, smtp?, clockAheadMs? }`. Prints the same "Samskab is running at
 * <url>" line as `npm run serve`.
 */
import { startServer } from '../../src/server/server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  dbPath: string;
  adminToken: string;
  smtp?: { url: string; from: string };
  clockAheadMs?: number;
};
const ahead = options.clockAheadMs ?? 0;
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  allowedOrigins: [],
  demo: true,
  rateLimit: false,
  adminToken: options.adminToken,
  dbPath: options.dbPath,
  smtp: options.smtp,
  now: () => Date.now() + ahead,
});
console.log(`Samskab is running at ${server.url}`);
