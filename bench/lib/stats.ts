/* Timing, percentiles, memory sampling and table printing shared by the benchmarks. */
import os from 'node:os';

/** Milliseconds since a `process.hrtime.bigint()` start. */
export function millisSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `fn` and returns its value with the elapsed milliseconds. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: millisSince(start) };
}

/** The q-quantile (0..1) of a list, nearest-rank; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil(q * sorted.length) - 1),
  );
  return sorted[rank];
}

/** The median of a list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A rate such as `812.4k` or `4.21M` per second. */
export function formatRate(count: number, ms: number): string {
  const perSecond = (count / ms) * 1000;
  if (!Number.isFinite(perSecond)) return '-';
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(0);
}

/** Mebibytes with one decimal. */
export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

/**
 * Samples the resident set size on a timer. A timer cannot fire while the event loop is busy, so a
 * long synchronous stretch is sampled at its end: the maximum is a lower bound, and the figure also
 * includes the final reading taken by stop().
 */
export class RssSampler {
  #max = process.memoryUsage().rss;
  #lapMax = this.#max;
  readonly #timer: NodeJS.Timeout;

  /** Starts sampling every `intervalMs`. */
  constructor(intervalMs = 50) {
    this.#timer = setInterval(() => this.sample(), intervalMs);
    // Sampling must never keep a finished benchmark alive.
    this.#timer.unref();
  }

  /** Takes one reading now (call it after synchronous bursts too). */
  sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.#max) this.#max = rss;
    if (rss > this.#lapMax) this.#lapMax = rss;
  }

  /** The peak since the previous lap (or the start), in bytes; starts a new lap. */
  lap(): number {
    this.sample();
    const peak = this.#lapMax;
    this.#lapMax = process.memoryUsage().rss;
    return peak;
  }

  /** Stops sampling and returns the peak in bytes. */
  stop(): number {
    this.sample();
    clearInterval(this.#timer);
    return this.#max;
  }
}

/** Prints rows as an aligned text table with a header line. */
export function printTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): void {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ');
  console.log(line(header));
  console.log(widths.map(w => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** The machine's load averages and core count, to read the figures against. */
export function machineLoad(): string {
  const [one, five, fifteen] = os.loadavg();
  return `load average ${one.toFixed(2)} / ${five.toFixed(
    2,
  )} / ${fifteen.toFixed(2)} (1/5/15 min) on ${os.cpus().length} cores`;
}
