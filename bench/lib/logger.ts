/* A LoggerService for benchmarks: silent unless asked, so logging never costs time in a measurement. */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** A logger that drops everything, or prints warnings and errors when `verbose`. */
export function benchLogger(verbose = false): LoggerService {
  const print =
    (level: string) => (message: string, meta?: Error | JsonObject) => {
      if (verbose) console.error(`[${level}] ${message}`, meta ?? '');
    };
  const logger: LoggerService = {
    error: print('error'),
    warn: print('warn'),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}
