import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';
import type { ScorecardSummary } from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { LevelDistributionBar } from '../shared/LevelDistributionBar';
import { ScorecardLink } from '../shared/links';

type Row = ScorecardSummary & { id: string };

/** Presentational: the scorecards as a table with their level distribution. */
export function ScorecardTable({
  scorecards,
}: {
  scorecards: ScorecardSummary[];
}) {
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      {
        title: 'Scorecard',
        field: 'title',
        highlight: true,
        width: '40%',
        render: s => (
          <>
            <Typography variant="subtitle1" component="span">
              <ScorecardLink scorecardRef={s.ref}>{s.title}</ScorecardLink>
            </Typography>
            {s.description && (
              <Typography variant="body2" color="textSecondary">
                {s.description}
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'Owner',
        field: 'owner',
        width: '12%',
        render: s => <EntityRefLink entityRef={s.owner} defaultKind="group" />,
      },
      { title: 'Checks', field: 'checkCount', type: 'numeric', width: '8%' },
      {
        title: 'Rated entities',
        field: 'entityCount',
        type: 'numeric',
        width: '10%',
      },
      {
        title: 'Levels',
        field: 'distribution',
        width: '30%',
        cellStyle: { minWidth: 280 },
        sorting: false,
        render: s => (
          <LevelDistributionBar
            levels={s.levels}
            distribution={s.distribution}
          />
        ),
      },
    ],
    [],
  );
  const data = useMemo(
    () => scorecards.map(s => ({ ...s, id: s.ref })),
    [scorecards],
  );
  return (
    <Table<Row>
      title={`All scorecards (${scorecards.length})`}
      columns={columns}
      data={data}
      options={{
        search: false,
        paging: scorecards.length > 20,
        pageSize: 20,
        padding: 'dense',
      }}
    />
  );
}

/** The scorecards page: every scorecard with its level distribution, linking to the org reports. */
export function ScorecardListPage() {
  const api = useApi(maturityApiRef);
  const { value, loading, error } = useAsync(() => api.listScorecards(), [api]);
  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!value || value.length === 0)
    content = (
      <EmptyState
        missing="content"
        title="No scorecards yet"
        description="Scorecards are catalog entities of kind Scorecard (apiVersion ratchet.dev/v1alpha1). Register a Scorecard YAML file and it appears here with its levels and checks."
      />
    );
  else content = <ScorecardTable scorecards={value} />;
  return (
    <Page themeId="tool">
      <Header
        title="Maturity"
        subtitle="Scorecards, levels and where the organisation stands"
      />
      <Content>
        <ContentHeader title="Scorecards">
          <SupportButton>
            Each scorecard rates entities on levels (all checks of a level and
            below pass). Open one for its org report: level distribution, a
            heatmap per team, the lowest-scoring entities and trends.
          </SupportButton>
        </ContentHeader>
        {content}
      </Content>
    </Page>
  );
}
