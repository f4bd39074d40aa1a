import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { PreviewWorkload, ProviderPreview } from './types';

const workloadList = (ws: PreviewWorkload[]) =>
  ws.map(w => `${w.cluster}/${w.namespace}/${w.kind}/${w.name}`).join(', ');

type Cluster = ProviderPreview['clusters'][number];

/** Each cluster of the sync: ok, or its error and what stood in for it. */
export function ClustersTable(props: { preview: ProviderPreview }) {
  const columns: TableColumn<Cluster>[] = [
    { title: 'Cluster', field: 'cluster' },
    { title: 'Status', field: 'status' },
    { title: 'Workloads', field: 'workloads', type: 'numeric' },
    { title: 'Read in', render: c => `${c.durationMs} ms` },
    {
      title: 'Error',
      render: c =>
        c.error ? `${c.error} — kept: ${c.fallback ?? 'none'}` : '',
    },
  ];
  return (
    <Table<Cluster>
      title="Clusters"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.preview.clusters}
    />
  );
}

type Entity = ProviderPreview['entities'][number];

/** What a sync would create. */
export function CreatedTable(props: { preview: ProviderPreview }) {
  const columns: TableColumn<Entity>[] = [
    { title: 'Entity', field: 'entityRef' },
    {
      title: 'Owner',
      render: e => (e.needsOwner ? `${e.owner} (needs an owner)` : e.owner),
    },
    { title: 'System', render: e => e.system ?? '' },
    { title: 'Workloads', render: e => workloadList(e.workloads) },
    { title: 'Warnings', render: e => (e.warnings ?? []).join('; ') },
  ];
  return (
    <Table<Entity>
      title={`What a sync would create (${props.preview.counts.entities})`}
      options={{ paging: true, pageSize: 10, padding: 'dense' }}
      columns={columns}
      data={props.preview.entities}
    />
  );
}

type Conflict = ProviderPreview['conflicts'][number];

/** Names already taken by Components from other sources. */
export function ConflictsTable(props: { preview: ProviderPreview }) {
  const columns: TableColumn<Conflict>[] = [
    { title: 'Name', field: 'name' },
    { title: 'Existing entity', field: 'existingEntityRef' },
    { title: 'Its owner', render: c => c.existingOwner ?? '' },
    { title: 'Owner in Kubernetes', render: c => c.kubernetesOwner ?? '' },
    {
      title: 'Action',
      render: c => (c.emittedAs ? `suffixed as ${c.emittedAs}` : c.action),
    },
  ];
  return (
    <Table<Conflict>
      title={`Conflicts (${props.preview.counts.conflicts})`}
      options={{ paging: true, pageSize: 10, padding: 'dense' }}
      columns={columns}
      data={props.preview.conflicts}
    />
  );
}

type Unowned = ProviderPreview['unowned'][number];

/** Unowned workloads with the owners their evidence suggests. */
export function UnownedTable(props: { preview: ProviderPreview }) {
  const columns: TableColumn<Unowned>[] = [
    { title: 'Entity', field: 'entityRef' },
    { title: 'Workloads', render: u => workloadList(u.workloads) },
    {
      title: 'Emitted',
      render: u => (u.emitted ? `yes, owned by ${u.owner}` : 'no'),
    },
    {
      title: 'Suggested owners',
      render: u =>
        u.suggestions?.length ? (
          <ol aria-label={`Suggested owners of ${u.entityRef}`}>
            {u.suggestions.map(s => (
              <li key={s.owner}>
                <Typography variant="body2">
                  <strong>{s.owner}</strong> (score {s.score})
                </Typography>
                <ul>
                  {s.evidence.map(e => (
                    <li key={e}>
                      <Typography variant="caption">{e}</Typography>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        ) : (
          'no evidence'
        ),
    },
  ];
  return (
    <Table<Unowned>
      title={`Unowned workloads (${props.preview.counts.unowned})`}
      options={{ paging: true, pageSize: 10, padding: 'dense' }}
      columns={columns}
      data={props.preview.unowned}
    />
  );
}
