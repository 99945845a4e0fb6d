import { config } from 'zod';

// The renderer's Content-Security-Policy forbids eval. zod compiles object
// parsers with `new Function` when it can, and probes for that ability on the
// first parse, which the browser reports as a CSP violation. Imported first by
// main.ts, so this runs before any schema in src/shared parses anything.
config({ jitless: true });
