import { useCallback, useEffect, useState } from 'react';
import Grid from '@material-ui/core/Grid';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/lib/useAsync';
import useAsyncRetry from 'react-use/lib/useAsyncRetry';
import type {
  ReadinessAnswerRequest,
  ReadinessItem,
  ReadinessRecord,
  ReadinessReviewActionRequest,
} from '@ratchet/backstage-plugin-maturity-common';
import { readinessApiRef } from '../../api/ReadinessApi';
import { useNotify } from '../shared/useNotify';
import { errorMessage } from '../ReadinessCommon/labels';
import { AreaSection } from './AreaSection';
import { AuditCard } from './AuditCard';
import { ItemEditorDialog } from './ItemEditorDialog';
import { PhaseCard } from './PhaseCard';
import { ReviewCard } from './ReviewCard';

/** The entity's Readiness tab: phases, areas with their items, the review and the audit trail. */
export function ReadinessEntityContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(readinessApiRef);
  const identityApi = useApi(identityApiRef);
  const notify = useNotify();
  const [record, setRecord] = useState<ReadinessRecord>();
  const [editing, setEditing] = useState<ReadinessItem>();
  const [auditVersion, setAuditVersion] = useState(0);

  const load = useAsyncRetry(() => api.getRecord(entityRef), [api, entityRef]);
  const me = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  useEffect(() => setRecord(load.value), [load.value]);

  const changed = useCallback((next: ReadinessRecord) => {
    setRecord(next);
    setAuditVersion(v => v + 1);
  }, []);

  /** Runs a change, toasts its outcome; answers whether it worked. */
  const run = useCallback(
    async (what: string, change: () => Promise<void>): Promise<boolean> => {
      try {
        await change();
        notify(what, 'success');
        return true;
      } catch (e) {
        notify(`${what} failed: ${errorMessage(e)}`, 'danger');
        return false;
      }
    },
    [notify],
  );

  if (load.loading && !record) return <Progress />;
  if (load.error) return <ResponseErrorPanel error={load.error} />;
  if (!record) {
    return (
      <EmptyState
        missing="content"
        title="No readiness checklist applies to this entity"
        description="A Checklist applies through its spec.appliesTo, or when the entity names it in the ratchet.dev/checklist annotation."
      />
    );
  }

  const answer = (item: ReadinessItem, body: ReadinessAnswerRequest) =>
    run(`Answer to "${item.prompt}" saved`, async () =>
      changed(await api.answerItem(entityRef, item.id, body)),
    );
  const reviewAction = (id: string, body: ReadinessReviewActionRequest) =>
    run('Review updated', async () => {
      await api.actOnReview(id, body);
      changed((await api.getRecord(entityRef)) ?? record);
    });
  const latestReview = record.reviews[0];

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <PhaseCard
          record={record}
          onRequestReview={(phase, note) =>
            run('Review requested', async () => {
              await api.requestReview(entityRef, { phase, note });
              changed((await api.getRecord(entityRef)) ?? record);
            })
          }
          onMovePhase={(phase, reason) =>
            run('Phase changed', async () =>
              changed(await api.movePhase(entityRef, { phase, reason })),
            )
          }
          onSetLaunchDate={date =>
            run('Target launch date saved', async () =>
              changed(await api.setTargetLaunchDate(entityRef, date)),
            )
          }
        />
      </Grid>
      {latestReview && (
        <Grid item xs={12}>
          <ReviewCard
            record={record}
            review={latestReview}
            me={me.value}
            onAction={body => reviewAction(latestReview.id, body)}
          />
        </Grid>
      )}
      {record.areas.map(area => (
        <Grid item xs={12} key={area.id}>
          <AreaSection
            area={area}
            phases={record.phases}
            review={latestReview}
            canAnswer={record.viewer.canAnswer}
            onEdit={setEditing}
          />
        </Grid>
      ))}
      <Grid item xs={12}>
        <AuditCard
          entityRef={entityRef}
          version={auditVersion}
          onExport={format => api.exportAudit(entityRef, format)}
        />
      </Grid>
      {editing && (
        <ItemEditorDialog
          item={editing}
          onClose={() => setEditing(undefined)}
          onSave={async body => {
            if (await answer(editing, body)) setEditing(undefined);
          }}
        />
      )}
    </Grid>
  );
}
