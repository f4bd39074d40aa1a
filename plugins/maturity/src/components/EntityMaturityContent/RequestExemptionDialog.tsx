import { FormEvent, useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import type {
  EntityScorecard,
  Exemption,
} from '@ratchet/backstage-plugin-maturity-common';
import { maturityApiRef } from '../../api';
import { useNotify } from '../shared/useNotify';

/** Checks it makes sense to ask an exemption for: those that do not pass and are not exempt. */
export function exemptibleChecks(scorecard: EntityScorecard) {
  return scorecard.checks.filter(
    c => c.status === 'fail' || c.status === 'error',
  );
}

function inDays(days: number): string {
  const date = new Date(Date.now() + days * 24 * 3600 * 1000);
  return date.toISOString().slice(0, 10);
}

/** Props of {@link RequestExemptionDialog}. */
export interface RequestExemptionDialogProps {
  open: boolean;
  entityRef: string;
  scorecards: EntityScorecard[];
  /** The check to preselect. */
  initial?: { scorecardRef: string; checkId: string };
  onClose: () => void;
  onRequested: (exemption: Exemption) => void;
}

/** Asks for an exemption of one check: which check, why, and until when. */
export function RequestExemptionDialog({
  open,
  entityRef,
  scorecards,
  initial,
  onClose,
  onRequested,
}: RequestExemptionDialogProps) {
  const api = useApi(maturityApiRef);
  const notify = useNotify();
  const withChecks = scorecards.filter(s => exemptibleChecks(s).length > 0);
  const [scorecardRef, setScorecardRef] = useState('');
  const [checkId, setCheckId] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(inDays(90));
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    const first = withChecks[0];
    const ref = initial?.scorecardRef ?? first?.ref ?? '';
    setScorecardRef(ref);
    setCheckId(
      initial?.checkId ??
        exemptibleChecks(withChecks.find(s => s.ref === ref) ?? first)[0]?.id ??
        '',
    );
    setReason('');
    setExpires(inDays(90));
    setError(undefined);
    // Reset only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const scorecard = scorecards.find(s => s.ref === scorecardRef);
  const checks = scorecard ? exemptibleChecks(scorecard) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const exemption = await api.requestExemption({
        entityRef,
        definitionRef: scorecardRef,
        checkId,
        reason: reason.trim(),
        ...(expires
          ? { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() }
          : {}),
      });
      notify(
        'Exemption requested; an approver has to decide on it.',
        'success',
      );
      onRequested(exemption);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="request-exemption-title"
    >
      <form onSubmit={submit}>
        <DialogTitle id="request-exemption-title">
          Request an exemption
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            An approved exemption counts the check as passing for this entity
            until it expires. Say why the check does not apply or cannot be met
            yet.
          </DialogContentText>
          {withChecks.length === 0 && (
            <Alert severity="info">
              No check fails for this entity: there is nothing to exempt.
            </Alert>
          )}
          {withChecks.length > 1 && (
            <TextField
              select
              fullWidth
              margin="normal"
              id="exemption-scorecard"
              label="Scorecard"
              value={scorecardRef}
              onChange={e => {
                setScorecardRef(e.target.value);
                const next = scorecards.find(s => s.ref === e.target.value);
                setCheckId(next ? exemptibleChecks(next)[0]?.id ?? '' : '');
              }}
            >
              {withChecks.map(s => (
                <MenuItem key={s.ref} value={s.ref}>
                  {s.title}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            select
            fullWidth
            required
            margin="normal"
            id="exemption-check"
            label="Check"
            value={checks.some(c => c.id === checkId) ? checkId : ''}
            onChange={e => setCheckId(e.target.value)}
            disabled={checks.length === 0}
          >
            {checks.map(c => (
              <MenuItem key={c.id} value={c.id}>
                {c.title}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            fullWidth
            required
            multiline
            minRows={3}
            margin="normal"
            id="exemption-reason"
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            inputProps={{ maxLength: 4000 }}
          />
          <TextField
            fullWidth
            margin="normal"
            type="date"
            id="exemption-expires"
            label="Expires on"
            helperText="Leave empty to ask for a permanent exemption."
            value={expires}
            onChange={e => setExpires(e.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: inDays(1) }}
          />
          {error && <Alert severity="error">{error.message}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy || !checkId || !reason.trim()}
          >
            Request
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
