import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import GetApp from '@material-ui/icons/GetApp';
import NotificationsActive from '@material-ui/icons/NotificationsActive';
import { useApi } from '@backstage/core-plugin-api';
import {
  maturityCampaignEndPermission,
  maturityCampaignNudgePermission,
} from '@ratchet/backstage-plugin-maturity-common';
import type {
  CampaignDetail,
  CampaignNudgeResponse,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { PermissionButton } from '../shared/PermissionButton';
import { useNotify } from '../shared/useNotify';
import { campaignParts, isOpen } from '../CampaignCommon/format';
import { downloadText, fetchAllTargets, targetsToCsv } from './csv';

/** What a nudge did, in one sentence. */
export function nudgeSummary(response: CampaignNudgeResponse): string {
  const targets = response.notified.reduce((n, o) => n + o.failingTargets, 0);
  const sent =
    response.notified.length === 0
      ? 'No owner group was reminded'
      : `Reminded ${response.notified.length} owner group${
          response.notified.length === 1 ? '' : 's'
        } about ${targets} failing target${targets === 1 ? '' : 's'}`;
  const skipped =
    response.rateLimited.length > 0
      ? `; ${response.rateLimited.length} skipped (reminded within the last hour)`
      : '';
  return `${sent}${skipped}`;
}

/** The campaign owner's actions (nudge, end early; hidden without permission) and the CSV export. */
export function CampaignActions({
  campaign,
  onChanged,
}: {
  campaign: CampaignDetail;
  onChanged: (campaign: CampaignDetail) => void;
}) {
  const api = useApi(maturityApiRef);
  const notify = useNotify();
  const parts = campaignParts(campaign.ref);
  const [busy, setBusy] = useState<'nudge' | 'end' | 'export'>();
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState('');

  const nudge = async () => {
    setBusy('nudge');
    try {
      notify(nudgeSummary(await api.nudgeCampaign(parts)), 'success');
    } catch (e) {
      notify(`Nudge failed: ${(e as Error).message}`, 'danger');
    } finally {
      setBusy(undefined);
    }
  };

  const end = async () => {
    setBusy('end');
    try {
      const ended = await api.endCampaign(parts, { reason: reason.trim() });
      setEnding(false);
      notify('Campaign ended', 'success');
      onChanged(ended);
    } catch (e) {
      notify(`Ending failed: ${(e as Error).message}`, 'danger');
    } finally {
      setBusy(undefined);
    }
  };

  const exportCsv = async () => {
    setBusy('export');
    try {
      const targets = await fetchAllTargets(api, parts);
      downloadText(
        `${parts.name}-targets.csv`,
        targetsToCsv(targets),
        'text/csv;charset=utf-8',
      );
    } catch (e) {
      notify(`Export failed: ${(e as Error).message}`, 'danger');
    } finally {
      setBusy(undefined);
    }
  };

  const endable = isOpen(campaign.state) || campaign.state === 'scheduled';
  return (
    <Box display="flex" justifyContent="flex-end" style={{ gap: 8 }}>
      <Button
        variant="outlined"
        startIcon={<GetApp />}
        disabled={busy === 'export'}
        onClick={exportCsv}
      >
        {busy === 'export' ? 'Exporting…' : 'Export targets (CSV)'}
      </Button>
      {isOpen(campaign.state) && campaign.progress.failing > 0 && (
        <PermissionButton
          permission={maturityCampaignNudgePermission}
          resourceRef={campaign.ref}
          deniedReason="Only the campaign's owners can nudge"
          hideWhenDenied
          variant="outlined"
          startIcon={<NotificationsActive />}
          disabled={busy === 'nudge'}
          onClick={nudge}
        >
          {busy === 'nudge' ? 'Nudging…' : 'Nudge owners now'}
        </PermissionButton>
      )}
      {endable && (
        <PermissionButton
          permission={maturityCampaignEndPermission}
          resourceRef={campaign.ref}
          deniedReason="Only the campaign's owners can end it"
          hideWhenDenied
          variant="outlined"
          color="secondary"
          onClick={() => setEnding(true)}
        >
          End early
        </PermissionButton>
      )}
      <Dialog
        open={ending}
        onClose={() => setEnding(false)}
        aria-labelledby="end-campaign-title"
      >
        <DialogTitle id="end-campaign-title">
          End the campaign early
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Reminders stop and its checks never ratchet into a scorecard. The
            reason is stored with the campaign's history.
          </DialogContentText>
          <TextField
            fullWidth
            multiline
            required
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            inputProps={{ maxLength: 4000 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setEnding(false)}>Cancel</Button>
          <Button
            color="secondary"
            variant="contained"
            disabled={reason.trim() === '' || busy === 'end'}
            onClick={end}
          >
            End campaign
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
