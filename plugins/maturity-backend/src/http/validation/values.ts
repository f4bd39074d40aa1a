/**
 * Strict checks of single request values, shared by the request validation layer and the routes that
 * validate their own bodies (POST /facts). Each returns a problem (without the field name) or undefined.
 */

/** Earliest and latest years a date may name: before 1970 or after 9999 is a typo or an attack. */
export const MIN_YEAR = 1970;
/** See MIN_YEAR. */
export const MAX_YEAR = 9999;
/** An integer without a maximum in the schema still fits a PostgreSQL `integer` column. */
export const MAX_UNBOUNDED_INTEGER = 2_147_483_647;

// A query or path value is one line: every C0 control and DEL is refused (matching them is the point).
// eslint-disable-next-line no-control-regex
const CONTROL_IN_PARAM = /[\u0000-\u001f\u007f]/;
// Body text may be multi-line (reasons, comments), so tab, LF and CR are allowed there.
// eslint-disable-next-line no-control-regex
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INTEGER = /^-?\d{1,16}$/;
const DECIMAL = /^-?\d{1,16}(\.\d{1,16})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A problem with control characters in a query or path value (NUL included), or undefined. */
export function paramTextProblem(value: string): string | undefined {
  return CONTROL_IN_PARAM.test(value)
    ? 'must not contain control characters'
    : undefined;
}

/** A problem with control characters in body text (tab and line breaks are allowed), or undefined. */
export function bodyTextProblem(value: string): string | undefined {
  return CONTROL_IN_TEXT.test(value)
    ? 'must not contain control characters'
    : undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function calendarProblem(
  year: number,
  month: number,
  day: number,
): string | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR)
    return `year must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  if (month < 1 || month > 12) return 'month must be 01 to 12';
  if (day < 1 || day > daysInMonth(year, month))
    return `day ${String(day).padStart(
      2,
      '0',
    )} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  return undefined;
}

/**
 * The instant of a strict ISO 8601 / RFC 3339 date-time with a time zone (`2026-12-06T10:00:00Z`,
 * `…+02:00`), or a problem: a real calendar day, hours 00–23, minutes and seconds 00–59, offsets up to
 * ±14:00, years 1970–9999. `Date.parse` alone rolls 2027-02-29 over to March and accepts odd forms.
 */
export function parseDateTime(value: string): Date | string {
  const m = DATE_TIME.exec(value);
  if (!m)
    return 'must be an ISO 8601 date-time with a time zone, e.g. 2026-12-06T10:00:00Z';
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const calendar = calendarProblem(year, month, day);
  if (calendar) return calendar;
  if (hour > 23 || minute > 59 || second > 59)
    return 'must be a valid time of day (00:00:00 to 23:59:59)';
  if (m[8] !== 'Z') {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > 14 * 60)
      return 'time zone offset must be between -14:00 and +14:00';
  }
  const time = Date.parse(value);
  const instant = new Date(time);
  const utcYear = instant.getUTCFullYear();
  if (Number.isNaN(time) || utcYear < MIN_YEAR || utcYear > MAX_YEAR)
    return `year must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  return instant;
}

/** A problem with a strict `YYYY-MM-DD` calendar date, or undefined. */
export function dateProblem(value: string): string | undefined {
  const m = DATE.exec(value);
  if (!m) return 'must be a date YYYY-MM-DD';
  const [year, month, day] = m.slice(1, 4).map(Number);
  return calendarProblem(year, month, day);
}

/** A problem with a UUID, or undefined. */
export function uuidProblem(value: string): string | undefined {
  return UUID.test(value) ? undefined : 'must be a UUID';
}

/** Bounds of a number as the schema gives them. */
export interface NumberBounds {
  /** Integers only. */
  integer: boolean;
  /** Inclusive minimum. */
  minimum?: number;
  /** Inclusive maximum. */
  maximum?: number;
}

/** A problem with a finite number against its bounds (integers without a maximum stay in int4), or undefined. */
export function numberProblem(
  value: number,
  bounds: NumberBounds,
): string | undefined {
  if (!Number.isFinite(value)) return 'must be a finite number';
  if (bounds.integer && !Number.isSafeInteger(value))
    return 'must be an integer';
  const maximum =
    bounds.maximum ?? (bounds.integer ? MAX_UNBOUNDED_INTEGER : undefined);
  const minimum =
    bounds.minimum ?? (bounds.integer ? -MAX_UNBOUNDED_INTEGER : undefined);
  if (minimum !== undefined && value < minimum) return `must be >= ${minimum}`;
  if (maximum !== undefined && value > maximum) return `must be <= ${maximum}`;
  return undefined;
}

/** A query or path value as a number, or a problem: plain decimal digits only (no 1e309, Infinity, 0x10). */
export function parseNumberParam(
  raw: string,
  bounds: NumberBounds,
): number | string {
  if (!(bounds.integer ? INTEGER : DECIMAL).test(raw))
    return bounds.integer ? 'must be an integer' : 'must be a decimal number';
  const value = Number(raw);
  return numberProblem(value, bounds) ?? value;
}
