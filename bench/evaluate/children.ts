/*
 * Child processes of `yarn bench:evaluate`: each database run (and the jsonfc comparison) runs in a fresh
 * process, so that its peak RSS is its own. The child is bench/evaluate.ts itself started with
 * `--child <part>`; it reports one JSON line after a marker, since stdout may carry other output too.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Options } from './options';

const RESULT_MARKER = '@@bench-result ';

/** The entry point, not this module: only the entry point dispatches on `--child`. */
const EVALUATE_ENTRY = path.join(__dirname, '..', 'evaluate.ts');

/** bench/.profiles/, beside the other benchmarks' profiles, not under bench/evaluate/. */
const PROFILE_DIRECTORY = path.join(__dirname, '..', '.profiles');

/** Runs this script again as a child for one part; returns the JSON it reports. */
export function runChild<T>(part: string, options: Options): Promise<T> {
  const nodeArgs = ['--require', '@backstage/cli/config/nodeTransform.cjs'];
  if (options.cpuProf && part !== 'compare') {
    nodeArgs.unshift(
      '--cpu-prof',
      `--cpu-prof-dir=${PROFILE_DIRECTORY}`,
      `--cpu-prof-name=evaluate-${part}-${Date.now()}.cpuprofile`,
    );
  }
  const args = [
    ...nodeArgs,
    EVALUATE_ENTRY,
    '--child',
    part,
    '--entities',
    String(options.entities),
    '--updates',
    String(options.updates),
    ...(options.resultsPerTransaction !== undefined
      ? ['--results-per-transaction', String(options.resultsPerTransaction)]
      : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('close', code => {
      const line = output.split('\n').find(l => l.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`bench part ${part} exited with ${code}:\n${output}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as T);
    });
  });
}

/** In a child: hands the report to the parent (the line runChild looks for). */
export function reportToParent(report: unknown): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(report)}\n`);
}
