import { useMemo, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';
import type {
  RollupGroup,
  ScorecardSummary,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { Heatmap } from '../shared/Heatmap';
import { LevelDistributionBar } from '../shared/LevelDistributionBar';
import { ScorecardLink } from '../shared/links';
import { RankingTable } from '../shared/RankingTable';
import { scorecardParts } from '../shared/format';
import { TeamFailingChecks } from './TeamFailingChecks';

/** A scorecard and the team's group in its owner roll-up. */
interface TeamScorecard {
  summary: ScorecardSummary;
  group: RollupGroup;
}

function TeamScorecardView({
  team,
  owner,
}: {
  team: TeamScorecard;
  owner: string;
}) {
  const api = useApi(maturityApiRef);
  const parts = useMemo(
    () => scorecardParts(team.summary.ref),
    [team.summary.ref],
  );
  const filters = useMemo(() => ({ owner }), [owner]);
  const detail = useAsync(() => api.getScorecard(parts), [api, parts]);
  const { summary, group } = team;
  return (
    <>
      <Grid item xs={12} md={5}>
        <InfoCard
          title={
            <ScorecardLink scorecardRef={summary.ref}>
              {summary.title}
            </ScorecardLink>
          }
          subheader={`${group.entityCount} of the team's entities are rated`}
          variant="gridItem"
        >
          <LevelDistributionBar
            levels={summary.levels}
            distribution={group.distribution}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title="By category"
          subheader="Share of passing results"
          variant="gridItem"
        >
          <Heatmap
            caption="Share of the team's passing results per category"
            rowHeader="Team"
            columns={summary.categories}
            rows={[
              {
                key: owner,
                name: 'This team',
                label: 'This team',
                entityCount: group.entityCount,
                cells: group.categories,
              },
            ]}
          />
        </InfoCard>
      </Grid>
      {detail.loading && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {detail.error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={detail.error} />
        </Grid>
      )}
      {detail.value && (
        <>
          <Grid item xs={12}>
            <RankingTable
              scorecard={detail.value}
              parts={parts}
              filters={filters}
              title="The team's entities, lowest level first"
              hideOwner
            />
          </Grid>
          <Grid item xs={12}>
            <TeamFailingChecks
              scorecard={detail.value}
              parts={parts}
              owner={owner}
            />
          </Grid>
        </>
      )}
    </>
  );
}

/** A Group's team view: its services' levels per scorecard and the checks failing most often in the team. */
export function EntityTeamMaturityContent() {
  const { entity } = useEntity();
  const owner = stringifyEntityRef(entity);
  const api = useApi(maturityApiRef);
  const [selected, setSelected] = useState(0);
  const { value, loading, error } = useAsync(async (): Promise<
    TeamScorecard[]
  > => {
    const scorecards = await api.listScorecards();
    // Only the team's entities: a fraction of the work of grouping every entity by owner.
    const rollups = await Promise.all(
      scorecards.map(s =>
        api.getRollup(scorecardParts(s.ref), {
          groupBy: 'org',
          filters: { owner },
        }),
      ),
    );
    // The scorecard that rates most of the team's entities first.
    return scorecards
      .flatMap((summary, i) => {
        const group = rollups[i].groups.find(g => g.key === 'org');
        return group && group.entityCount > 0 ? [{ summary, group }] : [];
      })
      .sort(
        (a, b) =>
          b.group.entityCount - a.group.entityCount ||
          a.summary.title.localeCompare(b.summary.title),
      );
  }, [api, owner]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No rated entities"
        description="No scorecard rates an entity this team owns yet."
      />
    );
  }
  const current = value[Math.min(selected, value.length - 1)];
  return (
    <Grid container spacing={3}>
      {value.length > 1 && (
        <Grid item xs={12}>
          <Tabs
            value={Math.min(selected, value.length - 1)}
            onChange={(_e, index: number) => setSelected(index)}
            indicatorColor="primary"
            aria-label="Scorecards"
          >
            {value.map(t => (
              <Tab key={t.summary.ref} label={t.summary.title} />
            ))}
          </Tabs>
        </Grid>
      )}
      <TeamScorecardView
        key={current.summary.ref}
        team={current}
        owner={owner}
      />
    </Grid>
  );
}
