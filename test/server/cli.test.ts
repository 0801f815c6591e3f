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
import { samskab } from '../support/cli.js';
import { startTempServer } from '../support/temp-server.js';
import { ADMIN_TOKEN, tempDir } from './support.js';

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
  it('explains itself with --help, in Danish and English, exit codes included', async () => {
    const help = await samskab(['--help']);
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
      samskab([], env),
      samskab(['frob'], env),
      samskab(['constructor'], env),
      samskab(['backup'], env),
      samskab(['restore', 'a.db', 'b.db'], env),
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
  }, 30_000);

  it('refuses settings it cannot back up, creating nothing', async () => {
    const dir = tempDir();
    const missing = join(dir, 'ingen.db');
    const out = join(dir, 'kopi.db');
    const [absent, memory, postgres, badPort] = await Promise.all([
      samskab(['backup', out], { SAMSKAB_DB: missing }),
      samskab(['backup', out], { SAMSKAB_DB: ':memory:' }),
      samskab(['backup', out], {
        SAMSKAB_DB: missing,
        SAMSKAB_DATABASE_URL: 'postgres://samskab@127.0.0.1/samskab',
      }),
      samskab(['backup', out], { SAMSKAB_DB: missing, PORT: 'otte' }),
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
  }, 30_000);

  it('never overwrites a file with a backup', async () => {
    const dbPath = await samskabDb();
    const out = join(tempDir(), 'kopi.db');
    writeFileSync(out, 'yesterday’s backup');
    const run = await samskab(['backup', out], { SAMSKAB_DB: dbPath });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('already exists; choose a new name. Nothing was written.');
    expect(readFileSync(out, 'utf8')).toBe('yesterday’s backup');
    expect(readdirSync(dirname(out))).toEqual(['kopi.db']);
  }, 30_000);

  it('takes the file name from the directory the command was given in', async () => {
    const dbPath = await samskabDb();
    const typedIn = tempDir();
    const run = await samskab(['backup', 'kopi.db'], { SAMSKAB_DB: dbPath, INIT_CWD: typedIn });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Backup saved: ${join(typedIn, 'kopi.db')}`);
    expect(statSync(join(typedIn, 'kopi.db')).size).toBeGreaterThan(0);
  }, 30_000);
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
    const backup = await samskab(['backup', damaged], { SAMSKAB_DB: dbPath });
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
      samskab(['restore', text], env),
      samskab(['restore', foreign], env),
      samskab(['restore', damaged], env),
      samskab(['restore', join(dir, 'findes-ikke.db')], env),
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
  }, 30_000);
});
