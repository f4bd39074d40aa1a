import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import type {
  ReadinessItem,
  ReadinessItemComment,
  ReadinessReviewAction,
  ReadinessReviewActionRequest,
} from '@ratchet/backstage-plugin-maturity-common';

const TITLES: Record<ReadinessReviewAction, string> = {
  approve: 'Approve',
  'request-changes': 'Request changes',
  veto: 'Veto',
  'lift-veto': 'Lift veto',
  withdraw: 'Withdraw review',
};

/** Props of {@link ReviewActionDialog}. */
export interface ReviewActionDialogProps {
  action: ReadinessReviewAction;
  /** The items a per-item comment may name. */
  items: ReadinessItem[];
  onClose(): void;
  onSubmit(body: ReadinessReviewActionRequest): void;
}

/** What the action needs before it can be sent, or undefined when it is complete. */
export function actionProblem(
  action: ReadinessReviewAction,
  reason: string,
  comments: ReadinessItemComment[],
): string | undefined {
  if ((action === 'veto' || action === 'lift-veto') && !reason.trim())
    return 'A reason is required';
  if (action === 'request-changes' && !reason.trim() && comments.length === 0)
    return 'Give a reason or comment on at least one item';
  return undefined;
}

/** A reviewer's decision (or the team's withdrawal) with its reason and per-item comments. */
export function ReviewActionDialog({
  action,
  items,
  onClose,
  onSubmit,
}: ReviewActionDialogProps) {
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<ReadinessItemComment[]>([]);
  const comments = rows.filter(r => r.itemId && r.comment.trim());
  const problem = actionProblem(action, reason, comments);
  const setRow = (index: number, row: Partial<ReadinessItemComment>) =>
    setRows(rows.map((r, i) => (i === index ? { ...r, ...row } : r)));

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="readiness-action-title"
    >
      <DialogTitle id="readiness-action-title">{TITLES[action]}</DialogTitle>
      <DialogContent>
        <TextField
          id="readiness-action-reason"
          label={
            action === 'veto' || action === 'lift-veto'
              ? 'Reason (required)'
              : 'Reason'
          }
          fullWidth
          multiline
          minRows={2}
          margin="normal"
          value={reason}
          onChange={e => setReason(e.target.value)}
        />
        {(action === 'request-changes' ||
          action === 'veto' ||
          action === 'approve') && (
          <>
            {rows.map((row, index) => (
              <Box key={index} display="flex" style={{ gap: 8 }}>
                <TextField
                  select
                  id={`readiness-comment-item-${index}`}
                  label="Item"
                  margin="normal"
                  style={{ flex: '1 1 40%' }}
                  value={row.itemId}
                  onChange={e => setRow(index, { itemId: e.target.value })}
                >
                  {items.map(item => (
                    <MenuItem key={item.id} value={item.id}>
                      {item.prompt}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  id={`readiness-comment-${index}`}
                  label="Comment on the item"
                  margin="normal"
                  style={{ flex: '1 1 60%' }}
                  value={row.comment}
                  onChange={e => setRow(index, { comment: e.target.value })}
                />
              </Box>
            ))}
            <Button
              size="small"
              onClick={() => setRows([...rows, { itemId: '', comment: '' }])}
            >
              Add item comment
            </Button>
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!!problem}
          title={problem}
          onClick={() =>
            onSubmit({
              action,
              reason: reason.trim() || undefined,
              comments: comments.length ? comments : undefined,
            })
          }
        >
          {TITLES[action]}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
