import type { JsonObject } from '@backstage/types';
import { compileCheck } from '../checks/compileCheck';
import { withApprovalAges, withApprovalAgesOf } from './approvalAges';

const CHECKLIST = 'checklist:default/operational-readiness';
const NOW = new Date('2026-12-06T12:00:00.000Z');
const approver = {
  reviewer: 'user:default/dmitri',
  at: '2026-11-26T09:00:00Z',
};

const attestation = (): JsonObject => ({
  checklists: {
    [CHECKLIST]: {
      phase: 'ready-for-production',
      items: {},
      reviews: {
        'green-light': {
          decision: 'approved',
          approvals: [approver],
          approvedAt: '2025-10-01T09:00:00Z',
        },
        'ready-for-production': {
          decision: 'approved',
          approvals: [approver],
          approvedAt: '2026-11-26T09:00:00Z',
        },
      },
    },
    'checklist:default/other': {
      items: {},
      reviews: { 'green-light': { decision: 'pending', approvals: [] } },
    },
  },
});

// The example scorecard's Gold check: signed off for production within 12 months.
const signedOff = compileCheck({
  id: 'launch-signed-off',
  title: 'Signed off for production within 12 months',
  rule: {
    all: [
      {
        fact: `attestation.checklists.${CHECKLIST}.reviews.ready-for-production.decision`,
        operator: 'exists',
      },
      {
        fact: `attestation.checklists.${CHECKLIST}.reviews.ready-for-production.decision`,
        operator: 'equal',
        value: 'approved',
      },
      {
        fact: `attestation.checklists.${CHECKLIST}.reviews.ready-for-production.approvedDaysAgo`,
        operator: 'lessThanInclusive',
        value: 365,
      },
    ],
  },
});

const reviewOf = (facts: JsonObject, checklist: string, phase: string) =>
  (
    ((facts.checklists as JsonObject)[checklist] as JsonObject)
      .reviews as JsonObject
  )[phase];

describe('approval ages of readiness sign-offs', () => {
  it('adds whole days since approval to approved sign-offs, as of now, without touching the stored facts', () => {
    const stored = attestation();
    const copy = structuredClone(stored);
    const aged = withApprovalAges(stored, NOW);
    expect(stored).toEqual(copy);
    expect(reviewOf(aged, CHECKLIST, 'green-light')).toMatchObject({
      approvedDaysAgo: 431,
    });
    expect(reviewOf(aged, CHECKLIST, 'ready-for-production')).toMatchObject({
      approvedDaysAgo: 10,
    });
    expect(reviewOf(aged, 'checklist:default/other', 'green-light')).toEqual({
      decision: 'pending',
      approvals: [],
    });
  });

  it('lets a check pass within 12 months of the sign-off and fail after, with no new facts', () => {
    const facts = new Map([
      ['component:default/payments', { attestation: attestation() }],
    ]);
    const evaluate = (now: Date) =>
      signedOff.evaluate(
        withApprovalAgesOf(facts, now).get('component:default/payments')!,
      ).status;
    expect(evaluate(NOW)).toBe('pass');
    expect(evaluate(new Date('2027-11-26T08:00:00Z'))).toBe('pass');
    expect(evaluate(new Date('2027-11-27T10:00:00Z'))).toBe('fail');
    // No review for the phase at all: no sign-off, a failure rather than a missing fact.
    const none = {
      attestation: { checklists: { [CHECKLIST]: { items: {} } } },
    };
    expect(signedOff.evaluate(none).status).toBe('fail');
  });

  it('returns the same facts when there is nothing to age', () => {
    const facts = new Map([
      ['component:default/a', { catalog: { kind: 'Component' } }],
    ]);
    expect(withApprovalAgesOf(facts, NOW)).toBe(facts);
    expect(withApprovalAges({ checklists: 'nonsense' }, NOW)).toEqual({
      checklists: 'nonsense',
    });
  });
});
