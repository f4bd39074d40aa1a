import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Table, TableColumn } from '@backstage/core-components';
import type {
  CheckDefinition,
  ScorecardDetail,
} from '@ratchet/backstage-plugin-maturity-common';
import { LevelBadge } from '../shared/LevelBadge';
import { CheckLink } from '../shared/links';
import { formatDate, shortRef } from '../shared/format';
import { CampaignLink } from '../CampaignCommon/links';

type Row = CheckDefinition & { order: number };

/** Presentational: a scorecard's checks by level, each linking to its check page. */
export function ScorecardChecksTable({
  scorecard,
}: {
  scorecard: ScorecardDetail;
}) {
  const columns = useMemo<TableColumn<Row>[]>(() => {
    const levelIndex = (id?: string) =>
      scorecard.levels.findIndex(l => l.id === id);
    return [
      {
        title: 'Level',
        field: 'order',
        defaultSort: 'asc',
        render: c => (
          <LevelBadge level={scorecard.levels[levelIndex(c.level)]} />
        ),
      },
      {
        title: 'Check',
        field: 'title',
        highlight: true,
        render: c => (
          <>
            <CheckLink scorecardRef={scorecard.ref} checkId={c.id}>
              {c.title}
            </CheckLink>
            {c.description && (
              <Typography variant="body2" color="textSecondary">
                {c.description}
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'Category',
        field: 'category',
        render: c =>
          scorecard.categories.find(k => k.id === c.category)?.title ?? '–',
      },
      {
        title: 'Counts from',
        field: 'effectiveFrom',
        render: c => {
          if (c.fromCampaign) {
            return (
              <>
                From campaign{' '}
                <CampaignLink campaignRef={c.fromCampaign}>
                  {shortRef(c.fromCampaign)}
                </CampaignLink>
                {c.ratchetedAt && ` since ${formatDate(c.ratchetedAt)}`}
              </>
            );
          }
          return c.effectiveFrom ? formatDate(c.effectiveFrom) : 'Always';
        },
      },
    ];
  }, [scorecard]);
  const data = useMemo(
    () =>
      scorecard.checks.map(c => ({
        ...c,
        order: scorecard.levels.findIndex(l => l.id === c.level),
      })),
    [scorecard],
  );
  return (
    <>
      {/* Definition health, once per problem: e.g. "3 checks read `scm`, which is not installed". */}
      {scorecard.health.map(problem => (
        <Alert key={problem.message} severity="warning">
          {problem.message} ({problem.checkIds.join(', ')})
        </Alert>
      ))}
      <Table<Row>
        title={`Checks (${scorecard.checks.length})`}
        columns={columns}
        data={data}
        options={{ search: true, paging: false, padding: 'dense' }}
      />
    </>
  );
}
