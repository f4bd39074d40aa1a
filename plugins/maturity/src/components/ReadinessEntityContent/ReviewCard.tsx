import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import type {
  ReadinessRecord,
  ReadinessReview,
  ReadinessReviewAction,
  ReadinessReviewActionRequest,
} from '@ratchet/backstage-plugin-maturity-common';
import { formatDateTime } from '../shared/format';
import {
  ANSWER_DENIED,
  EVENT_LABELS,
  ReviewStatusChip,
  shortRef,
} from '../ReadinessCommon/labels';
import { ReviewActionDialog } from './ReviewActionDialog';

/** Props of {@link ReviewCard}. */
export interface ReviewCardProps {
  record: ReadinessRecord;
  review: ReadinessReview;
  /** The signed-in user's entity ref. */
  me?: string;
  onAction(body: ReadinessReviewActionRequest): Promise<boolean>;
}

const ACTIVE = new Set(['open', 'changes-requested', 'vetoed']);

/** Why the signed-in user may not review, or undefined when they may. */
export function reviewDenied(
  record: ReadinessRecord,
  review: ReadinessReview,
  me: string | undefined,
): string | undefined {
  if (!record.viewer.canReview)
    return `Only members of ${record.reviewersGroup} can review`;
  if (me && review.answeredBy.includes(me))
    return 'You answered items of this review, so you cannot review it';
  return undefined;
}

/** The latest review: status, approvals, the veto, the timeline with per-item comments, and the actions. */
export function ReviewCard({ record, review, me, onAction }: ReviewCardProps) {
  const [action, setAction] = useState<ReadinessReviewAction>();
  const phase = record.phases.find(p => p.id === review.phase);
  const active = ACTIVE.has(review.status);
  const denied = reviewDenied(record, review, me);
  const prompts = new Map(
    record.areas.flatMap(a => a.items.map(i => [i.id, i.prompt])),
  );
  const phaseIndex = record.phases.findIndex(p => p.id === review.phase);
  const reviewItems = record.areas.flatMap(a =>
    a.items.filter(
      i => record.phases.findIndex(p => p.id === i.requiredFor) <= phaseIndex,
    ),
  );

  const button = (a: ReadinessReviewAction, label: string, reason?: string) => {
    const b = (
      <Button
        variant="outlined"
        disabled={!!reason}
        onClick={() => setAction(a)}
      >
        {label}
      </Button>
    );
    return reason ? (
      <Tooltip key={a} title={reason}>
        <span>{b}</span>
      </Tooltip>
    ) : (
      <span key={a}>{b}</span>
    );
  };

  return (
    <InfoCard title={`${phase?.title ?? review.phase} review`}>
      <Box display="flex" alignItems="center" style={{ gap: 12 }} mb={1}>
        <ReviewStatusChip status={review.status} />
        <Typography variant="body2">
          {review.approvals} of {review.requiredApprovals} approvals · requested
          by {shortRef(review.requestedBy)} on{' '}
          {formatDateTime(review.requestedAt)}
        </Typography>
      </Box>
      {review.note && (
        <Typography variant="body2">Note: {review.note}</Typography>
      )}
      {review.veto && (
        <Alert severity="error">
          Vetoed by {shortRef(review.veto.reviewer)}: {review.veto.reason}. The
          launch is blocked until the veto is lifted.
        </Alert>
      )}
      {active && (
        <Box display="flex" flexWrap="wrap" my={2} style={{ gap: 8 }}>
          {button(
            'approve',
            'Approve',
            denied ?? (review.veto ? 'A veto stands' : undefined),
          )}
          {button('request-changes', 'Request changes', denied)}
          {button('veto', 'Veto', denied)}
          {review.veto &&
            button(
              'lift-veto',
              'Lift veto',
              denied ??
                (me && review.veto.reviewer !== me
                  ? `Only ${shortRef(review.veto.reviewer)} can lift the veto`
                  : undefined),
            )}
          {button(
            'withdraw',
            'Withdraw',
            record.viewer.canAnswer ? undefined : ANSWER_DENIED,
          )}
        </Box>
      )}
      <Typography variant="h6" component="h3">
        Timeline
      </Typography>
      <Box component="ol" aria-label="Review timeline" pl={2}>
        {review.events.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            <Typography variant="body2">
              {formatDateTime(event.at)} —{' '}
              <strong>{shortRef(event.actor)}</strong>{' '}
              {EVENT_LABELS[event.action]}
              {event.reason && `: ${event.reason}`}
              {event.itemId &&
                ` (${prompts.get(event.itemId) ?? event.itemId})`}
            </Typography>
            {event.comments?.map(c => (
              <Typography key={c.itemId} variant="body2" color="textSecondary">
                · {prompts.get(c.itemId) ?? c.itemId}: {c.comment}
              </Typography>
            ))}
          </li>
        ))}
      </Box>
      {action && (
        <ReviewActionDialog
          action={action}
          items={reviewItems}
          onClose={() => setAction(undefined)}
          onSubmit={async body => {
            if (await onAction(body)) setAction(undefined);
          }}
        />
      )}
    </InfoCard>
  );
}
