import type { Level } from '@ratchet/backstage-plugin-maturity-common';
import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';

/** Props of {@link LevelBadge}. */
export interface LevelBadgeProps {
  /** The level reached; undefined or an id of null means below the first level. */
  level?: Pick<Level, 'title' | 'color'> | null;
  /** What to say below the first level. */
  noneLabel?: string;
  size?: 'small' | 'medium';
}

/** A level as a chip in the scorecard's own level colour. */
export function LevelBadge({
  level,
  noneLabel = 'No level',
  size = 'small',
}: LevelBadgeProps) {
  const theme = useTheme();
  const label = level?.title ?? noneLabel;
  // Inline styles, not dynamic JSS: the colour follows the level at once when it changes.
  const style = level?.color
    ? {
        backgroundColor: level.color,
        color: theme.palette.getContrastText(level.color),
        fontWeight: theme.typography.fontWeightBold as number,
      }
    : { fontWeight: theme.typography.fontWeightBold as number };
  return (
    <Chip
      size={size}
      label={label}
      style={style}
      variant={level ? 'default' : 'outlined'}
      aria-label={`Level: ${label}`}
    />
  );
}
