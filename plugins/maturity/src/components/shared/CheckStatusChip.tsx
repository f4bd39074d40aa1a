import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import CheckCircle from '@material-ui/icons/CheckCircle';
import Cancel from '@material-ui/icons/Cancel';
import ErrorOutline from '@material-ui/icons/ErrorOutline';
import RemoveCircleOutline from '@material-ui/icons/RemoveCircleOutline';
import VerifiedUser from '@material-ui/icons/VerifiedUser';
import Schedule from '@material-ui/icons/Schedule';
import type { ResultStatus } from '@ratchet/backstage-plugin-maturity-common';
import { statusColor } from './colors';

/** How each status reads. */
export const STATUS_LABELS: Record<ResultStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  error: 'Error',
  exempt: 'Exempt',
  'not-applicable': 'N/A',
  pending: 'Pending',
};

const ICONS: Record<ResultStatus, typeof CheckCircle> = {
  pass: CheckCircle,
  fail: Cancel,
  error: ErrorOutline,
  exempt: VerifiedUser,
  'not-applicable': RemoveCircleOutline,
  pending: Schedule,
};

/** Props of {@link CheckStatusChip}. */
export interface CheckStatusChipProps {
  status: ResultStatus;
  /** Extra text for screen readers and the tooltip, e.g. the check's title. */
  title?: string;
}

/** A check status as a small outlined chip with an icon, coloured from the theme's status palette. */
export function CheckStatusChip({ status, title }: CheckStatusChipProps) {
  const theme = useTheme();
  const color = statusColor(theme, status);
  const Icon = ICONS[status];
  const label = STATUS_LABELS[status];
  // Inline styles, not dynamic JSS: the colour follows the status at once when it changes.
  return (
    <Chip
      size="small"
      variant="outlined"
      label={label}
      icon={<Icon style={{ color }} />}
      style={{ color, borderColor: color, backgroundColor: 'transparent' }}
      title={title ? `${title}: ${label}` : label}
    />
  );
}
