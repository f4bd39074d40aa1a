/*
 * Backend processes of multiProcess.test.ts: each is backendChild.ts in its own Node process (TypeScript
 * through the Backstage CLI's transform, as `backstage-cli package start` runs the backend), with JSON
 * logs on stdout that the test reads line by line.
 */
import type { JsonObject } from '@backstage/types';
import { ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

/** One JSON log line of a backend process, with when the test read it. */
export interface LogLine {
  message: string;
  plugin?: string;
  fields: JsonObject;
  at: number;
}

/** A running backend process. */
export interface BackendProcess {
  name: string;
  port: number;
  baseUrl: string;
  child: ChildProcess;
  logs: LogLine[];
  /** Lines that were not JSON (stderr, the config loader): shown when the test fails. */
  other: string[];
  exited: Promise<number | null>;
  /** Calls `listener` with every log line from now on, until the returned function is called. */
  onLog(listener: (line: LogLine) => void): () => void;
}

/** Starts a backend process on `port` with `config` (written beside the catalog in `dir`). */
export function startBackend(options: {
  name: string;
  port: number;
  dir: string;
  config: JsonObject;
}): BackendProcess {
  const configFile = path.join(options.dir, `${options.name}.app-config.yaml`);
  writeFileSync(configFile, stringify(options.config));
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'backendChild.ts'),
      '--config',
      configFile,
    ],
    {
      // Inside the repository: the backend finds its package root from the working directory.
      cwd: path.resolve(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info' },
    },
  );
  const listeners = new Set<(line: LogLine) => void>();
  const proc: BackendProcess = {
    name: options.name,
    port: options.port,
    baseUrl: `http://127.0.0.1:${options.port}`,
    child,
    logs: [],
    other: [],
    exited: new Promise(resolve => child.on('close', code => resolve(code))),
    onLog: listener => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  let buffer = '';
  child.stdout!.on('data', (data: Buffer) => {
    buffer += data.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const raw of parts) {
      const line = parseLine(raw);
      // Access log lines are many and say nothing the test asks about.
      if (line?.fields.type === 'incomingRequest') continue;
      if (!line) {
        proc.other.push(raw);
        continue;
      }
      proc.logs.push(line);
      for (const listener of listeners) listener(line);
    }
  });
  child.stderr!.on('data', (data: Buffer) => proc.other.push(String(data)));
  return proc;
}

function parseLine(raw: string): LogLine | undefined {
  if (!raw.startsWith('{')) return undefined;
  try {
    const { message, plugin, ...fields } = JSON.parse(raw) as JsonObject;
    if (typeof message !== 'string') return undefined;
    return {
      message,
      plugin: typeof plugin === 'string' ? plugin : undefined,
      fields,
      at: Date.now(),
    };
  } catch {
    return undefined;
  }
}

/** Resolves once the process answers its readiness probe; rejects if it exits first. */
export async function waitUntilReady(
  proc: BackendProcess,
  timeoutMs: number,
): Promise<void> {
  let exited = false;
  proc.exited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const failed = proc.logs.find(l =>
      l.message.includes('Backend startup failed'),
    );
    if (exited || failed) {
      throw new Error(`${proc.name} did not start:\n${tail(proc).join('\n')}`);
    }
    try {
      const res = await fetch(`${proc.baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(
    `${proc.name} not ready after ${timeoutMs} ms:\n${tail(proc).join('\n')}`,
  );
}

/** The last lines a process wrote, for failure messages. */
export function tail(proc: BackendProcess, n = 30): string[] {
  return [
    ...proc.other.slice(-n),
    ...proc.logs.slice(-n).map(l => `${l.plugin ?? ''} ${l.message}`),
  ];
}

/** Stops a process (SIGTERM, then SIGKILL after a grace period) and waits for it. */
export async function stopBackend(proc: BackendProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
  await proc.exited;
  clearTimeout(timer);
}

/** Calls the process's API with the CI token. */
export async function callApi(
  proc: BackendProcess,
  token: string,
  method: 'GET' | 'POST',
  apiPath: string,
  body?: JsonObject,
): Promise<Response> {
  return fetch(`${proc.baseUrl}${apiPath}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}
