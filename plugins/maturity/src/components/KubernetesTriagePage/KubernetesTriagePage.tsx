import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/lib/useAsync';
import {
  ClustersTable,
  ConflictsTable,
  CreatedTable,
  UnownedTable,
} from './TriageTables';
import type { KubernetesPreview, ProviderPreview } from './types';

function ProviderSection(props: { preview: ProviderPreview }) {
  const { preview } = props;
  const failed = preview.clusters.filter(c => c.status === 'failed').length;
  return (
    <>
      <ContentHeader title={preview.provider} />
      <Typography variant="body2" paragraph>
        Dry run at {new Date(preview.startedAt).toLocaleString()} in{' '}
        {preview.durationMs} ms: {preview.counts.entities} entities,{' '}
        {preview.counts.unowned} unowned, {preview.counts.conflicts} conflicts,{' '}
        {preview.counts.optedOut} opted out
        {failed ? `, ${failed} failed clusters` : ''}. Nothing was applied.
      </Typography>
      <Grid container spacing={3} direction="column">
        <Grid item>
          <ClustersTable preview={preview} />
        </Grid>
        <Grid item>
          <UnownedTable preview={preview} />
        </Grid>
        <Grid item>
          <CreatedTable preview={preview} />
        </Grid>
        <Grid item>
          <ConflictsTable preview={preview} />
        </Grid>
      </Grid>
    </>
  );
}

/**
 * The Kubernetes triage page: what a sync of each Kubernetes provider would create, its conflicts, its
 * unowned workloads with owner suggestions and the clusters that failed (the catalog's preview route,
 * which needs the `ratchet.kubernetes.preview` permission).
 */
export function KubernetesTriagePage() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { value, loading, error } = useAsync(async () => {
    const base = await discoveryApi.getBaseUrl('catalog');
    const response = await fetchApi.fetch(`${base}/kubernetes/preview`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as KubernetesPreview;
  }, [discoveryApi, fetchApi]);

  return (
    <Page themeId="tool">
      <Header
        title="Kubernetes triage"
        subtitle="What the Kubernetes entity provider would sync, and what needs an owner"
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value?.providers.length === 0 && (
          <Typography>No Kubernetes provider is configured.</Typography>
        )}
        {value?.providers.map(p => (
          <ProviderSection key={p.provider} preview={p} />
        ))}
      </Content>
    </Page>
  );
}
