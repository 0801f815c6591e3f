/**
 * `npm run samskab -- <command>`: the operator's commands beside the server,
 * reading the same environment (`SAMSKAB_DB`, …) through `parseConfig`.
 * Each command is one entry in COMMANDS. Messages are Danish, then English.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from './config.js';
import { IN_MEMORY } from './database.js';
import { backupDatabase, restoreDatabase } from './ops/backup.js';
import { TENANT_HELP, tenantCommand } from './tenants/command.js';
import { INVITE_HELP, inviteCommand } from './workplace/command.js';

/** The exit statuses, as `--help` lists them. */
export const EXIT = { ok: 0, failed: 1, usage: 2, inUse: 3, notSamskab: 4 } as const;

const HELP = `Samskab – kommandoer til drift / operator commands

  npm run samskab -- backup <fil>     sikkerhedskopi af databasen, også mens serveren kører
                                      back up the database, also while the server runs
  npm run samskab -- restore <fil>    læg en sikkerhedskopi tilbage; stop serveren først
                                      put a backup back; stop the server first
${TENANT_HELP}
${INVITE_HELP}
  npm run samskab -- --help           denne tekst / this text

Databasen er SAMSKAB_DB, som for serveren (standard data/samskab.db). <fil> regnes
fra den mappe, kommandoen blev givet i. backup skriver en ny fil og overskriver
aldrig; restore kontrollerer filen (schema_versions, PRAGMA integrity_check) og
gemmer den gamle database som <SAMSKAB_DB>.before-restore-<tid>.
The database is SAMSKAB_DB, as for the server (default data/samskab.db). <file>
is taken from the directory the command was given in. backup writes a new file
and never overwrites; restore checks the file (schema_versions, PRAGMA
integrity_check) and keeps the old database as <SAMSKAB_DB>.before-restore-<time>.

Admin-tokenet (<SAMSKAB_DB>.admin-token) og bundles/ er filer ved siden af
databasen og er ikke med i kopien. / The admin token and bundles/ are files
beside the database and not in the copy.

Afslutningskoder / exit codes:
  0  udført / done
  1  fejl undervejs / failed on the way
  2  forkert brug eller indstilling / wrong usage or setting
  3  databasen er i brug (restore) / the database is in use (restore)
  4  filen er ikke en Samskab-database i orden / the file is not a sound Samskab database
`;

/** Where the CLI writes: the console, or a test's lists. */
export interface CliOutput {
  log(text: string): void;
  error(text: string): void;
}

/** What a command gets: its arguments, where the database is, and where to write. */
interface CommandInput {
  args: string[];
  dbPath: string;
  /** Resolves a file argument from the directory the operator typed the command in. */
  file: (arg: string) => string;
  /** Prints the Danish line, then the English one, on stdout. */
  say: (da: string, en: string) => void;
  /** The same on stderr. */
  complain: (da: string, en: string) => void;
  /** For lines in no language (a token, a table). */
  output: CliOutput;
  /** Where links point: SAMSKAB_PUBLIC_URL, else the server on this machine. */
  origin: string;
}

/** Commands that work on PostgreSQL too; backup and restore are SQLite's (pg_dump is PostgreSQL's). */
const ON_POSTGRES = new Set(['tenant', 'invite']);

const COMMANDS: Record<string, (input: CommandInput) => Promise<number>> = {
  tenant: ({ args, dbPath, say, complain, output }) =>
    tenantCommand({
      args,
      dbPath,
      say,
      complain,
      print: (text) => output.log(text),
      printError: (text) => output.error(text),
      now: () => new Date(),
    }),

  invite: ({ args, dbPath, origin, say, complain, output }) =>
    inviteCommand({
      args,
      dbPath,
      origin,
      say,
      complain,
      print: (text) => output.log(text),
      now: () => new Date(),
    }),

  async backup({ args, dbPath, file, say, complain }) {
    if (args.length !== 1) return usage(complain, 'backup <fil>', 'backup <file>');
    const target = file(args[0]!);
    const outcome = await backupDatabase(dbPath, target);
    switch (outcome.kind) {
      case 'no-database':
        complain(
          `Der er ingen database på ${dbPath} (SAMSKAB_DB).`,
          `There is no database at ${dbPath} (SAMSKAB_DB).`,
        );
        return EXIT.usage;
      case 'exists':
        complain(
          `${target} findes allerede; vælg et nyt navn. Intet er skrevet.`,
          `${target} already exists; choose a new name. Nothing was written.`,
        );
        return EXIT.usage;
      case 'done': {
        const size = `${Math.ceil(outcome.bytes / 1024)} KiB`;
        say(`Sikkerhedskopi gemt: ${target} (${size})`, `Backup saved: ${target} (${size})`);
        return EXIT.ok;
      }
    }
  },

  async restore({ args, dbPath, file, say, complain }) {
    if (args.length !== 1) return usage(complain, 'restore <fil>', 'restore <file>');
    const source = file(args[0]!);
    const outcome = await restoreDatabase(dbPath, source);
    switch (outcome.kind) {
      case 'no-file':
        complain(`${source} findes ikke.`, `${source} does not exist.`);
        return EXIT.usage;
      case 'not-samskab':
        complain(
          `${source} er ikke en Samskab-database i orden (${outcome.detail}). Intet er ændret.`,
          `${source} is not a sound Samskab database (${outcome.detail}). Nothing was changed.`,
        );
        return EXIT.notSamskab;
      case 'in-use':
        complain(
          `Databasen ${dbPath} er i brug: stop serveren, og prøv igen. Intet er ændret.`,
          `The database ${dbPath} is in use: stop the server and try again. Nothing was changed.`,
        );
        return EXIT.inUse;
      case 'done':
        say(`Lagt tilbage: ${dbPath} fra ${source}`, `Restored: ${dbPath} from ${source}`);
        if (outcome.kept) {
          say(
            `Den tidligere database er gemt som ${outcome.kept}`,
            `The previous database is kept as ${outcome.kept}`,
          );
        }
        say('Start serveren igen.', 'Start the server again.');
        return EXIT.ok;
    }
  },
};

function usage(complain: CommandInput['complain'], da: string, en: string): number {
  complain(
    `Brug: npm run samskab -- ${da}  (se --help)`,
    `Usage: npm run samskab -- ${en}  (see --help)`,
  );
  return EXIT.usage;
}

/** Runs one command line (without `node` and the script); returns the exit status. */
export async function run(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  output: CliOutput = console,
): Promise<number> {
  const say = (da: string, en: string) => output.log(`${da}\n${en}`);
  const complain = (da: string, en: string) => output.error(`${da}\n${en}`);
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    output.log(HELP);
    return EXIT.ok;
  }
  // Own keys only: `constructor` is no command.
  const command = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    complain(
      name === undefined ? 'Mangler en kommando.' : `Ukendt kommando: ${name}`,
      name === undefined ? 'A command is missing.' : `Unknown command: ${name}`,
    );
    output.error('Se / see: npm run samskab -- --help');
    return EXIT.usage;
  }
  if ((env.SAMSKAB_DATABASE_URL ?? '').trim() !== '' && !ON_POSTGRES.has(name!)) {
    complain(
      'SAMSKAB_DATABASE_URL peger på PostgreSQL: tag sikkerhedskopi med pg_dump, og læg den tilbage med pg_restore (se README).',
      'SAMSKAB_DATABASE_URL points to PostgreSQL: back up with pg_dump and restore with pg_restore (see the README).',
    );
    return EXIT.usage;
  }
  const parsed = parseConfig(env, process.cwd(), { forServer: false });
  if (!parsed.ok) {
    complain('Indstillingerne er ikke i orden:', 'The settings are not right:');
    for (const error of parsed.errors) output.error(`  - ${error}`);
    return EXIT.usage;
  }
  const { dbPath } = parsed.config;
  if (dbPath === IN_MEMORY) {
    complain(
      'SAMSKAB_DB=:memory: er en database uden fil; en kommando kan ikke nå den.',
      'SAMSKAB_DB=:memory: is a database without a file; no command can reach it.',
    );
    return EXIT.usage;
  }
  // npm runs scripts from the package's directory; INIT_CWD is where the operator typed.
  const from = env.INIT_CWD ?? process.cwd();
  try {
    return await command({
      args,
      dbPath,
      file: (arg) => resolve(from, arg),
      origin: parsed.config.publicUrl ?? `http://localhost:${parsed.config.port}`,
      say,
      complain,
      output,
    });
  } catch (error) {
    complain('Det mislykkedes:', 'It failed:');
    output.error(error instanceof Error ? error.message : String(error));
    return EXIT.failed;
  }
}

// Run as a script (`npm run samskab`), not when a test imports `run`. Node
// names a module by its real path, so a symlinked checkout compares real paths.
const script = process.argv[1];
if (script && import.meta.url === pathToFileURL(realpathSync(script)).href) {
  process.exitCode = await run(process.argv.slice(2), process.env);
}
