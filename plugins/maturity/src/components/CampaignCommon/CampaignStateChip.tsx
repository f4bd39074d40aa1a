import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import type { CampaignState } from '@ratchet/backstage-plugin-maturity-common';
import { campaignStateLabel } from './format';

function stateColor(theme: Theme, state: CampaignState): string {
  switch (state) {
    case 'inProgress':
      return theme.palette.info.main;
    case 'delayed':
      return theme.palette.status.error;
    case 'completed':
      return theme.palette.status.ok;
    case 'scheduled':
      return theme.palette.status.pending;
    default:
      return theme.palette.text.secondary;
  }
}

const useStyles = makeStyles<Theme, { state: CampaignState }>(theme => ({
  chip: ({ state }) => ({
    borderColor: stateColor(theme, state),
    color: stateColor(theme, state),
    fontWeight: 500,
  }),
}));

/** A campaign's lifecycle state as an outlined chip coloured from the theme. */
export function CampaignStateChip({ state }: { state: CampaignState }) {
  const classes = useStyles({ state });
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes.chip}
      label={campaignStateLabel(state)}
    />
  );
}
