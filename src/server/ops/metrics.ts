/**
 * Prometheus metrics (prom-client). Each app has its own Registry for what it
 * counts (requests, latency, sign-ups, claims), so several apps in one process
 * (the tests) never share or clash; the process's own figures (CPU, memory,
 * event-loop lag, GC) are one Registry per process, since they describe the
 * process, and their collectors (an event-loop monitor, a GC observer) should
 * run once, not once per app.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ClaimStatus } from '../../schemas/claim.js';

/** The counters features bump and the middleware that times every request. */
export interface Metrics {
  /** One request answered; `route` is the matched pattern, `null` when none matched. */
  observeRequest(method: string, route: string | null, status: number, seconds: number): void;
  /** A new sign-up was stored (not a replay, not a honeypot's fake receipt). */
  signupStored(): void;
  /** A new claim was stored, holding a place or on the waitlist. */
  claimStored(status: ClaimStatus): void;
  /** A mail left the outbox (`sent`), is to be tried again (`retry`), or was given up (`failed`). */
  mailCounted(outcome: 'sent' | 'retry' | 'failed', kind: string): void;
  /** Reports the outbox's backlog at each scrape, from `pending`. */
  watchOutbox(pending: () => Promise<number>): void;
  /** The text exposition format for `GET /metrics`. */
  render(): Promise<{ body: string; contentType: string }>;
}

/**
 * From a sign-up's ~2 ms (one `synchronous=FULL` commit) to a stalled
 * upload's 8 s shutdown grace.
 */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Anything else becomes OTHER, so a client cannot mint label values.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label for requests no route matched: one value, whatever the path. */
export const UNMATCHED_ROUTE = '(unmatched)';

let processRegistry: Registry | undefined;

/** The process's own metrics, collected from the first app on. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** A fresh set of the app's metrics, in a Registry of its own. */
export function createMetrics(): Metrics {
  const shared = processMetrics();
  const registry = new Registry();
  const requests = new Counter({
    name: 'samskab_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'samskab_http_request_duration_seconds',
    help: 'Time from a request reaching the app to its answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const signups = new Counter({
    name: 'samskab_signups_total',
    help: 'Sign-ups stored (replays and honeypot receipts not counted).',
    registers: [registry],
  });
  const claims = new Counter({
    name: 'samskab_claims_total',
    help: 'Shift claims stored, by the status they got: claimed (a place) or waitlisted.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const mails = new Counter({
    name: 'samskab_mails_total',
    help: 'Mails handled by the outbox worker, by outcome (sent, retry, failed) and kind.',
    labelNames: ['outcome', 'kind'] as const,
    registers: [registry],
  });
  let pending: (() => Promise<number>) | undefined;
  new Gauge({
    name: 'samskab_outbox_pending',
    help: 'Mails written and not yet sent or given up.',
    registers: [registry],
    async collect() {
      if (pending) this.set(await pending());
    },
  });
  // Shown as 0 from the start, so a rate() over them has a first point.
  claims.labels('claimed').inc(0);
  claims.labels('waitlisted').inc(0);

  return {
    observeRequest(method, route, status, seconds) {
      const labels = {
        method: METHODS.has(method) ? method : 'OTHER',
        route: route ?? UNMATCHED_ROUTE,
      };
      requests.inc({ ...labels, status_class: `${Math.floor(status / 100)}xx` });
      latency.observe(labels, seconds);
    },
    signupStored: () => signups.inc(),
    claimStored: (status) => claims.labels(status).inc(),
    mailCounted: (outcome, kind) => mails.labels(outcome, kind).inc(),
    watchOutbox: (count) => {
      pending = count;
    },
    async render() {
      const merged = Registry.merge([registry, shared]);
      return { body: await merged.metrics(), contentType: merged.contentType };
    },
  };
}
