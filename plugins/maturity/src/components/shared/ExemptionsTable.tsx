import { useMemo, useRef } from 'react';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Exemption } from '@ratchet/backstage-plugin-maturity-common';
import { ExemptionActions } from './ExemptionActions';
import { ExemptionStatusChip, exemptionState } from './ExemptionStatusChip';
import { formatDate } from './format';
import { CheckLink } from './links';

/** Who requested or decided: a user ref as a link, anything else (a CI token's subject) as text. */
function Actor({ actor }: { actor: string }) {
  return actor.startsWith('user:') ? (
    <EntityRefLink entityRef={actor} defaultKind="user" />
  ) : (
    <>{actor}</>
  );
}

/** Props of {@link ExemptionsTable}. */
export interface ExemptionsTableProps {
  exemptions: Exemption[];
  /** The title of a check, by definition ref and check id. */
  checkTitle?: (definitionRef: string, checkId: string) => string;
  showEntity?: boolean;
  showCheck?: boolean;
  onChanged: (exemption: Exemption) => void;
  title?: string;
  /** Replaces the counts of active and awaiting exemptions (which only describe the rows shown). */
  subtitle?: string;
  /** Whether the table pages the rows itself; off when the caller pages on the server. */
  paging?: boolean;
}

type Row = Exemption & { key: string };

/** Exemptions with reason, expiry, who asked and who decided, and the decision buttons. */
export function ExemptionsTable({
  exemptions,
  checkTitle = (_ref, id) => id,
  showEntity = false,
  showCheck = true,
  onChanged,
  title,
  subtitle,
  paging,
}: ExemptionsTableProps) {
  const active = exemptions.filter(e => exemptionState(e) === 'active').length;
  const requested = exemptions.filter(e => e.status === 'requested').length;
  // Callbacks through refs keep the columns stable (material-table resets its state when they change).
  const titleRef = useRef(checkTitle);
  titleRef.current = checkTitle;
  const changedRef = useRef(onChanged);
  changedRef.current = onChanged;
  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      ...(showEntity
        ? [
            {
              title: 'Entity',
              field: 'entityRef',
              render: (e: Row) => <EntityRefLink entityRef={e.entityRef} />,
            },
          ]
        : []),
      ...(showCheck
        ? [
            {
              title: 'Check',
              field: 'checkId',
              render: (e: Row) => (
                <CheckLink scorecardRef={e.definitionRef} checkId={e.checkId}>
                  {titleRef.current(e.definitionRef, e.checkId)}
                </CheckLink>
              ),
            },
          ]
        : []),
      {
        title: 'Status',
        field: 'status',
        render: e => <ExemptionStatusChip exemption={e} />,
      },
      { title: 'Reason', field: 'reason', width: '30%' },
      {
        title: 'Expires',
        field: 'expiresAt',
        render: e => (e.expiresAt ? formatDate(e.expiresAt) : 'Never'),
      },
      {
        title: 'Requested',
        field: 'requestedAt',
        render: e => (
          <>
            <Typography variant="body2">{formatDate(e.requestedAt)}</Typography>
            <Typography variant="caption" color="textSecondary">
              by <Actor actor={e.requestedBy} />
            </Typography>
          </>
        ),
      },
      {
        title: 'Decision',
        field: 'decidedBy',
        render: e =>
          e.decidedBy ? (
            <>
              <Typography variant="body2">
                <Actor actor={e.decidedBy} /> · {formatDate(e.decidedAt)}
              </Typography>
              {e.decisionComment && (
                <Typography variant="caption" color="textSecondary">
                  {e.decisionComment}
                </Typography>
              )}
            </>
          ) : (
            '–'
          ),
      },
      {
        title: 'Actions',
        field: 'id',
        sorting: false,
        cellStyle: { minWidth: 170, whiteSpace: 'nowrap' },
        render: e => (
          <ExemptionActions
            exemption={e}
            onChanged={x => changedRef.current(x)}
          />
        ),
      },
    ],
    [showEntity, showCheck],
  );
  const data = useMemo(
    () => exemptions.map(e => ({ ...e, key: e.id })),
    [exemptions],
  );
  return (
    <Table<Row>
      title={title ?? 'Exemptions'}
      subtitle={
        subtitle ?? `${active} active · ${requested} awaiting a decision`
      }
      columns={columns}
      data={data}
      options={{
        search: false,
        paging: paging ?? exemptions.length > 10,
        pageSize: 10,
        padding: 'dense',
        toolbar: true,
      }}
      emptyContent={
        <Typography color="textSecondary" style={{ padding: 16 }}>
          No exemptions.
        </Typography>
      }
    />
  );
}
