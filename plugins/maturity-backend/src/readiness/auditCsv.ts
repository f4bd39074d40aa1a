import type { ReadinessAuditEntry } from '@ratchet/backstage-plugin-maturity-common';

const COLUMNS = [
  'id',
  'at',
  'actor',
  'entityRef',
  'checklistRef',
  'action',
  'itemId',
  'phase',
  'reviewId',
  'before',
  'after',
] as const;

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // Quote everything that could break a row, and defuse spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) || safe !== text
    ? `"${safe.replace(/"/g, '""')}"`
    : safe;
}

/** The audit trail as CSV (RFC 4180), oldest first, one entry per row. */
export function auditCsv(entries: readonly ReadinessAuditEntry[]): string {
  const rows = entries.map(e => COLUMNS.map(c => cell(e[c])).join(','));
  return `${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
