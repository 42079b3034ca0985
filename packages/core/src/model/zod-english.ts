/**
 * The core's schemas are written with `zod/mini`: the same schemas and errors as zod's classic API
 * in a functional form (`z.optional(s)`, `s.check(z.maxLength(300))`) that a bundler can shake, so
 * the main entry carries only the parts of zod that the schemas use (issue 16: the entry ≤ 60 KB
 * gzip). Each module that defines schemas imports `zod/mini` itself (a namespace passed on between
 * modules could not be shaken) and this module for its one effect:
 *
 * zod's classic API sets its English messages (`Too big: expected string to have <=300 characters`)
 * as it builds its first schema; zod/mini leaves the locale to its caller. The core sets the same
 * English locale here, and only where nothing has set one (an app's own `z.config(z.locales.ja())`
 * wins), so that every issue keeps the message it had.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

if (!config().localeError) config(en());
