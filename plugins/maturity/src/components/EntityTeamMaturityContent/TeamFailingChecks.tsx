import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/lib/useAsync';
import type {
  CheckDefinition,
  ScorecardDetail,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { LevelBadge } from '../shared/LevelBadge';
import { CheckLink } from '../shared/links';

/** A check with how many of the team's entities fail it or cannot be evaluated (error). */
export interface FailingCheckRow {
  id: string;
  check: CheckDefinition;
  failing: number;
  counted: number;
}

/** Props of {@link FailingChecksTable}. */
export interface FailingChecksTableProps {
  scorecard: ScorecardDetail;
  owner: string;
  rows: FailingCheckRow[];
}

/** Presentational: the checks failing most often, linking to each check filtered to the team. */
export function FailingChecksTable({
  scorecard,
  owner,
  rows,
}: FailingChecksTableProps) {
  const columns = useMemo<TableColumn<FailingCheckRow>[]>(
    () => [
      {
        title: 'Check',
        field: 'check.title',
        highlight: true,
        render: r => (
          <CheckLink
            scorecardRef={scorecard.ref}
            checkId={r.id}
            query={{ owner }}
          >
            {r.check.title}
          </CheckLink>
        ),
      },
      {
        title: 'Level',
        field: 'check.level',
        render: r => (
          <LevelBadge
            level={scorecard.levels.find(l => l.id === r.check.level)}
          />
        ),
      },
      {
        title: 'Category',
        field: 'check.category',
        render: r =>
          scorecard.categories.find(c => c.id === r.check.category)?.title ??
          '–',
      },
      {
        title: 'Not passing',
        field: 'failing',
        render: r => `${r.failing} of ${r.counted} entities`,
      },
    ],
    [scorecard, owner],
  );
  return (
    <Table<FailingCheckRow>
      title="Checks failing most often in the team"
      columns={columns}
      data={rows}
      options={{
        search: false,
        paging: false,
        padding: 'dense',
        sorting: false,
      }}
      emptyContent={
        <Typography color="textSecondary" style={{ padding: 16 }}>
          No check fails for this team’s entities.
        </Typography>
      }
    />
  );
}

/** How many checks the team view shows. */
const SHOWN = 10;

/**
 * The ten checks failing most often in the team: one request for every check's counts over the team's
 * entities (the client puts it together from one request per check when the backend is older).
 */
export function TeamFailingChecks({
  scorecard,
  parts,
  owner,
}: {
  scorecard: ScorecardDetail;
  parts: RefParts;
  owner: string;
}) {
  const api = useApi(maturityApiRef);
  const { value, loading, error } = useAsync(async () => {
    const page = await api.listScorecardChecks(parts, {
      filters: { owner },
      order: 'failing',
      limit: SHOWN,
    });
    const definitions = new Map(scorecard.checks.map(c => [c.id, c]));
    return page.items.flatMap(item => {
      const check = definitions.get(item.checkId);
      if (!check || item.failing === 0) return [];
      const { pass, exempt, fail, error: errored } = item.counts;
      return [
        {
          id: item.checkId,
          check,
          failing: item.failing,
          counted: pass + exempt + fail + errored,
        },
      ];
    });
  }, [api, scorecard, parts, owner]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <FailingChecksTable
      scorecard={scorecard}
      owner={owner}
      rows={value ?? []}
    />
  );
}
