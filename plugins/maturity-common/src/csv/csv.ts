/**
 * One cell: empty for null/undefined, JSON for objects. Fields that could break the row are quoted, and a
 * leading =, +, - or @ is neutralised so a spreadsheet never runs the cell as a formula.
 */
function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text
    ? `"${safe.replace(/"/g, '""')}"`
    : safe;
}

/** Rows as RFC 4180 CSV: a header row, CRLF line ends, a final CRLF (exports of targets and audit trails). */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
): string {
  return [header, ...rows]
    .map(row => row.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
