import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type {
  CheckStatus,
  ReadinessReviewAction,
} from '@ratchet/backstage-plugin-maturity-common';
import { checklistModel } from './checklistModel';
import { addIsoDuration } from './duration';
import { areaViews } from './items';
import { StoredRecord, StoredReview, checkKey, emptyRecord } from './model';
import { checkPhaseMove, gateResult, nextPhase } from './phases';
import { actOnReview, reviewAfterAnswerChange } from './reviews';
import { testChecklistEntity } from './testChecklist';

const checklist = checklistModel(testChecklistEntity());
const ENTITY = 'component:default/payments';
const OWNER = 'user:default/olivia';
const R1 = 'user:default/rita';
const R2 = 'user:default/ravi';
const T0 = new Date('2026-12-01T09:00:00.000Z');
const HAS_CI = checkKey('scorecard:default/service-maturity', 'has-ci');
const ITEM_IDS = new Set(checklist.items.keys());

function answered(
  record: StoredRecord,
  itemId: string,
  answer: 'yes' | 'no' | 'not-applicable',
  at = T0,
): StoredRecord {
  return {
    ...record,
    answers: {
      ...record.answers,
      [itemId]: {
        itemId,
        answer,
        evidence: [],
        answeredBy: OWNER,
        answeredAt: at.toISOString(),
        automatic: false,
      },
    },
  };
}

function statuses(status?: CheckStatus) {
  return new Map(status ? [[HAS_CI, status]] : []);
}

function review(overrides: Partial<StoredReview> = {}): StoredReview {
  return {
    id: 'r1',
    entityRef: ENTITY,
    checklistRef: checklist.ref,
    phase: 'ready-for-production',
    status: 'open',
    requestedBy: OWNER,
    requestedAt: T0.toISOString(),
    requiredApprovals: 2,
    approvals: 0,
    votes: [],
    answeredBy: [OWNER],
    events: [{ at: T0.toISOString(), actor: OWNER, action: 'requested' }],
    ...overrides,
  };
}

const at = (minutes: number) =>
  new Date(T0.getTime() + minutes * 60_000).toISOString();

describe('phase machine', () => {
  const base = emptyRecord(ENTITY, checklist.ref);

  it('enters the first phase, then refuses to skip a phase', () => {
    const areas = areaViews(checklist, base, statuses(), T0);
    expect(
      checkPhaseMove(checklist, base, areas, [], { phase: 'playground' }),
    ).toBe('playground');
    const inPlayground = { ...base, phase: 'playground' };
    expect(() =>
      checkPhaseMove(checklist, inPlayground, areas, [], {
        phase: 'ready-for-production',
      }),
    ).toThrow(
      new ConflictError(
        'phase: phases cannot be skipped; enter "green-light" before "ready-for-production"',
      ),
    );
  });

  it('needs every item required for the phase answered acceptably', () => {
    const record = { ...base, phase: 'playground' };
    const no = answered(record, 'ha-plan', 'no');
    expect(() =>
      checkPhaseMove(
        checklist,
        no,
        areaViews(checklist, no, statuses(), T0),
        [],
        {
          phase: 'green-light',
        },
      ),
    ).toThrow(/item "ha-plan" \(required for green-light\) is answered "no"/);
    const yes = answered(record, 'ha-plan', 'yes');
    expect(
      checkPhaseMove(
        checklist,
        yes,
        areaViews(checklist, yes, statuses(), T0),
        [],
        {
          phase: 'green-light',
        },
      ),
    ).toBe('green-light');
  });

  it('needs an approved review for a sign-off phase, and earlier phases items too', () => {
    let record: StoredRecord = { ...base, phase: 'green-light' };
    record = answered(answered(record, 'ha-plan', 'yes'), 'runbook', 'yes');
    const areas = areaViews(checklist, record, statuses('pass'), T0);
    const move = { phase: 'ready-for-production' };
    expect(() => checkPhaseMove(checklist, record, areas, [], move)).toThrow(
      /needs an approved review; none was requested/,
    );
    expect(() =>
      checkPhaseMove(checklist, record, areas, [review()], move),
    ).toThrow(/review r1 is open/);
    const approved = review({ status: 'approved' });
    expect(checkPhaseMove(checklist, record, areas, [approved], move)).toBe(
      'ready-for-production',
    );
    // The same without the automatic item passing.
    const failing = areaViews(checklist, record, statuses('fail'), T0);
    expect(nextPhase(checklist, record, failing, [approved])?.blockers).toEqual(
      [
        {
          kind: 'item',
          itemId: 'has-ci',
          message: expect.stringContaining('"has-ci"'),
        },
      ],
    );
  });

  it('moves back with a reason only, and rejects unknown phases naming the field', () => {
    const record = { ...base, phase: 'green-light' };
    const areas = areaViews(checklist, record, statuses(), T0);
    expect(() =>
      checkPhaseMove(checklist, record, areas, [], { phase: 'playground' }),
    ).toThrow(
      new InputError('reason: moving back to an earlier phase needs a reason'),
    );
    expect(
      checkPhaseMove(checklist, record, areas, [], {
        phase: 'playground',
        reason: 'pivot',
      }),
    ).toBe('playground');
    expect(() =>
      checkPhaseMove(checklist, record, areas, [], { phase: 'prod' }),
    ).toThrow(/^phase: unknown phase "prod"/);
  });
});

describe('items', () => {
  it('expiry un-answers: an answer past reattestEvery counts as unanswered when read', () => {
    const record = answered(
      emptyRecord(ENTITY, checklist.ref),
      'runbook',
      'yes',
    );
    const fresh = areaViews(
      checklist,
      record,
      statuses(),
      addIsoDuration(T0, 'P89D'),
    );
    const stale = areaViews(
      checklist,
      record,
      statuses(),
      addIsoDuration(T0, 'P90D'),
    );
    expect(fresh[0].items[1]).toMatchObject({
      state: 'answered',
      acceptable: true,
      expired: false,
    });
    expect(stale[0].items[1]).toMatchObject({
      state: 'expired',
      acceptable: false,
      expired: true,
      expiresAt: '2027-03-01T09:00:00.000Z',
    });
  });

  it("automatic items follow their check and ignore a person's stored answer", () => {
    const record = answered(
      emptyRecord(ENTITY, checklist.ref),
      'has-ci',
      'yes',
    );
    const item = (s?: CheckStatus) =>
      areaViews(checklist, record, statuses(s), T0)[1].items[0];
    expect(item()).toMatchObject({
      state: 'unanswered',
      automatic: true,
      check: { status: 'pending' },
    });
    expect(item('pass')).toMatchObject({ answer: 'yes', acceptable: true });
    expect(item('exempt')).toMatchObject({ answer: 'yes', acceptable: true });
    expect(item('fail')).toMatchObject({
      answer: 'no',
      acceptable: false,
      answeredBy: 'scorecard:default/service-maturity#has-ci',
    });
  });

  it('adds calendar durations in UTC', () => {
    expect(
      addIsoDuration(new Date('2026-01-31T00:00:00Z'), 'P1M').toISOString(),
    ).toBe('2026-02-28T00:00:00.000Z');
    expect(addIsoDuration(T0, 'P1DT6H').toISOString()).toBe(
      '2026-12-02T15:00:00.000Z',
    );
    expect(() => addIsoDuration(T0, 'P')).toThrow(TypeError);
  });
});

describe('review machine', () => {
  const act = (
    r: StoredReview,
    actor: string,
    action: any,
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

describe('gate', () => {
  it('fails with the open items and the missing sign-off, then passes', () => {
    const record = {
      ...emptyRecord(ENTITY, checklist.ref),
      phase: 'green-light',
    };
    const closed = gateResult(
      checklist,
      record,
      areaViews(checklist, record, statuses(), T0),
      [],
      'ready-for-production',
    );
    expect(closed).toMatchObject({
      pass: false,
      signOff: 'missing',
      currentPhase: 'green-light',
    });
    expect(closed.openItems.map(i => i.itemId)).toEqual([
      'ha-plan',
      'runbook',
      'has-ci',
    ]);
    const done = answered(
      answered(record, 'ha-plan', 'yes'),
      'runbook',
      'not-applicable',
    );
    const open = gateResult(
      checklist,
      done,
      areaViews(checklist, done, statuses('pass'), T0),
      [review({ status: 'approved' })],
      'ready-for-production',
    );
    expect(open).toMatchObject({
      pass: true,
      openItems: [],
      reasons: [],
      signOff: 'approved',
    });
    expect(
      gateResult(
        checklist,
        record,
        areaViews(checklist, record, statuses(), T0),
        [],
        'playground',
      ).pass,
    ).toBe(true);
  });
});
