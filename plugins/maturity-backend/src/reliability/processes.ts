/*
 * What the reliability tests and their child processes share: a logger that says nothing (children run
 * outside Jest, so no mock services) and the way a child script is started from TypeScript source.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

/** A logger that drops everything: the tests read the children's stdout, not their logs. */
export const silentLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/** Starts the TypeScript file `script` (an absolute path) in a new Node process, stdout and stderr piped. */
export function spawnChild(
  script: string,
  args: string[],
): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      script,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
}
