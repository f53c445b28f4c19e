import { pino, type DestinationStream, type Logger } from 'pino';

import { createScrubber, type SensitiveValues } from './scrubber.js';

export interface LoggerOptions {
  /** pino level (`silent` switches logging off). */
  level: string;
  /** Secrets and upstream hosts to scrub from every line. */
  sensitive: SensitiveValues;
  /** Where lines go; stdout by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
  /** Fields added to every line (e.g. the request id of the request being served). */
  mixin?: () => Record<string, unknown>;
}

/** Header and field paths whose values are never logged, whatever they hold. */
const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  'apiKey',
  'token',
  'secret',
];

/**
 * The gateway's structured logger: one JSON object per line, ISO timestamps, and two
 * layers of redaction. pino's `redact` censors known fields (Authorization, x-api-key,
 * cookies). Then every finished line passes a scrubber that replaces each configured
 * secret — in any of the forms it can take on the wire — and each upstream host wherever
 * it appears: in messages, error causes, stack traces, nested objects.
 */
export function createLogger({ level, sensitive, destination, mixin }: LoggerOptions): Logger {
  const scrub = createScrubber(sensitive);
  const target = destination ?? pino.destination({ dest: 1, sync: true });
  const scrubbing: DestinationStream = { write: (line: string) => target.write(scrub(line)) };
  return pino(
    {
      level,
      base: { service: 'sessions-gateway' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      ...(mixin ? { mixin } : {}),
    },
    scrubbing,
  );
}
