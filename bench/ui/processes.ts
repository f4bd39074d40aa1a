/*
 * Child processes of the UI benchmark (the app build, the backend) and their cleanup. Each child runs in
 * its own process group, so stopping it also stops whatever it started (backstage-cli → rspack workers);
 * every group still running is killed when the benchmark exits for any reason, Ctrl-C included.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

const running = new Set<ChildProcess>();
const exitHooks: Array<() => void> = [];

/** Runs `hook` (synchronous) when the benchmark exits, however it exits. */
export function onExit(hook: () => void): void {
  exitHooks.push(hook);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    // The negative pid addresses the group the child leads (it was spawned detached).
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

let installed = false;

/** Kills every child group on exit, on Ctrl-C / SIGTERM and on a crash of the benchmark itself. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  // 'exit' handlers must be synchronous: SIGKILL is the only thing that still works there.
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
    for (const hook of exitHooks) hook();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the backend and the browser`);
      for (const child of running) killGroup(child, 'SIGTERM');
      // 128 + signal number, as a shell reports it; the 'exit' handler sends SIGKILL to stragglers.
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/** A started child process (its own process group) whose output goes to a log file. */
export interface Started {
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `command` detached, output appended to `logFile`, registered for cleanup. */
export function start(options: {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
}): Started {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  running.add(child);
  const exited = new Promise<number | null>(resolve => {
    child.on('exit', code => {
      running.delete(child);
      resolve(code);
    });
    child.on('error', () => {
      running.delete(child);
      resolve(-1);
    });
  });
  return {
    child,
    logFile: options.logFile,
    exited,
    async stop(graceMs = 10_000) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Grandchildren may outlive the leader; the group id still addresses them.
      killGroup(child, 'SIGKILL');
    },
  };
}

/** Runs a command to completion; rejects with the end of its log when it fails. */
export async function run(options: Parameters<typeof start>[0]): Promise<void> {
  const started = start(options);
  const code = await started.exited;
  if (code !== 0) {
    const tail = fs.readFileSync(options.logFile, 'utf8').split('\n');
    throw new Error(
      `${options.command} ${options.args.join(' ')} exited with ${code}:\n${tail
        .slice(-30)
        .join('\n')}`,
    );
  }
}

/** Whether nothing listens on `port` at 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every `intervalMs` until it returns a value, or throws after `timeoutMs`. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; alive?: () => void },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.alive?.();
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${options.timeoutMs / 1000} s waiting for ${what}`,
      );
    await new Promise(resolve =>
      setTimeout(resolve, options.intervalMs ?? 1_000),
    );
  }
}
