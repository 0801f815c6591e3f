/**
 * The server's log: one JSON object per line, for a log collector to parse.
 * What goes in is chosen field by field, so no personal data can slip in: no
 * query strings, bodies, addresses or user agents, and no path a route
 * pattern does not stand in for (a cancel link's path holds its token).
 */

/** One request answered: what an operator needs to see traffic and latency. */
export interface RequestLogEntry {
  time: string;
  level: 'info';
  msg: 'request';
  requestId: string;
  method: string;
  /** The matched route pattern (`/api/v1/shifts/:id/claims`), or `null` when no route matched. */
  route: string | null;
  status: number;
  durationMs: number;
  /** The municipality the request was for, on a server with tenants. */
  tenant?: string;
}

/** Something went wrong that nobody was told about in an answer (a 500, a failed erasure). */
export interface ErrorLogEntry {
  time: string;
  level: 'error';
  msg: string;
  /** The request it happened in; absent for background work (retention). */
  requestId?: string;
  /** The municipality it happened for, on a server with tenants. */
  tenant?: string;
  error: { name: string; message: string; stack?: string };
}

/** A line of the log. */
export type LogEntry = RequestLogEntry | ErrorLogEntry;

/** Where log lines go; tests pass an array's `push`. */
export type Log = (entry: LogEntry) => void;

/** Writes each entry as one JSON line on `stream` (stdout for `npm run serve`). */
export function jsonLines(stream: { write(chunk: string): unknown }): Log {
  return (entry) => {
    stream.write(`${JSON.stringify(entry)}\n`);
  };
}

/**
 * The entry for an unexpected error. The stack is kept: it names code, not
 * people, and without it a 500 cannot be found.
 */
export function errorEntry(error: unknown, time: Date, requestId?: string): ErrorLogEntry {
  const e =
    error instanceof Error
      ? { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
      : { name: 'NonError', message: String(error) };
  return {
    time: time.toISOString(),
    level: 'error',
    msg: requestId === undefined ? 'background error' : 'unhandled error',
    ...(requestId === undefined ? {} : { requestId }),
    error: e,
  };
}
