import { useCallback, useState } from 'react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import Refresh from '@material-ui/icons/Refresh';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  maturityEvaluatePermission,
  maturityExemptionRequestPermission,
} from '@ratchet/backstage-plugin-maturity-common';
import useAsyncRetry from 'react-use/lib/useAsyncRetry';
import type { EntityView } from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { ExemptionsTable } from '../shared/ExemptionsTable';
import { PermissionButton } from '../shared/PermissionButton';
import { useNotify } from '../shared/useNotify';
import { CampaignsCard } from './CampaignsCard';
import {
  exemptibleChecks,
  RequestExemptionDialog,
} from './RequestExemptionDialog';
import { ScorecardSection } from './ScorecardSection';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    justifyContent: 'flex-end',
  },
}));

const EVALUATE_DENIED = 'You do not have permission to re-evaluate this entity';
const REQUEST_DENIED =
  'You do not have permission to request exemptions for this entity';

/** The entity's Maturity tab: levels, rubric, next steps, history, campaigns and exemptions. */
export function EntityMaturityContent() {
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(maturityApiRef);
  const notify = useNotify();
  const [fresh, setFresh] = useState<EntityView>();
  const [version, setVersion] = useState(0);
  const [evaluating, setEvaluating] = useState(false);
  const [dialog, setDialog] = useState<{
    scorecardRef: string;
    checkId: string;
  } | null>();
  const { allowed: mayRequest } = usePermission({
    permission: maturityExemptionRequestPermission,
    resourceRef: entityRef,
  });

  const view = useAsyncRetry(() => api.getEntity(entityRef), [api, entityRef]);
  const exemptions = useAsyncRetry(
    () => api.listExemptions({ entityRef }),
    [api, entityRef, version],
  );
  const current = fresh ?? view.value;

  const reload = useCallback(() => {
    setFresh(undefined);
    setVersion(v => v + 1);
    view.retry();
  }, [view]);

  const evaluate = async () => {
    setEvaluating(true);
    try {
      const result = await api.evaluate(entityRef);
      setFresh(result);
      setVersion(v => v + 1);
      notify('Re-evaluated with fresh facts', 'success');
    } catch (e) {
      notify(`Re-evaluation failed: ${(e as Error).message}`, 'danger');
    } finally {
      setEvaluating(false);
    }
  };

  if (!current && view.loading) return <Progress />;
  if (view.error && !current) return <ResponseErrorPanel error={view.error} />;
  if (!current || current.scorecards.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No scorecard rates this entity"
        description="Scorecards choose the entities they apply to (by kind, type, lifecycle or annotations). None of them applies to this entity yet."
      />
    );
  }

  const titleOf = (ref: string, checkId: string) =>
    [...current.scorecards, ...current.campaigns]
      .find(s => s.ref === ref)
      ?.checks.find(c => c.id === checkId)?.title ?? checkId;
  const canExempt = current.scorecards.some(
    s => exemptibleChecks(s).length > 0,
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box className={classes.actions}>
          <PermissionButton
            permission={maturityExemptionRequestPermission}
            resourceRef={entityRef}
            deniedReason={REQUEST_DENIED}
            disabled={!canExempt}
            disabledReason="No check fails: there is nothing to exempt"
            variant="outlined"
            onClick={() => setDialog(null)}
          >
            Request exemption
          </PermissionButton>
          <PermissionButton
            permission={maturityEvaluatePermission}
            resourceRef={entityRef}
            deniedReason={EVALUATE_DENIED}
            disabled={evaluating}
            variant="contained"
            color="primary"
            startIcon={<Refresh />}
            onClick={evaluate}
          >
            {evaluating ? 'Evaluating…' : 'Re-evaluate now'}
          </PermissionButton>
        </Box>
      </Grid>
      {current.scorecards.map(scorecard => (
        <ScorecardSection
          key={scorecard.ref}
          entityRef={entityRef}
          scorecard={scorecard}
          version={version}
          onRequestExemption={
            mayRequest
              ? (scorecardRef, checkId) => setDialog({ scorecardRef, checkId })
              : undefined
          }
        />
      ))}
      {current.campaigns.length > 0 && (
        <Grid item xs={12}>
          <CampaignsCard campaigns={current.campaigns} />
        </Grid>
      )}
      <Grid item xs={12}>
        {exemptions.error ? (
          <ResponseErrorPanel
            error={exemptions.error}
            title="Could not load exemptions"
          />
        ) : (
          <ExemptionsTable
            exemptions={exemptions.value ?? []}
            checkTitle={titleOf}
            onChanged={reload}
          />
        )}
      </Grid>
      <RequestExemptionDialog
        open={dialog !== undefined}
        entityRef={entityRef}
        scorecards={current.scorecards}
        initial={dialog ?? undefined}
        onClose={() => setDialog(undefined)}
        onRequested={() => {
          setDialog(undefined);
          setVersion(v => v + 1);
        }}
      />
    </Grid>
  );
}
