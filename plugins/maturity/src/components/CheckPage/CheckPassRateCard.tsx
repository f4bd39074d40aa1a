import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/lib/useAsync';
import type {
  CheckStatus,
  StatusCounts,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { CheckStatusChip } from '../shared/CheckStatusChip';
import { DaysToggle } from '../shared/DaysToggle';
import { formatPercent } from '../shared/format';
import { TimeSeriesChart } from '../shared/TimeSeriesChart';

const ORDER: CheckStatus[] = [
  'pass',
  'fail',
  'error',
  'exempt',
  'not-applicable',
];

const useStyles = makeStyles(theme => ({
  counts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: theme.spacing(1, 0, 2),
  },
}));

/** Props of {@link CheckPassRateCard}. */
export interface CheckPassRateCardProps {
  parts: RefParts;
  checkId: string;
  counts: StatusCounts;
  passRate: number | null;
}

/** The check's pass rate now and over the last 30 or 90 days, with the count of each status. */
export function CheckPassRateCard({
  parts,
  checkId,
  counts,
  passRate,
}: CheckPassRateCardProps) {
  const classes = useStyles();
  const theme = useTheme();
  const api = useApi(maturityApiRef);
  const [days, setDays] = useState(30);
  const history = useAsync(
    () => api.getCheckHistory(parts, checkId, { days }),
    [api, parts, checkId, days],
  );
  return (
    <InfoCard
      title={`Pass rate ${formatPercent(passRate)}`}
      subheader="Pass or exempt, of the entities where the check applies"
      action={<DaysToggle days={days} onChange={setDays} />}
      variant="gridItem"
    >
      <Box className={classes.counts}>
        {ORDER.map(status => (
          <Box key={status} display="flex" alignItems="center">
            <CheckStatusChip status={status} />
            <Typography variant="body2" style={{ marginLeft: 6 }}>
              {counts[status]}
            </Typography>
          </Box>
        ))}
      </Box>
      {history.loading && <Progress />}
      {history.error && <ResponseErrorPanel error={history.error} />}
      {history.value && !history.loading && (
        <TimeSeriesChart
          title={`Pass rate over the last ${days} days`}
          description={`Today ${formatPercent(passRate)}.`}
          series={[
            {
              id: 'passRate',
              label: 'Pass rate',
              color: theme.palette.primary.main,
              points: history.value.points.map(p => ({
                x: p.day,
                y: p.passRate === null ? null : p.passRate * 100,
              })),
            },
          ]}
          yMax={100}
          formatValue={v => `${Math.round(v)} %`}
        />
      )}
    </InfoCard>
  );
}
