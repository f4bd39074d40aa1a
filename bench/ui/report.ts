/* The UI benchmark's table: per page and navigation mode, the timings and the largest responses. */
import { machineLoad, median, printTable } from '../lib/stats';
import type { Measurement, ResponseInfo } from './browser';

/** The requirement: interactive within this long after navigation. */
export const TARGET_MS = 2_000;

/**
 * One page of entities: the largest `limit` the maturity API accepts on its paged endpoints
 * (openapi.yaml, `maximum: 500`). A response over it means some request was not paged, e.g. a client
 * loading the whole catalog; the UI itself asks for 10–50 rows at a time, which the table shows.
 */
export const ONE_PAGE = 500;

const PAGES = [
  'scorecard list',
  'org report',
  'entity Maturity tab',
  'check page',
];

function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : '-';
}

function kb(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

function largest(
  responses: ResponseInfo[],
  by: (r: ResponseInfo) => number,
): ResponseInfo | undefined {
  return responses.reduce<ResponseInfo | undefined>(
    (best, r) => (!best || by(r) > by(best) ? r : best),
    undefined,
  );
}

/** A response's path without the query string beyond 60 characters, for the table. */
function shortPath(url: string): string {
  return url.length > 70 ? `${url.slice(0, 67)}...` : url;
}

export interface Verdict {
  allWithinTarget: boolean;
  maxEntities: number;
  maxEntitiesUrl: string;
  failures: Measurement[];
}

/** Prints the table (measured rounds only; round 0 is the warm-up) and returns the verdicts. */
export function printReport(
  measurements: Measurement[],
  context: { entities: number; rounds: number; appMode: string },
): Verdict {
  const rows: string[][] = [];
  const notes: string[] = [];
  let allWithinTarget = true;
  const failures = measurements.filter(m => m.error);
  for (const mode of ['full load', 'in-app'] as const) {
    for (const page of PAGES) {
      const all = measurements.filter(m => m.page === page && m.mode === mode);
      if (all.length === 0) continue;
      const measured = all.filter(m => m.round > 0);
      const warmup = all.find(m => m.round === 0);
      const times = measured
        .map(m => m.interactiveMs)
        .filter((t): t is number => t !== undefined);
      const content = measured
        .map(m => m.contentMs)
        .filter((t): t is number => t !== undefined);
      const failed = measured.length - times.length;
      const max = times.length ? Math.max(...times) : Number.NaN;
      const met = failed === 0 && max <= TARGET_MS;
      allWithinTarget &&= met;
      const responses = all.flatMap(m => m.responses);
      const biggest = largest(responses, r => r.bytes);
      const mostEntities = largest(responses, r => r.entities);
      rows.push([
        page,
        mode,
        `${times.length}${failed ? ` (+${failed} failed)` : ''}`,
        ms(median(times)),
        ms(max),
        ms(median(content)),
        warmup?.interactiveMs !== undefined
          ? ms(warmup.interactiveMs)
          : 'failed',
        String(median(measured.map(m => m.responses.length))),
        biggest ? kb(biggest.bytes) : '-',
        mostEntities ? String(mostEntities.entities) : '0',
        met ? 'met' : 'MISSED',
      ]);
      if (biggest)
        notes.push(
          `${page}, ${mode}: largest response ${kb(biggest.bytes)} ${shortPath(
            biggest.url,
          )}; most entities ${mostEntities?.entities ?? 0} in ${shortPath(
            mostEntities?.url ?? '-',
          )}`,
        );
    }
  }
  const everything = measurements.flatMap(m => m.responses);
  const top = largest(everything, r => r.entities);
  console.log(
    `\nUI — ${context.entities} Components, ${
      context.rounds
    } measured rounds per page (+1 warm-up), ${
      context.appMode
    }, headless Chromium; ${machineLoad()}`,
  );
  printTable(
    [
      'page',
      'navigation',
      'n',
      'median',
      'max',
      'content (median)',
      'warm-up',
      'API requests',
      'largest response',
      'max entities / response',
      `< ${TARGET_MS / 1000} s`,
    ],
    rows,
  );
  for (const note of notes) console.log(`  ${note}`);
  for (const failure of failures)
    console.log(
      `FAILED ${failure.page} (${failure.mode}, round ${failure.round}): ${failure.error}`,
    );
  const maxEntities = top?.entities ?? 0;
  console.log(
    `\nentities in one response: at most ${maxEntities} (${
      top ? shortPath(top.url) : '-'
    }) of ${context.entities} — one page is at most ${ONE_PAGE}: ${
      maxEntities <= ONE_PAGE ? 'OK' : 'VIOLATED'
    }`,
  );
  console.log(
    `interactive within ${
      TARGET_MS / 1000
    } s (max of every measured navigation): ${
      allWithinTarget ? 'met' : 'MISSED'
    }`,
  );
  return {
    allWithinTarget,
    maxEntities,
    maxEntitiesUrl: top?.url ?? '',
    failures,
  };
}
