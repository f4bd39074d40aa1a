import { useCallback, useMemo } from 'react';
import Grid from '@material-ui/core/Grid';
import {
  Content,
  Header,
  HeaderLabel,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useParams, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/lib/useAsync';
import { maturityApiRef } from '../../api';
import type { RefParts } from '../../api';
import { firstStatusWithEntities } from '../shared/counts';
import { formatPercent, scorecardRef } from '../shared/format';
import { useMaturityLinks } from '../shared/links';
import { useFilterOptions } from '../shared/useFilterOptions';
import { CheckDefinitionCard } from './CheckDefinitionCard';
import { CheckEntitiesTable } from './CheckEntitiesTable';
import { CheckExemptionsTable } from './CheckExemptionsTable';
import { CheckPassRateCard } from './CheckPassRateCard';

/** A check: what it asks and why, its rule, pass rate over time, the entities failing it and exemptions. */
export function CheckPage() {
  const { namespace = 'default', name = '', checkId = '' } = useParams();
  const parts = useMemo<RefParts>(
    () => ({ namespace, name }),
    [namespace, name],
  );
  const ref = scorecardRef(parts);
  const api = useApi(maturityApiRef);
  const links = useMaturityLinks();
  const [params, setParams] = useSearchParams();
  const owner = params.get('owner') ?? undefined;
  const setOwner = useCallback(
    (next?: string) =>
      setParams(
        prev => {
          const out = new URLSearchParams(prev);
          if (next) out.set('owner', next);
          else out.delete('owner');
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );
  const options = useFilterOptions();
  const data = useAsync(async () => {
    const [scorecard, detail] = await Promise.all([
      api.getScorecard(parts),
      api.getCheck(parts, checkId, { limit: 1 }),
    ]);
    return { scorecard, detail };
  }, [api, parts, checkId]);
  // The entity list opens on a status that has entities for the owner filter, so never on an empty
  // "Fail" when every result is an error.
  const scoped = useAsync(
    async () =>
      owner
        ? (await api.getCheck(parts, checkId, { owner, limit: 1 })).counts
        : undefined,
    [api, parts, checkId, owner],
  );

  const typeLink = links.scorecard?.(ref);
  if (data.loading || data.error || !data.value) {
    return (
      <Page themeId="tool">
        <Header title={checkId} type="Maturity" typeLink={typeLink} />
        <Content>
          {data.loading && <Progress />}
          {data.error && <ResponseErrorPanel error={data.error} />}
        </Content>
      </Page>
    );
  }
  const { scorecard, detail } = data.value;
  const check = detail.check;

  return (
    <Page themeId="tool">
      <Header
        title={check.title}
        subtitle={`A check of ${scorecard.title}`}
        type={scorecard.title}
        typeLink={typeLink}
      >
        <HeaderLabel label="Pass rate" value={formatPercent(detail.passRate)} />
        <HeaderLabel label="Failing" value={String(detail.counts.fail)} />
        <HeaderLabel label="In error" value={String(detail.counts.error)} />
      </Header>
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <CheckDefinitionCard scorecard={scorecard} check={check} />
          </Grid>
          <Grid item xs={12} md={6}>
            <CheckPassRateCard
              parts={parts}
              checkId={checkId}
              counts={detail.counts}
              passRate={detail.passRate}
            />
          </Grid>
          <Grid item xs={12}>
            {scoped.loading ? (
              <Progress />
            ) : (
              <CheckEntitiesTable
                key={owner ?? ''}
                parts={parts}
                checkId={checkId}
                owner={owner}
                onOwnerChange={setOwner}
                ownerOptions={options.value}
                initialStatus={firstStatusWithEntities(
                  scoped.value ?? detail.counts,
                )}
              />
            )}
          </Grid>
          <Grid item xs={12}>
            <CheckExemptionsTable scorecardRef={ref} checkId={checkId} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
