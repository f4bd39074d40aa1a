// ISO 8601 durations as the Checklist schema accepts them (`P90D`, `P1Y`, `P2W`, `PT12H`, `P1DT6H`):
// calendar parts are added in UTC so that "P1M" from Jan 31 lands on the last day of February.
const PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Adds an ISO 8601 duration to a moment; throws on a malformed duration. */
export function addIsoDuration(from: Date, duration: string): Date {
  const m = PATTERN.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) {
    throw new TypeError(`Not an ISO 8601 duration: ${duration}`);
  }
  const [years, months, weeks, days, hours, minutes, seconds] = m
    .slice(1)
    .map(part => Number(part ?? 0));
  const d = new Date(from.getTime());
  if (years || months) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + years * 12 + months);
    const lastDay = new Date(
      Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0),
    ).getUTCDate();
    d.setUTCDate(Math.min(day, lastDay));
  }
  const ms =
    ((weeks * 7 + days) * 86_400 + hours * 3_600 + minutes * 60 + seconds) *
    1000;
  return new Date(d.getTime() + ms);
}
