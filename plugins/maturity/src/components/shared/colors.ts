import type {
  Level,
  ResultStatus,
} from '@ratchet/backstage-plugin-maturity-common';
import { Theme } from '@material-ui/core/styles';
import {
  decomposeColor,
  recomposeColor,
} from '@material-ui/core/styles/colorManipulator';
import '@backstage/theme';

/** The colour of a check status, from the Backstage palette (works in light and dark themes). */
export function statusColor(theme: Theme, status: ResultStatus): string {
  switch (status) {
    case 'pass':
      return theme.palette.status.ok;
    case 'fail':
      return theme.palette.status.error;
    case 'error':
      return theme.palette.status.warning;
    case 'exempt':
      return theme.palette.info.main;
    case 'pending':
      return theme.palette.status.pending;
    default:
      return theme.palette.text.secondary;
  }
}

/** A level's own colour (from the scorecard) or a neutral one from the theme. */
export function levelColor(
  theme: Theme,
  level: Pick<Level, 'color'> | undefined,
): string {
  return level?.color ?? theme.palette.grey[500];
}

function mix(from: string, to: string, t: number): string {
  const a = decomposeColor(from).values;
  const b = decomposeColor(to).values;
  const values = [0, 1, 2].map(i => Math.round(a[i] + (b[i] - a[i]) * t));
  return recomposeColor({
    type: 'rgb',
    values: [values[0], values[1], values[2]],
  });
}

/**
 * The heatmap colour of a share of passing results: the theme's error colour at 0, its warning colour
 * at 0.5 and its success colour at 1, so the scale follows light and dark themes.
 */
export function shareColor(theme: Theme, share: number | null): string {
  if (share === null) return theme.palette.action.disabledBackground;
  const low = theme.palette.error.main;
  const mid = theme.palette.warning.main;
  const high = theme.palette.success.main;
  const s = Math.min(1, Math.max(0, share));
  return s < 0.5 ? mix(low, mid, s / 0.5) : mix(mid, high, (s - 0.5) / 0.5);
}
