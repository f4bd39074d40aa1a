import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type { ReadinessPhase } from '@ratchet/backstage-plugin-maturity-common';

/** Props of {@link MoveBackDialog}. */
export interface MoveBackDialogProps {
  /** The phases before the current one. */
  earlier: ReadinessPhase[];
  onClose(): void;
  onMove(phase: string, reason: string): void;
}

/** Moves the entity back to an earlier phase; the reason is required and lands in the audit trail. */
export function MoveBackDialog({
  earlier,
  onClose,
  onMove,
}: MoveBackDialogProps) {
  const [phase, setPhase] = useState(earlier[earlier.length - 1]?.id ?? '');
  const [reason, setReason] = useState('');
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      aria-labelledby="readiness-move-back-title"
    >
      <DialogTitle id="readiness-move-back-title">
        Move back to an earlier phase
      </DialogTitle>
      <DialogContent>
        <TextField
          id="readiness-move-back-phase"
          select
          fullWidth
          margin="normal"
          label="Phase"
          value={phase}
          onChange={e => setPhase(e.target.value)}
        >
          {earlier.map(p => (
            <MenuItem key={p.id} value={p.id}>
              {p.title}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="readiness-move-back-reason"
          fullWidth
          multiline
          margin="normal"
          label="Reason (required)"
          value={reason}
          onChange={e => setReason(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!phase || !reason.trim()}
          onClick={() => onMove(phase, reason.trim())}
        >
          Move back
        </Button>
      </DialogActions>
    </Dialog>
  );
}
