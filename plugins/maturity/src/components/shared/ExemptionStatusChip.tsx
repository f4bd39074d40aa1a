import type { Exemption } from '@ratchet/backstage-plugin-maturity-common';
import Chip from '@material-ui/core/Chip';
import { Theme, useTheme } from '@material-ui/core/styles';
import '@backstage/theme';

type Shown = 'requested' | 'active' | 'expired' | 'denied' | 'revoked';

const LABELS: Record<Shown, string> = {
  requested: 'Requested',
  active: 'Approved',
  expired: 'Expired',
  denied: 'Denied',
  revoked: 'Revoked',
};

function colorOf(theme: Theme, shown: Shown): string {
  switch (shown) {
    case 'active':
      return theme.palette.status.ok;
    case 'requested':
      return theme.palette.status.pending;
    case 'denied':
      return theme.palette.status.error;
    default:
      return theme.palette.status.aborted;
  }
}

/** What an exemption's state reads as: approved ones that no longer count are "expired". */
export function exemptionState(e: Pick<Exemption, 'status' | 'active'>): Shown {
  if (e.status === 'approved') return e.active ? 'active' : 'expired';
  return e.status;
}

/** An exemption's state as an outlined chip. */
export function ExemptionStatusChip({ exemption }: { exemption: Exemption }) {
  const shown = exemptionState(exemption);
  const color = colorOf(useTheme(), shown);
  return (
    <Chip
      size="small"
      variant="outlined"
      label={LABELS[shown]}
      style={{ color, borderColor: color }}
    />
  );
}
