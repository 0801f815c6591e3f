/**
 * Group commit for SQLite: the write transactions that come in together
 * share one `BEGIN IMMEDIATE … COMMIT`, so one flush to disk (synchronous=FULL)
 * makes all of them durable instead of one flush each. Each stays its own unit
 * of work: it runs inside a savepoint, so one that throws takes back only its
 * own writes, and its caller hears of the error at once. No caller hears of
 * success before the shared COMMIT has returned: until then its work is not
 * on disk, and an answer sent earlier could be lost with the process.
 *
 * A batch starts in the event loop's check phase (`setImmediate`) after the
 * first write is queued, so every request whose bytes arrived in the same
 * turn of the loop joins it, and a lone write waits for no timer; the next
 * batch again waits a turn, so the requests read while a COMMIT held the
 * thread join it rather than wait behind a batch of one. It takes
 * writes in arrival order until none is waiting or it holds `MAX_BATCH`.
 * The members run one after another on the one connection, as separate
 * transactions did before: a member that awaits something other than the
 * database holds the batch (and the write lock) as long as it waits, as it
 * held its own transaction before.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';

/** Queries on the connection a batch holds (`Db['kysely']` narrowed by stores). */
type Queries = Kysely<Record<never, never>>;

/** Writes sharing one COMMIT at most: a bound on how long the first of them waits for its answer. */
export const MAX_BATCH = 64;
/** How long a write waits for another process's write lock before it fails with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

interface Member {
  work: (trx: Queries) => Promise<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
  /** When it was queued (ms): it fails once it has waited `BUSY_TIMEOUT_MS` for the lock. */
  queuedAt: number;
}

/** The grouped writer over one better-sqlite3 handle and the Kysely instance that wraps it. */
export interface GroupCommit {
  /** Runs `work` in a savepoint of the next shared transaction; resolves after its COMMIT. */
  write<T>(work: (trx: Queries) => Promise<T>): Promise<T>;
}

/** Grouped writes on `handle`, through `kysely`'s one connection (see the module comment). */
export function groupCommit(handle: BetterSqlite3.Database, kysely: Queries): GroupCommit {
  const queue: Member[] = [];
  // Prepared once: `exec` parses its text again on every call, several times a member.
  const statements = transactionStatements(handle);
  const run = (name: keyof typeof statements) => statements[name].run();
  /** True from the first queued write until the queue is empty again. */
  let draining = false;

  /** Runs batches until nothing is queued; each holds the connection only while it runs. */
  const drain = async () => {
    try {
      while (queue.length > 0) {
        // Wait one turn of the loop, so writes that arrive in the same turn
        // share the batch; and after a batch, so the requests that came in
        // while its COMMIT held the thread are read and join the next one,
        // rather than a batch of whatever was queued already (a mail marked
        // sent) taking a flush to disk of its own.
        await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          // Kysely's SQLite driver has one connection; `connection()` holds it for
          // the whole batch, so no other query runs inside the transaction, and a
          // read waiting for it gets it between two batches.
          await kysely.connection().execute((conn) => batch(conn));
        } catch (error) {
          // Only before the batch took any member (the connection was closed):
          // refuse what is waiting rather than wait for ever.
          for (const member of queue.splice(0)) member.reject(error);
        }
      }
    } finally {
      // In the same step as the loop's last check: a write queued after it starts a new drain.
      draining = false;
    }
  };

  const batch = async (conn: Queries) => {
    if (!(await beginImmediate(handle, statements, queue))) return;
    const done: { member: Member; result: unknown }[] = [];
    let current: Member | undefined;
    try {
      while (done.length < MAX_BATCH && queue.length > 0) {
        current = queue.shift()!;
        run('savepoint');
        try {
          const result = await current.work(conn);
          run('release');
          done.push({ member: current, result });
        } catch (error) {
          current.reject(error);
          if (handle.inTransaction) {
            run('rollbackTo');
            run('release');
          } else {
            // Some errors (a full disk, an I/O error) make SQLite roll back the
            // whole transaction: the members before lost their writes too.
            // None of them was answered yet; each fails as it would have alone.
            for (const earlier of done.splice(0)) earlier.member.reject(error);
            if (!(await beginImmediate(handle, statements, queue))) return;
          }
        }
        current = undefined;
      }
      run('commit');
    } catch (error) {
      // The COMMIT failed, or the batch's own statements did: nothing of it holds.
      current?.reject(error);
      for (const { member } of done) member.reject(error);
      if (handle.inTransaction) run('rollback');
      return;
    }
    // On disk now: only now may anyone answer "stored".
    for (const { member, result } of done) member.resolve(result);
  };

  return {
    write<T>(work: (trx: Queries) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          work,
          resolve: resolve as (result: unknown) => void,
          reject,
          queuedAt: Date.now(),
        });
        if (!draining) {
          draining = true;
          // Never rejects: each member's error goes to that member.
          void drain();
        }
      });
    },
  };
}

/**
 * `BEGIN IMMEDIATE`, waiting for another connection's write lock without
 * blocking the event loop; false when it gave up, having refused the queued
 * writes that waited `BUSY_TIMEOUT_MS` (those queued later try again).
 * better-sqlite3's busy handler sleeps on this thread: a second handle on the
 * file in this process (two instances in one test) then freezes the loop that
 * the lock holder needs to commit, until the timeout; another process would
 * stop answering anything meanwhile.
 */
async function beginImmediate(
  handle: BetterSqlite3.Database,
  statements: TransactionStatements,
  queue: Member[],
): Promise<boolean> {
  // Only this batch uses the connection now (Kysely holds it).
  handle.pragma('busy_timeout = 0');
  try {
    for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
      try {
        statements.begin.run();
        return true;
      } catch (error) {
        const busy = (error as { code?: string }).code === 'SQLITE_BUSY';
        const oldest = queue[0];
        if (!oldest) return false;
        if (!busy) {
          for (const member of queue.splice(0, MAX_BATCH)) member.reject(error);
          return false;
        }
        if (Date.now() >= oldest.queuedAt + BUSY_TIMEOUT_MS) {
          const now = Date.now();
          while (queue[0] && now >= queue[0].queuedAt + BUSY_TIMEOUT_MS) {
            queue.shift()!.reject(error);
          }
          return false;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  } finally {
    handle.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * The statements a batch runs around its members, each prepared once per
 * handle. Not the busy timeout: a pragma acts when it is prepared, not when
 * it is run again, so `pragma()` prepares it each time.
 */
function transactionStatements(handle: BetterSqlite3.Database) {
  return {
    begin: handle.prepare('BEGIN IMMEDIATE'),
    savepoint: handle.prepare('SAVEPOINT samskab_member'),
    release: handle.prepare('RELEASE samskab_member'),
    rollbackTo: handle.prepare('ROLLBACK TO samskab_member'),
    commit: handle.prepare('COMMIT'),
    rollback: handle.prepare('ROLLBACK'),
  };
}

type TransactionStatements = ReturnType<typeof transactionStatements>;
