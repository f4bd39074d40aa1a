import {
  bodyTextProblem,
  dateProblem,
  numberProblem,
  paramTextProblem,
  parseDateTime,
  parseNumberParam,
  uuidProblem,
} from './values';

describe('strict request values', () => {
  it('parses real ISO 8601 date-times with their offsets', () => {
    expect(parseDateTime('2026-12-06T10:00:00Z')).toEqual(
      new Date('2026-12-06T10:00:00.000Z'),
    );
    expect(parseDateTime('2028-02-29T23:30:00.123+02:00')).toEqual(
      new Date('2028-02-29T21:30:00.123Z'),
    );
    expect(parseDateTime('2026-12-06T10:00Z')).toBeInstanceOf(Date);
  });

  it.each([
    ['0000-00-00T00:00:00Z', /year must be between 1970 and 9999/],
    ['0000-01-01T00:00:00Z', /year/],
    ['1969-12-31T23:59:59Z', /year/],
    ['1970-01-01T00:30:00+01:00', /year/],
    ['2027-02-29T00:00:00Z', /day 29 does not exist in 2027-02/],
    ['2026-04-31T00:00:00Z', /day 31/],
    ['2026-13-01T00:00:00Z', /month/],
    ['2026-12-06T24:00:00Z', /time of day/],
    ['2026-12-06T10:60:00Z', /time of day/],
    ['2026-12-06T10:00:00+99:99', /offset/],
    ['2026-12-06T10:00:00+15:00', /offset/],
    ['2026-12-06T10:00:00', /time zone/],
    ['2026-12-06', /date-time/],
    ['+275760-09-13T00:00:00Z', /date-time/],
    ['Infinity', /date-time/],
    ['', /date-time/],
  ])('refuses the date-time %p', (value, problem) => {
    expect(parseDateTime(value)).toMatch(problem);
  });

  it('checks calendar dates', () => {
    expect(dateProblem('2028-02-29')).toBeUndefined();
    expect(dateProblem('2027-02-29')).toMatch(/does not exist/);
    expect(dateProblem('10000-01-01')).toMatch(/YYYY-MM-DD/);
    expect(dateProblem('1900-01-01')).toMatch(/year/);
  });

  it('reads query numbers as plain decimals within their bounds', () => {
    const days = { integer: true, minimum: 1, maximum: 365 };
    expect(parseNumberParam('90', days)).toBe(90);
    expect(parseNumberParam('1e309', days)).toBe('must be an integer');
    expect(parseNumberParam('Infinity', days)).toBe('must be an integer');
    expect(parseNumberParam('-Infinity', days)).toBe('must be an integer');
    expect(parseNumberParam('9'.repeat(5000), days)).toBe('must be an integer');
    expect(parseNumberParam('0x10', days)).toBe('must be an integer');
    expect(parseNumberParam('1.5', days)).toBe('must be an integer');
    expect(parseNumberParam('0', days)).toBe('must be >= 1');
    expect(parseNumberParam('366', days)).toBe('must be <= 365');
    // Without a maximum an integer still fits PostgreSQL's integer.
    expect(parseNumberParam('2147483648', { integer: true, minimum: 1 })).toBe(
      'must be <= 2147483647',
    );
    expect(parseNumberParam('2.5', { integer: false })).toBe(2.5);
    expect(parseNumberParam('NaN', { integer: false })).toBe(
      'must be a decimal number',
    );
  });

  it('refuses non-finite body numbers', () => {
    expect(numberProblem(Infinity, { integer: false })).toBe(
      'must be a finite number',
    );
    expect(numberProblem(NaN, { integer: true })).toBe(
      'must be a finite number',
    );
    expect(numberProblem(2 ** 60, { integer: true })).toBe(
      'must be an integer',
    );
    expect(numberProblem(1e300, { integer: false })).toBeUndefined();
  });

  it('refuses control characters: all of them in parameters, all but tab and line breaks in text', () => {
    expect(paramTextProblem('a\u0000b')).toBeDefined();
    expect(paramTextProblem('a\nb')).toBeDefined();
    expect(paramTextProblem('a\u007fb')).toBeDefined();
    expect(paramTextProblem('zürich ✓')).toBeUndefined();
    expect(bodyTextProblem('line 1\nline 2\ttab\r\n')).toBeUndefined();
    expect(bodyTextProblem('nul \u0000')).toBeDefined();
    expect(bodyTextProblem('bell \u0007')).toBeDefined();
  });

  it('checks UUIDs', () => {
    expect(uuidProblem('3f1c7c2e-9b1a-4c55-8d0e-1a2b3c4d5e6f')).toBeUndefined();
    expect(uuidProblem('1')).toBe('must be a UUID');
    expect(uuidProblem("1' or 1=1")).toBe('must be a UUID');
  });
});
