import { useMemo, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/lib/useAsync';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { rootRouteRef } from '../../routes';
import { LevelDistributionBar } from '../shared/LevelDistributionBar';
import { RankingTable } from '../shared/RankingTable';
import { ReportFiltersBar } from '../shared/ReportFiltersBar';
import { useFilterOptions } from '../shared/useFilterOptions';
import { OrgHeatmapCard } from './OrgHeatmapCard';
import { ScorecardChecksTable } from './ScorecardChecksTable';
import { ScorecardTrendCard } from './ScorecardTrendCard';
import {
  sumDistributions,
  useReportRollup,
  useScorecardTrend,
} from './useReportData';
import { useUrlFilters } from './useUrlFilters';

/** One scorecard's org report: distribution, trend, heatmap, lowest-scoring entities and checks. */
export function ScorecardReportPage() {
  const { namespace = 'default', name = '' } = useParams();
  const parts = useMemo<RefParts>(
    () => ({ namespace, name }),
    [namespace, name],
  );
  const api = useApi(maturityApiRef);
  const rootLink = useRouteRef(rootRouteRef);
  const [filters, setFilters] = useUrlFilters();
  const [days, setDays] = useState(30);
  const options = useFilterOptions();
  const scorecard = useAsync(() => api.getScorecard(parts), [api, parts]);
  const rollup = useReportRollup(parts, filters);
  const trend = useScorecardTrend(scorecard.value, parts, filters, days);

  if (scorecard.loading || scorecard.error || !scorecard.value) {
    return (
      <Page themeId="tool">
        <Header title={name} type="Maturity" typeLink={rootLink()} />
        <Content>
          {scorecard.loading && <Progress />}
          {scorecard.error && <ResponseErrorPanel error={scorecard.error} />}
        </Content>
      </Page>
    );
  }
  const detail = scorecard.value;
  const groups = rollup.value?.groups ?? [];
  const distribution = sumDistributions(groups);
  const rated = distribution.reduce((sum, d) => sum + d.count, 0);

  return (
    <Page themeId="tool">
      <Header
        title={detail.title}
        subtitle={detail.description}
        type="Maturity"
        typeLink={rootLink()}
      >
        <HeaderLabel
          label="Owner"
          value={
            <EntityRefLink
              entityRef={detail.owner}
              defaultKind="group"
              color="inherit"
            />
          }
        />
        <HeaderLabel label="Checks" value={String(detail.checkCount)} />
        <HeaderLabel
          label="Rated entities"
          value={String(detail.entityCount)}
        />
      </Header>
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ReportFiltersBar
              filters={filters}
              options={options.value}
              onChange={setFilters}
            />
          </Grid>
          <Grid item xs={12} md={5}>
            <InfoCard
              title="Level distribution"
              subheader={`${rated} rated entities`}
              variant="gridItem"
            >
              {rollup.loading && <Progress />}
              {rollup.error && <ResponseErrorPanel error={rollup.error} />}
              {rollup.value &&
                (rated === 0 ? (
                  <Typography color="textSecondary">
                    No rated entities match the filters.
                  </Typography>
                ) : (
                  <LevelDistributionBar
                    levels={detail.levels}
                    distribution={distribution}
                  />
                ))}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={7}>
            <ScorecardTrendCard
              days={days}
              onDaysChange={setDays}
              levels={detail.levels}
              data={trend.value}
              loading={trend.loading}
              error={trend.error}
            />
          </Grid>
          <Grid item xs={12}>
            {rollup.loading && <Progress />}
            {rollup.error && <ResponseErrorPanel error={rollup.error} />}
            {rollup.value && <OrgHeatmapCard rollup={rollup.value} />}
          </Grid>
          <Grid item xs={12}>
            <RankingTable scorecard={detail} parts={parts} filters={filters} />
          </Grid>
          <Grid item xs={12}>
            <ScorecardChecksTable scorecard={detail} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
