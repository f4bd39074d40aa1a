import { useEffect, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { ReadinessAuditEntry } from '@ratchet/backstage-plugin-maturity-common';
import { readinessApiRef } from '../../api/ReadinessApi';
import { formatDateTime } from '../shared/format';
import { useNotify } from '../shared/useNotify';
import { errorMessage } from '../ReadinessCommon/labels';
import { AUDIT_LABELS, shortRef } from '../ReadinessCommon/labels';
import { downloadText } from '../ReadinessCommon/reviewMarkdown';

const PAGE = 50;

/** A before/after value in one line: the fields that tell what changed. */
export function describeState(value: JsonObject | null): string {
  if (!value) return '–';
  return Object.entries(value)
    .filter(
      ([, v]) =>
        v !== null && v !== undefined && !(Array.isArray(v) && !v.length),
    )
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
}

const columns: TableColumn<ReadinessAuditEntry>[] = [
  { title: 'When', render: e => formatDateTime(e.at), width: '12em' },
  { title: 'Who', render: e => shortRef(e.actor) },
  { title: 'What', render: e => AUDIT_LABELS[e.action] ?? e.action },
  { title: 'Item / phase', render: e => e.itemId ?? e.phase ?? '–' },
  { title: 'Before', render: e => describeState(e.before) },
  { title: 'After', render: e => describeState(e.after) },
];

/** The entity's audit trail, newest first, with CSV and JSON export. */
export function AuditCard(props: {
  entityRef: string;
  /** Bumped after every change, so the trail reloads. */
  version: number;
  onExport(format: 'csv' | 'json'): Promise<string>;
}) {
  const { entityRef, version, onExport } = props;
  const api = useApi(readinessApiRef);
  const notify = useNotify();
  const [entries, setEntries] = useState<ReadinessAuditEntry[]>();
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<Error>();

  useEffect(() => {
    let live = true;
    api.getAudit(entityRef, { limit: PAGE }).then(
      page => {
        if (!live) return;
        setEntries(page.items);
        setNextBefore(page.nextBefore);
      },
      e => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, entityRef, version]);

  const more = async () => {
    if (nextBefore === null) return;
    const page = await api.getAudit(entityRef, {
      limit: PAGE,
      before: nextBefore,
    });
    setEntries([...(entries ?? []), ...page.items]);
    setNextBefore(page.nextBefore);
  };
  const save = async (format: 'csv' | 'json') => {
    try {
      const text = await onExport(format);
      const name = `${entityRef.replace(
        /[:/]/g,
        '-',
      )}-readiness-audit.${format}`;
      downloadText(
        name,
        text,
        format === 'csv' ? 'text/csv' : 'application/json',
      );
    } catch (e) {
      notify(`Export failed: ${errorMessage(e)}`, 'danger');
    }
  };

  return (
    <InfoCard
      title="Audit trail"
      subheader="Every answer, phase change and review action, newest first"
    >
      {error && <ResponseErrorPanel error={error} />}
      {!error && !entries && <Progress />}
      {entries && entries.length === 0 && (
        <Typography variant="body2">Nothing recorded yet.</Typography>
      )}
      {entries && entries.length > 0 && (
        <Table<ReadinessAuditEntry>
          title="Readiness audit trail"
          options={{
            paging: false,
            search: false,
            toolbar: false,
            padding: 'dense',
          }}
          columns={columns}
          data={entries}
        />
      )}
      <Box display="flex" mt={1} style={{ gap: 8 }}>
        {nextBefore !== null && (
          <Button onClick={more}>Load older entries</Button>
        )}
        <Button variant="outlined" onClick={() => save('csv')}>
          Export CSV
        </Button>
        <Button variant="outlined" onClick={() => save('json')}>
          Export JSON
        </Button>
      </Box>
    </InfoCard>
  );
}
