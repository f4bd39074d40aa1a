import type {
  CheckStatus,
  ChecklistEntityV1alpha1,
} from '@ratchet/backstage-plugin-maturity-common';
import { checklistModel } from '../checklistModel';
import { StoredRecord, StoredReview, checkKey } from '../model';

/** A small Checklist for tests: three phases, two areas, one automatic and one expiring item. */
export function testChecklistEntity(
  overrides: Partial<ChecklistEntityV1alpha1['spec']> = {},
): ChecklistEntityV1alpha1 {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Checklist',
    metadata: {
      name: 'launch',
      namespace: 'default',
      title: 'Launch readiness',
    },
    spec: {
      owner: 'group:default/platform',
      phases: [
        { id: 'playground', title: 'Playground' },
        { id: 'green-light', title: 'Green light' },
        {
          id: 'ready-for-production',
          title: 'Ready for production',
          signOffRequired: true,
        },
      ],
      areas: [
        {
          id: 'reliability',
          title: 'Reliability',
          items: [
            {
              id: 'ha-plan',
              prompt: 'How do you implement HA?',
              requiredFor: 'green-light',
            },
            {
              id: 'runbook',
              prompt: 'Is there a runbook?',
              requiredFor: 'ready-for-production',
              evidenceRequired: true,
              reattestEvery: 'P90D',
            },
          ],
        },
        {
          id: 'ci-cd',
          title: 'CI/CD',
          items: [
            {
              id: 'has-ci',
              prompt: 'Does CI run on every change?',
              requiredFor: 'ready-for-production',
              answeredBy: { scorecard: 'service-maturity', check: 'has-ci' },
            },
          ],
        },
      ],
      reviewers: { group: 'architects', requiredApprovals: 2 },
      ...overrides,
    } as ChecklistEntityV1alpha1['spec'],
  };
}

/** The test checklist's model. */
export const checklist = checklistModel(testChecklistEntity());
/** Test constant. */
export const ENTITY = 'component:default/payments';
/** Test constant. */
export const OWNER = 'user:default/olivia';
/** Test constant. */
export const R1 = 'user:default/rita';
/** Test constant. */
export const R2 = 'user:default/ravi';
/** Test constant. */
export const T0 = new Date('2026-12-01T09:00:00.000Z');
/** Test constant. */
export const HAS_CI = checkKey('scorecard:default/service-maturity', 'has-ci');
/** Test constant. */
export const ITEM_IDS = new Set(checklist.items.keys());

/** The record with a person's answer to an item. */
export function answered(
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

/** Check statuses with has-ci at `status`. */
export function statuses(status?: CheckStatus) {
  return new Map<string, CheckStatus>(status ? [[HAS_CI, status]] : []);
}

/** A review of ready-for-production requested by OWNER. */
export function review(overrides: Partial<StoredReview> = {}): StoredReview {
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

/** T0 plus some minutes, as ISO. */
export const at = (minutes: number) =>
  new Date(T0.getTime() + minutes * 60_000).toISOString();
