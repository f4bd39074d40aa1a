import {
  ReadinessAuditEntry,
  toCsv,
} from '@ratchet/backstage-plugin-maturity-common';

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

/** The audit trail as CSV (RFC 4180), oldest first, one entry per row. */
export function auditCsv(entries: readonly ReadinessAuditEntry[]): string {
  return toCsv(
    COLUMNS,
    entries.map(e => COLUMNS.map(c => e[c])),
  );
}
