/**
 * The one retention scheduler: every feature's `retain` runs at start and
 * then at most hourly, on the app's clock, so a test that moves the clock a
 * year on sees data erased as a server left running would.
 */

/** How often retention runs. */
export const RETAIN_EVERY_MS = 60 * 60 * 1000;

/** The instant `months` calendar months before `now` (UTC), the cut-off for a retention period. */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Runs `jobs` when an hour has passed on `clock` since the last run. Call
 * `due()` as often as you like (the app calls it per request, the server on a
 * timer); it does the work only when it is due.
 */
export function retentionScheduler(
  jobs: readonly ((now: Date) => Promise<void>)[],
  clock: () => Date,
  logError: (error: unknown) => void,
) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    async due() {
      const now = clock();
      if (now.getTime() - last < RETAIN_EVERY_MS) return;
      last = now.getTime();
      for (const job of jobs) {
        // One failing feature must not keep the others from erasing what they must.
        try {
          await job(now);
        } catch (error) {
          logError(error);
        }
      }
    },
  };
}
