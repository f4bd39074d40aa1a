// Calendar arithmetic for campaign dates and ISO 8601 durations, in UTC: a campaign's dates are calendar
// days, and every replica must plan the same reminder cycles whatever its local time zone.

const DURATION =
  /^P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** An ISO 8601 duration split into its calendar and clock parts. */
export interface IsoDuration {
  years: number;
  months: number;
  days: number;
  milliseconds: number;
}

/** Parses `P7D`, `P2W`, `P1M`, `PT12H`…; throws an Error naming the value when it is not one. */
export function parseIsoDuration(value: string): IsoDuration {
  const m = DURATION.exec(value);
  if (!m) {
    throw new Error(`"${value}" is not an ISO 8601 duration such as P7D`);
  }
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  return {
    years: n(1),
    months: n(2),
    days: n(3) * 7 + n(4),
    milliseconds: ((n(5) * 60 + n(6)) * 60 + n(7)) * 1000,
  };
}

/** True when the duration is zero: a cadence of zero would plan infinitely many cycles. */
export function isZeroDuration(d: IsoDuration): boolean {
  return !d.years && !d.months && !d.days && !d.milliseconds;
}

/** `date` moved by `times` × `duration` (negative to go back), months clamped as calendars do. */
export function addDuration(
  date: Date,
  duration: IsoDuration,
  times = 1,
): Date {
  const out = new Date(date.getTime());
  const months = (duration.years * 12 + duration.months) * times;
  if (months) {
    const day = out.getUTCDate();
    out.setUTCDate(1);
    out.setUTCMonth(out.getUTCMonth() + months);
    const last = new Date(
      Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0),
    ).getUTCDate();
    out.setUTCDate(Math.min(day, last));
  }
  out.setUTCDate(out.getUTCDate() + duration.days * times);
  return new Date(out.getTime() + duration.milliseconds * times);
}

/** Midnight UTC starting a `YYYY-MM-DD` day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The `YYYY-MM-DD` UTC day of an instant. */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` moved by whole days. */
export function addDays(day: string, days: number): string {
  const d = startOfDay(day);
  d.setUTCDate(d.getUTCDate() + days);
  return dayOf(d);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (startOfDay(to).getTime() - startOfDay(from).getTime()) / 86_400_000,
  );
}
