import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import type {
  ReadinessAnswer,
  ReadinessAuditAction,
  ReadinessItem,
  ReadinessReviewEvent,
  ReadinessReviewStatus,
} from '@ratchet/backstage-plugin-maturity-common';

/** How each answer reads. */
export const ANSWER_LABELS: Record<ReadinessAnswer, string> = {
  yes: 'Yes',
  no: 'No',
  'not-applicable': 'Not applicable',
};

/** How each review status reads. */
export const REVIEW_STATUS_LABELS: Record<ReadinessReviewStatus, string> = {
  open: 'Open',
  'changes-requested': 'Changes requested',
  vetoed: 'Vetoed',
  approved: 'Approved',
  withdrawn: 'Withdrawn',
};

/** How each review timeline step reads. */
export const EVENT_LABELS: Record<ReadinessReviewEvent['action'], string> = {
  requested: 'requested the review',
  approved: 'approved',
  'changes-requested': 'requested changes',
  vetoed: 'vetoed',
  'veto-lifted': 'lifted the veto',
  reopened: 'review re-opened',
  withdrawn: 'withdrew the review',
};

/** How each audit action reads. */
export const AUDIT_LABELS: Record<ReadinessAuditAction, string> = {
  answer: 'Answered',
  'automatic-answer': 'Answered automatically',
  phase: 'Phase changed',
  'target-launch-date': 'Target launch date',
  'review-requested': 'Review requested',
  'review-approved': 'Review approved',
  'review-changes-requested': 'Changes requested',
  'review-vetoed': 'Review vetoed',
  'review-veto-lifted': 'Veto lifted',
  'review-reopened': 'Review re-opened',
  'review-withdrawn': 'Review withdrawn',
};

/** Days an answer may have left before the tab warns that it expires. */
export const EXPIRY_WARNING_DAYS = 14;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days until the item's answer expires, when it expires within the warning window and has not yet. */
export function expiresInDays(
  item: ReadinessItem,
  now: number = Date.now(),
): number | undefined {
  if (!item.expiresAt || item.expired) return undefined;
  const days = Math.ceil((Date.parse(item.expiresAt) - now) / DAY_MS);
  return days <= EXPIRY_WARNING_DAYS ? Math.max(days, 0) : undefined;
}

/** The name part of a user or group ref, for compact display. */
export function shortRef(ref: string): string {
  return ref.replace(/^[^:]+:(?:default\/)?/, '');
}

/** A review status as a coloured chip. */
export function ReviewStatusChip({
  status,
}: {
  status: ReadinessReviewStatus;
}) {
  const theme = useTheme();
  const colors: Record<ReadinessReviewStatus, string> = {
    open: theme.palette.info.main,
    'changes-requested': theme.palette.warning.main,
    vetoed: theme.palette.error.main,
    approved: theme.palette.success.main,
    withdrawn: theme.palette.text.secondary,
  };
  return (
    <Chip
      size="small"
      variant="outlined"
      label={REVIEW_STATUS_LABELS[status]}
      style={{ borderColor: colors[status], color: colors[status] }}
    />
  );
}

/** Where an item stands, as a chip: its answer, unanswered, or expired. */
export function ItemStateChip({ item }: { item: ReadinessItem }) {
  const theme = useTheme();
  let label = 'Unanswered';
  let color = theme.palette.text.secondary;
  if (item.state === 'expired') {
    label = `Expired (${item.answer ? ANSWER_LABELS[item.answer] : '–'})`;
    color = theme.palette.error.main;
  } else if (item.answer) {
    label = ANSWER_LABELS[item.answer];
    color = item.acceptable
      ? theme.palette.success.main
      : theme.palette.error.main;
  }
  return (
    <Chip
      size="small"
      variant="outlined"
      label={label}
      style={{ borderColor: color, color }}
    />
  );
}

/** Why answering is disabled when the caller may not answer. */
export const ANSWER_DENIED =
  'Only the owners of this entity can answer items, request reviews and change its phase';

/** The backend's own message of a failed request (a ResponseError's body), else the error's message. */
export function errorMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: string } } }).body;
  return body?.error?.message ?? (error as Error).message ?? String(error);
}
