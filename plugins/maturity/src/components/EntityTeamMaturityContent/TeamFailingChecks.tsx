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
  ScorecardCheckCounts,
  ScorecardDetail,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { formatDate } from '../shared/format';
import { LevelBadge } from '../shared/LevelBadge';
import { CheckLink } from '../shared/links';

/** A check with how many of the team's entities fail it and, separately, how many are in error. */
export interface FailingCheckRow {
  id: string;
  check: CheckDefinition;
  failing: number;
  error: number;
  /** Results that count: pass, exempt, fail and error. */
  counted: number;
}

/** Props of {@link FailingChecksTable}. */
export interface FailingChecksTableProps {
  scorecard: ScorecardDetail;
  owner: string;
  rows: FailingCheckRow[];
  /** Checks that fail or error but do not count yet (before their `effectiveFrom`). */
  notCountedYet?: CheckDefinition[];
}

/** Presentational: the checks failing most often, linking to each check filtered to the team. */
export function FailingChecksTable({
  scorecard,
  owner,
  rows,
  notCountedYet = [],
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
        title: 'Failing',
        field: 'failing',
        render: r => `${r.failing} of ${r.counted} entities`,
      },
      {
        title: 'In error',
        field: 'error',
        render: r => (r.error > 0 ? String(r.error) : '–'),
      },
    ],
    [scorecard, owner],
  );
  const later = notCountedYet
    .map(c => `${c.title} (from ${formatDate(c.effectiveFrom)})`)
    .join(', ');
  return (
    <Table<FailingCheckRow>
      title="Checks failing most often in the team"
      subtitle={
        later
          ? `Ranked by failing entities; errors are shown apart. Not counted yet: ${later}.`
          : 'Ranked by failing entities; errors are shown apart.'
      }
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
          No check fails or errors for this team’s entities.
        </Typography>
      }
    />
  );
}

/** How many checks the team view shows. */
const SHOWN = 10;
/** The most checks the API returns in one page; a scorecard has a few dozen. */
const MAX_PAGE = 500;

/**
 * The checks that count, ranked by failing entities then by entities in error (errors are never added to
 * failures), and the checks that fail or error but do not count yet, apart.
 */
export function rankFailingChecks(
  items: ScorecardCheckCounts[],
  definitions: CheckDefinition[],
): { rows: FailingCheckRow[]; notCountedYet: CheckDefinition[] } {
  const byId = new Map(definitions.map(c => [c.id, c]));
  const rows: FailingCheckRow[] = [];
  const notCountedYet: CheckDefinition[] = [];
  for (const item of items) {
    const check = byId.get(item.checkId);
    const { pass, exempt, fail, error } = item.counts;
    if (!check || fail + error === 0) continue;
    // Whether the check counts now is the server's answer (its clock), not the browser's.
    if (!item.effective) {
      notCountedYet.push(check);
      continue;
    }
    rows.push({
      id: item.checkId,
      check,
      failing: fail,
      error,
      counted: pass + exempt + fail + error,
    });
  }
  rows.sort(
    (a, b) =>
      b.failing - a.failing ||
      b.error - a.error ||
      a.check.title.localeCompare(b.check.title),
  );
  return { rows: rows.slice(0, SHOWN), notCountedYet };
}

/**
 * The ten checks failing most often in the team: every check's counts over the team's entities in one
 * request, ranked here by failures, then errors (the API's `order=failing` ranks by failures only).
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
      limit: Math.min(MAX_PAGE, Math.max(1, scorecard.checks.length)),
    });
    return rankFailingChecks(page.items, scorecard.checks);
  }, [api, scorecard, parts, owner]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <FailingChecksTable
      scorecard={scorecard}
      owner={owner}
      rows={value?.rows ?? []}
      notCountedYet={value?.notCountedYet}
    />
  );
}
