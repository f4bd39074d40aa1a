import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type { ReadinessReviewAction } from '@ratchet/backstage-plugin-maturity-common';
import { StoredReview } from './model';
import { actOnReview, reviewAfterAnswerChange } from './reviews';
import {
  ITEM_IDS,
  OWNER,
  R1,
  R2,
  at,
  review,
} from './__testUtils__/testChecklist';

describe('review machine', () => {
  const act = (
    r: StoredReview,
    actor: string,
    action: ReadinessReviewAction,
    extra = {},
    minute = 1,
  ) => actOnReview(r, { actor, action, at: at(minute), ...extra }, ITEM_IDS);

  it('is approved by requiredApprovals distinct reviewers', () => {
    const one = act(review(), R1, 'approve');
    expect(one).toMatchObject({ status: 'open', approvals: 1 });
    const again = act(one, R1, 'approve', {}, 2);
    expect(again).toMatchObject({ status: 'open', approvals: 1 });
    const two = act(again, R2, 'approve', {}, 3);
    expect(two).toMatchObject({
      status: 'approved',
      approvals: 2,
      approvedAt: at(3),
    });
  });

  it('a veto blocks until the vetoing reviewer lifts it', () => {
    const vetoed = act(review(), R1, 'veto', { reason: 'no failover plan' });
    expect(vetoed).toMatchObject({
      status: 'vetoed',
      veto: { reviewer: R1, reason: 'no failover plan' },
    });
    const approvedByOthers = act(
      act(vetoed, R2, 'approve', {}, 2),
      'user:default/sam',
      'approve',
      {},
      3,
    );
    expect(approvedByOthers.status).toBe('vetoed');
    expect(() =>
      act(approvedByOthers, R2, 'lift-veto', { reason: 'fine' }),
    ).toThrow(NotAllowedError);
    expect(() => act(approvedByOthers, R1, 'approve')).toThrow(ConflictError);
    const lifted = act(
      approvedByOthers,
      R1,
      'lift-veto',
      { reason: 'failover tested' },
      4,
    );
    expect(lifted).toMatchObject({ status: 'approved', approvals: 2 });
    expect(lifted.veto).toBeUndefined();
    expect(lifted.events.map(e => e.action)).toEqual([
      'requested',
      'vetoed',
      'approved',
      'approved',
      'veto-lifted',
    ]);
  });

  it('a veto needs a reason; request-changes a reason or item comments naming known items', () => {
    expect(() => act(review(), R1, 'veto')).toThrow(
      new InputError('reason: a veto needs a reason'),
    );
    expect(() => act(review(), R1, 'request-changes')).toThrow(/^comments:/);
    expect(() =>
      act(review(), R1, 'request-changes', {
        comments: [{ itemId: 'nope', comment: 'x' }],
      }),
    ).toThrow(/^comments\[0\]\.itemId: unknown item "nope"/);
    const changes = act(review(), R1, 'request-changes', {
      comments: [{ itemId: 'runbook', comment: 'link the runbook' }],
    });
    expect(changes).toMatchObject({ status: 'changes-requested' });
    expect(changes.votes[0].comments).toEqual([
      { itemId: 'runbook', comment: 'link the runbook' },
    ]);
  });

  it('nobody reviews a review of answers they gave', () => {
    expect(() => act(review(), OWNER, 'approve')).toThrow(NotAllowedError);
    const edited = reviewAfterAnswerChange(act(review(), R1, 'approve'), {
      actor: R1,
      itemId: 'ha-plan',
      at: at(2),
    });
    expect(edited.answeredBy).toContain(R1);
    expect(edited.approvals).toBe(0);
    expect(() => act(edited, R1, 'approve', {}, 3)).toThrow(NotAllowedError);
  });

  it('an edit after approval re-opens the review; a check flip too, without disqualifying anyone', () => {
    const approved = act(act(review(), R1, 'approve'), R2, 'approve', {}, 2);
    const reopened = reviewAfterAnswerChange(approved, {
      actor: OWNER,
      itemId: 'runbook',
      at: at(5),
    });
    expect(reopened).toMatchObject({ status: 'open', approvals: 0, votes: [] });
    expect(reopened.approvedAt).toBeUndefined();
    expect(reopened.events.at(-1)).toEqual({
      at: at(5),
      actor: OWNER,
      action: 'reopened',
      itemId: 'runbook',
    });
    const flipped = reviewAfterAnswerChange(approved, {
      actor: 'scorecard:default/service-maturity#has-ci',
      itemId: 'has-ci',
      at: at(6),
    });
    expect(flipped.status).toBe('open');
    expect(flipped.answeredBy).toEqual([OWNER]);
  });

  it('a withdrawn review takes no more actions', () => {
    const withdrawn = act(review(), OWNER, 'withdraw');
    expect(withdrawn.status).toBe('withdrawn');
    expect(() => act(withdrawn, R1, 'approve')).toThrow(ConflictError);
  });
});
