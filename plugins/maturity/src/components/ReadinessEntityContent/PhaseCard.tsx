import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { ReadinessRecord } from '@ratchet/backstage-plugin-maturity-common';
import {
  downloadText,
  reviewMarkdown,
} from '../ReadinessCommon/reviewMarkdown';
import { ANSWER_DENIED } from '../ReadinessCommon/labels';
import { MoveBackDialog } from './MoveBackDialog';

/** Props of {@link PhaseCard}. */
export interface PhaseCardProps {
  record: ReadinessRecord;
  onRequestReview(phase: string, note?: string): Promise<boolean>;
  onMovePhase(phase: string, reason?: string): Promise<boolean>;
  onSetLaunchDate(date: string | null): Promise<boolean>;
}

/** A button disabled with the reason as its tooltip. */
function ReasonButton(props: {
  reason?: string;
  onClick(): void;
  children: string;
  primary?: boolean;
}) {
  const button = (
    <Button
      variant={props.primary ? 'contained' : 'outlined'}
      color="primary"
      disabled={!!props.reason}
      onClick={props.onClick}
    >
      {props.children}
    </Button>
  );
  if (!props.reason) return button;
  return (
    <Tooltip title={props.reason}>
      <span>{button}</span>
    </Tooltip>
  );
}

const OPEN_REVIEW = new Set(['open', 'changes-requested', 'vetoed']);

/** The phase stepper with the next phase, what blocks it, and the team's actions. */
export function PhaseCard({
  record,
  onRequestReview,
  onMovePhase,
  onSetLaunchDate,
}: PhaseCardProps) {
  const [requesting, setRequesting] = useState(false);
  const [movingBack, setMovingBack] = useState(false);
  const [note, setNote] = useState('');
  const [launch, setLaunch] = useState(record.targetLaunchDate ?? '');
  const current = record.phases.findIndex(p => p.id === record.phase);
  const next = record.next;
  const nextPhase = record.phases.find(p => p.id === next?.phase);
  const denied = record.viewer.canAnswer ? undefined : ANSWER_DENIED;
  const review = record.reviews.find(r => r.phase === next?.phase);
  const reviewReason =
    denied ??
    (review && OPEN_REVIEW.has(review.status)
      ? `A review of ${nextPhase?.title} is already ${review.status}`
      : undefined) ??
    (review?.status === 'approved'
      ? `${nextPhase?.title} is already approved`
      : undefined);
  const enterReason =
    denied ?? next?.blockers.map(b => b.message).join('; ') ?? undefined;

  return (
    <InfoCard
      title={record.checklistTitle}
      subheader={`${record.progress.acceptable} of ${record.progress.total} items answered acceptably · reviewed by ${record.reviewersGroup}`}
    >
      <Stepper
        activeStep={current + 1}
        alternativeLabel
        aria-label="Readiness phases"
      >
        {record.phases.map((phase, index) => (
          <Step key={phase.id} completed={index <= current}>
            <StepLabel
              optional={
                <Typography variant="caption">
                  {phase.status === 'current' && 'Current phase · '}
                  {phase.openItems > 0
                    ? `${phase.openItems} open item${
                        phase.openItems === 1 ? '' : 's'
                      }`
                    : 'All items acceptable'}
                  {phase.signOffRequired && ' · sign-off'}
                </Typography>
              }
            >
              {phase.title}
            </StepLabel>
          </Step>
        ))}
      </Stepper>
      {next ? (
        <Box mt={2}>
          <Typography variant="h6">
            Next: {nextPhase?.title ?? next.phase}
          </Typography>
          {next.blockers.length > 0 ? (
            <ul aria-label="What blocks the next phase">
              {next.blockers.map(b => (
                <li key={`${b.kind}-${b.itemId ?? b.message}`}>
                  <Typography variant="body2">{b.message}</Typography>
                </li>
              ))}
            </ul>
          ) : (
            <Typography variant="body2">Nothing blocks it.</Typography>
          )}
        </Box>
      ) : (
        <Typography variant="body2">This is the last phase.</Typography>
      )}
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mt={2}
        style={{ gap: 8 }}
      >
        {next && nextPhase?.signOffRequired && (
          <ReasonButton
            primary
            reason={reviewReason}
            onClick={() => setRequesting(true)}
          >
            {`Request ${nextPhase.title} review`}
          </ReasonButton>
        )}
        {next && (
          <ReasonButton
            reason={enterReason || undefined}
            onClick={() => onMovePhase(next.phase)}
          >
            {`Enter ${nextPhase?.title ?? next.phase}`}
          </ReasonButton>
        )}
        {current > 0 && (
          <ReasonButton reason={denied} onClick={() => setMovingBack(true)}>
            Move back
          </ReasonButton>
        )}
        <Button
          variant="outlined"
          onClick={() =>
            downloadText(
              `${record.entityRef.replace(/[:/]/g, '-')}-readiness.md`,
              reviewMarkdown(record, record.reviews[0]),
              'text/markdown',
            )
          }
        >
          Export review as Markdown
        </Button>
        <TextField
          id="readiness-target-launch-date"
          label="Target launch date"
          type="date"
          size="small"
          variant="outlined"
          InputLabelProps={{ shrink: true }}
          value={launch}
          disabled={!!denied}
          onChange={e => setLaunch(e.target.value)}
        />
        <Button
          disabled={!!denied || launch === (record.targetLaunchDate ?? '')}
          onClick={() => onSetLaunchDate(launch || null)}
        >
          Save date
        </Button>
      </Box>
      {movingBack && (
        <MoveBackDialog
          earlier={record.phases.slice(0, current)}
          onClose={() => setMovingBack(false)}
          onMove={async (phase, reason) => {
            if (await onMovePhase(phase, reason)) setMovingBack(false);
          }}
        />
      )}
      <Dialog open={requesting} onClose={() => setRequesting(false)} fullWidth>
        <DialogTitle>Request the {nextPhase?.title} review</DialogTitle>
        <DialogContent>
          <TextField
            id="readiness-review-note"
            label="Note for the reviewers"
            multiline
            fullWidth
            minRows={3}
            value={note}
            onChange={e => setNote(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRequesting(false)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            onClick={async () => {
              if (
                next &&
                (await onRequestReview(next.phase, note || undefined))
              )
                setRequesting(false);
            }}
          >
            Request review
          </Button>
        </DialogActions>
      </Dialog>
    </InfoCard>
  );
}
