import { useState } from 'react';
import Box from '@material-ui/core/Box';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/lib/useAsync';
import { maturityExemptionApprovePermission } from '@ratchet/backstage-plugin-maturity-common';
import type { Exemption } from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { PermissionButton } from './PermissionButton';
import { useNotify } from './useNotify';

const DENIED =
  'You do not have permission to decide exemptions for this entity';
const OWN = 'You requested this exemption: someone else has to approve it';

/** Props of {@link ExemptionActions}. */
export interface ExemptionActionsProps {
  exemption: Exemption;
  onChanged: (exemption: Exemption) => void;
}

/** Approve / deny a request, or revoke an approved exemption — permission-aware. */
export function ExemptionActions({
  exemption,
  onChanged,
}: ExemptionActionsProps) {
  const api = useApi(maturityApiRef);
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const identityApi = useApi(identityApiRef);
  const { value: me } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );

  const run = async (verb: string, action: () => Promise<Exemption>) => {
    setBusy(true);
    try {
      const updated = await action();
      notify(`Exemption ${verb}`, 'success');
      onChanged(updated);
    } catch (e) {
      notify(
        `Could not update the exemption: ${(e as Error).message}`,
        'danger',
      );
    } finally {
      setBusy(false);
    }
  };

  const common = {
    permission: maturityExemptionApprovePermission,
    resourceRef: exemption.entityRef,
    deniedReason: DENIED,
    size: 'small' as const,
    disabled: busy,
  };
  if (exemption.status === 'requested') {
    return (
      <Box display="flex" style={{ whiteSpace: 'nowrap' }}>
        <PermissionButton
          {...common}
          color="primary"
          disabled={busy || me === exemption.requestedBy}
          disabledReason={me === exemption.requestedBy ? OWN : undefined}
          onClick={() =>
            run('approved', () => api.approveExemption(exemption.id))
          }
        >
          Approve
        </PermissionButton>
        <PermissionButton
          {...common}
          onClick={() => run('denied', () => api.denyExemption(exemption.id))}
        >
          Deny
        </PermissionButton>
      </Box>
    );
  }
  if (exemption.status === 'approved' && exemption.active) {
    return (
      <PermissionButton
        {...common}
        onClick={() => run('revoked', () => api.revokeExemption(exemption.id))}
      >
        Revoke
      </PermissionButton>
    );
  }
  return null;
}
