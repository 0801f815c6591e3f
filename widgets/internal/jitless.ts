import * as z from 'zod/mini';

// Zod compiles object parsers with `new Function` when it may. On a municipal
// page with a strict CSP even the probe for that is reported as a
// `securitypolicyviolation`, so the widgets never try.
z.config({ jitless: true });
