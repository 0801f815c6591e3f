/**
 * `npm run serve`: reads the environment, starts the server, and closes the
 * database cleanly on Ctrl-C or a service manager's SIGTERM.
 */
import { DEMO_ACTIVITIES } from './activities/demo.js';
import { parseConfig, redactUrl } from './config.js';
import { IN_MEMORY, isPostgresUrl } from './database.js';
import { jsonLines } from './ops/log.js';
import { startServer } from './server.js';

const parsed = parseConfig(process.env);
for (const warning of parsed.warnings) console.warn(`Advarsel / warning: ${warning}`);
if (!parsed.ok) {
  console.error('Samskab kan ikke starte / cannot start:');
  for (const error of parsed.errors) console.error(`  - ${error}`);
  process.exit(1);
}
const { config } = parsed;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

let server: Awaited<ReturnType<typeof startServer>>;
try {
  server = await startServer({
    port: config.port,
    host: config.host,
    dbPath: config.dbPath,
    adminToken: config.adminToken,
    allowedOrigins: config.allowedOrigins,
    demo: config.demo,
    trustProxy: config.trustProxy,
    rateLimit: config.rateLimit,
    retentionMonths: config.retentionMonths,
    smtp: config.smtp,
    auditMonths: config.auditMonths,
    oidc: config.oidc,
    // One JSON line per request on stdout; these start-up lines stay for people.
    log: jsonLines(process.stdout),
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EADDRINUSE'
      ? `port ${config.port} er optaget / is in use (set PORT)`
      : code === 'EACCES'
        ? `ingen adgang til port ${config.port} / no permission for port ${config.port}`
        : error instanceof Error
          ? error.message
          : String(error);
  console.error(`Samskab kan ikke starte / cannot start: ${why}`);
  process.exit(1);
}

console.log(`Samskab kører på ${server.url}`);
console.log(`Samskab is running at ${server.url}`);
if (config.publicUrl) {
  console.log(`Links: ${config.publicUrl} (SAMSKAB_PUBLIC_URL)`);
} else if (config.trustProxy) {
  console.warn(
    'Advarsel / warning: links følger proxyens X-Forwarded-Host; sæt SAMSKAB_PUBLIC_URL for at være sikker / links follow the proxy’s X-Forwarded-Host; set SAMSKAB_PUBLIC_URL to be sure',
  );
} else if (!LOOPBACK.has(config.host)) {
  // Links written now (a cancel link in a resident's calendar) last: say it loudly.
  console.warn(
    `Advarsel / warning: links i kalenderfiler og kodestumper peger på ${server.url.slice(0, -1)}; sæt SAMSKAB_PUBLIC_URL til serverens offentlige adresse / links in calendar files and snippets point to ${server.url.slice(0, -1)}; set SAMSKAB_PUBLIC_URL to the server’s public address`,
  );
} else {
  console.log(`Links: ${server.url.slice(0, -1)}`);
}
if (isPostgresUrl(config.dbPath)) {
  console.log(`Database: PostgreSQL ${redactUrl(config.dbPath)}`);
} else if (config.dbPath === IN_MEMORY) {
  console.log(
    'Database: i hukommelsen – alt forsvinder, når serveren stopper / in memory – everything is gone when the server stops',
  );
} else {
  console.log(`Database: ${config.dbPath}`);
}
if (config.adminToken) {
  console.log('Admin-token: fra SAMSKAB_ADMIN_TOKEN / from SAMSKAB_ADMIN_TOKEN');
} else if (config.dbPath === IN_MEMORY) {
  console.log(`Admin-token (ny for denne kørsel / new for this run): ${server.adminToken}`);
} else {
  const how = server.adminTokenCreated ? 'ny / new' : 'gemt / kept';
  console.log(`Admin-token (${how}, ${config.dbPath}.admin-token): ${server.adminToken}`);
}
if (server.mail === 'smtp' && config.smtp) {
  console.log(`Post / mail: ${redactUrl(config.smtp.url)} fra / from ${config.smtp.from}`);
} else if (server.mail === 'kept') {
  console.log(
    `Post / mail: ingen SMTP-server; posten vises på ${server.url}dev/mail / no SMTP server; mail is shown at ${server.url}dev/mail`,
  );
} else {
  console.warn(
    'Advarsel / warning: ingen SAMSKAB_SMTP_URL – der sendes ingen post til borgerne / no SAMSKAB_SMTP_URL – no mail will be sent to residents',
  );
}
if (config.demo) {
  // The demo's coordinator: open the link to see the workplace as they would.
  const link = await server.invite({
    email: 'koordinator@eksempel.dk',
    name: 'Demo Koordinator',
    role: 'coordinator',
    activities: DEMO_ACTIVITIES.map((a) => a.id),
  });
  console.log(`Arbejdspladsen / the workplace (demokoordinator, 72 timer / hours): ${link}`);
}
console.log('Stop med Ctrl-C / stop with Ctrl-C');

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  // A second signal means "now": skip the graceful path.
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`\n${signal}: lukker / shutting down …`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
