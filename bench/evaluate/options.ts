/*
 * The command line of `yarn bench:evaluate`, shared by the parent and its children: the parent passes its
 * options on to each child in the same form.
 */
import type { BenchDatabaseKind } from '../lib/databases';

/** What `yarn bench:evaluate` was asked to do. */
export interface Options {
  runs: number;
  entities: number;
  updates: number;
  only?: BenchDatabaseKind[];
  cpuProf: boolean;
  /** False with --no-compare: the jsonfc comparison takes minutes and says nothing about the databases. */
  compare: boolean;
  /** EvaluationService's result budget; its default when absent. */
  resultsPerTransaction?: number;
  child?: string;
}

/** Reads the options; unknown arguments are ignored. */
export function parseArgs(argv: string[]): Options {
  const options: Options = {
    runs: 3,
    entities: 10_000,
    updates: 200,
    cpuProf: false,
    compare: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--entities') options.entities = Number(argv[++i]);
    else if (arg === '--updates') options.updates = Number(argv[++i]);
    else if (arg === '--only')
      options.only = argv[++i].split(',') as BenchDatabaseKind[];
    else if (arg === '--cpu-prof') options.cpuProf = true;
    else if (arg === '--no-compare') options.compare = false;
    else if (arg === '--results-per-transaction')
      options.resultsPerTransaction = Number(argv[++i]);
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--child') options.child = argv[++i];
  }
  return options;
}
