// `npm run samskab -- …` as an operator meets it: help, refusals in Danish and
// English with their exit statuses, and a restore that touches nothing unless
// the file is a sound Samskab database.
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/server/cli.js';
import { samskab } from '../support/cli.js';
import { startTempServer } from '../support/temp-server.js';
import { ADMIN_TOKEN, tempDir } from './support.js';

/**
 * The CLI in this process, as `npm run samskab -- <argv>` with only `env` set:
 * its exit status and what it printed. (One test runs the script itself.)
 */
async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, env, { log: (t) => out.push(t), error: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A Samskab database on a new file, made by a server that has since stopped. */
async function samskabDb(): Promise<string> {
  const dbPath = join(tempDir(), 'samskab.db');
  const server = await startTempServer({ dbPath, adminToken: ADMIN_TOKEN, widgetsDir: tempDir() });
  await server.close();
  return dbPath;
}

/** The bytes of a file and of nothing beside it, to show that a refusal changed nothing. */
function snapshot(path: string) {
  return { bytes: readFileSync(path), beside: readdirSync(dirname(path)).sort() };
}

describe('npm run samskab', () => {
  it('runs as a script whose exit status reaches the shell', async () => {
    const [help, wrong] = await Promise.all([samskab(['--help']), samskab(['frob'])]);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('npm run samskab -- backup <fil>');
    expect(wrong).toMatchObject({ code: 2, stdout: '' });
    expect(wrong.stderr).toContain('Ukendt kommando: frob\nUnknown command: frob');
  }, 30_000);

  it('explains itself with --help, in Danish and English, exit codes included', async () => {
    const help = await cli(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run samskab -- backup <fil>');
    expect(help.stdout).toContain('back up the database, also while the server runs');
    expect(help.stdout).toContain('stop serveren først');
    expect(help.stdout).toMatch(/3 {2}databasen er i brug \(restore\) \/ the database is in use/);
  });

  it('answers wrong usage with status 2 and a pointer to --help', async () => {
    const dbPath = await samskabDb();
    const env = { SAMSKAB_DB: dbPath };
    const [none, unknown, inherited, noFile, twoFiles] = await Promise.all([
      cli([], env),
      cli(['frob'], env),
      cli(['constructor'], env),
      cli(['backup'], env),
      cli(['restore', 'a.db', 'b.db'], env),
    ]);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toContain('Mangler en kommando.\nA command is missing.');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Ukendt kommando: frob\nUnknown command: frob');
    expect(inherited.code).toBe(2);
    expect(inherited.stderr).toContain('Unknown command: constructor');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('Usage: npm run samskab -- backup <file>');
    expect(twoFiles.code).toBe(2);
    expect(twoFiles.stderr).toContain('Brug: npm run samskab -- restore <fil>');
  });

  it('refuses settings it cannot back up, creating nothing', async () => {
    const dir = tempDir();
    const missing = join(dir, 'ingen.db');
    const out = join(dir, 'kopi.db');
    const [absent, memory, postgres, badPort] = await Promise.all([
      cli(['backup', out], { SAMSKAB_DB: missing }),
      cli(['backup', out], { SAMSKAB_DB: ':memory:' }),
      cli(['backup', out], {
        SAMSKAB_DB: missing,
        SAMSKAB_DATABASE_URL: 'postgres://samskab@127.0.0.1/samskab',
      }),
      cli(['backup', out], { SAMSKAB_DB: missing, PORT: 'otte' }),
    ]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain(`Der er ingen database på ${missing} (SAMSKAB_DB).`);
    expect(memory.code).toBe(2);
    expect(memory.stderr).toContain('SAMSKAB_DB=:memory: is a database without a file');
    expect(postgres.code).toBe(2);
    expect(postgres.stderr).toContain('pg_dump');
    expect(postgres.stderr).toContain('pg_restore');
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('PORT must be a whole number');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never overwrites a file with a backup', async () => {
    const dbPath = await samskabDb();
    const out = join(tempDir(), 'kopi.db');
    writeFileSync(out, 'yesterday’s backup');
    const result = await cli(['backup', out], { SAMSKAB_DB: dbPath });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('already exists; choose a new name. Nothing was written.');
    expect(readFileSync(out, 'utf8')).toBe('yesterday’s backup');
    expect(readdirSync(dirname(out))).toEqual(['kopi.db']);
  });

  it('takes the file name from the directory the command was given in', async () => {
    const dbPath = await samskabDb();
    const typedIn = tempDir();
    const result = await cli(['backup', 'kopi.db'], { SAMSKAB_DB: dbPath, INIT_CWD: typedIn });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backup saved: ${join(typedIn, 'kopi.db')}`);
    expect(statSync(join(typedIn, 'kopi.db')).size).toBeGreaterThan(0);
  });
});

describe('npm run samskab -- restore', () => {
  it('refuses a file that is not a sound Samskab database with status 4, changing nothing', async () => {
    const dbPath = await samskabDb();
    const before = snapshot(dbPath);
    const dir = tempDir();

    const text = join(dir, 'noter.txt');
    writeFileSync(text, 'Dette er ikke en database.\n'.repeat(200));
    const foreign = join(dir, 'anden.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    // A Samskab backup with one table's root page overwritten, as a bad disk might leave it.
    const damaged = join(dir, 'beskadiget.db');
    const backup = await cli(['backup', damaged], { SAMSKAB_DB: dbPath });
    expect(backup.code).toBe(0);
    const look = new Database(damaged, { readonly: true });
    const pageSize = look.pragma('page_size', { simple: true }) as number;
    const root = look
      .prepare<[], number>(
        "SELECT max(rootpage) FROM sqlite_schema WHERE name <> 'schema_versions'",
      )
      .pluck()
      .get()!;
    look.close();
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);

    const env = { SAMSKAB_DB: dbPath };
    const [asText, asForeign, asDamaged, absent] = await Promise.all([
      cli(['restore', text], env),
      cli(['restore', foreign], env),
      cli(['restore', damaged], env),
      cli(['restore', join(dir, 'findes-ikke.db')], env),
    ]);
    expect(asText.code).toBe(4);
    expect(asText.stderr).toContain('er ikke en Samskab-database i orden');
    expect(asText.stderr).toContain('Nothing was changed.');
    expect(asForeign.code).toBe(4);
    expect(asForeign.stderr).toContain('no schema_versions table');
    expect(asDamaged.code).toBe(4);
    expect(asDamaged.stderr).not.toContain('schema_versions');
    expect(asDamaged.stderr).toContain('is not a sound Samskab database');
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('findes-ikke.db does not exist.');

    expect(snapshot(dbPath)).toEqual(before);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
  });
});
