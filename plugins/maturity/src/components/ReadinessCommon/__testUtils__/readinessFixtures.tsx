import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { toastApiRef } from '@backstage/frontend-plugin-api';
import type {
  ReadinessItem,
  ReadinessRecord,
  ReadinessReview,
} from '@ratchet/backstage-plugin-maturity-common';
import { readinessApiRef } from '../../../api/ReadinessApi';
import type { ReadinessApi } from '../../../api/ReadinessApi';

/** The owner and the reviewer of the fixtures. */
export const OWNER = 'user:default/priya.raman';
export const REVIEWER = 'user:default/dmitri.volkov';

/** The sample service the fixtures are about. */
export const serviceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fx-rates', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

/** An item with the defaults of an unanswered one. */
export function item(
  overrides: Partial<ReadinessItem> & { id: string },
): ReadinessItem {
  return {
    prompt: `Prompt of ${overrides.id}`,
    requiredFor: 'green-light',
    evidenceRequired: false,
    state: 'unanswered',
    evidence: [],
    expired: false,
    acceptable: false,
    automatic: false,
    ...overrides,
  };
}

const DAY = 86_400_000;

/** A green-light review with a veto, answered by the owner. */
export function vetoedReview(
  overrides: Partial<ReadinessReview> = {},
): ReadinessReview {
  return {
    id: 'review-1',
    entityRef: 'component:default/fx-rates',
    checklistRef: 'checklist:default/operational-readiness',
    phase: 'green-light',
    status: 'vetoed',
    requestedBy: OWNER,
    requestedAt: '2026-12-01T10:00:00Z',
    requiredApprovals: 1,
    approvals: 0,
    votes: [
      {
        reviewer: REVIEWER,
        decision: 'veto',
        at: '2026-12-02T10:00:00Z',
        reason: 'No HA plan',
        comments: [{ itemId: 'ha-plan', comment: 'One zone is not HA' }],
      },
    ],
    veto: {
      reviewer: REVIEWER,
      reason: 'No HA plan',
      at: '2026-12-02T10:00:00Z',
    },
    answeredBy: [OWNER],
    events: [
      { at: '2026-12-01T10:00:00Z', actor: OWNER, action: 'requested' },
      {
        at: '2026-12-02T10:00:00Z',
        actor: REVIEWER,
        action: 'vetoed',
        reason: 'No HA plan',
        comments: [{ itemId: 'ha-plan', comment: 'One zone is not HA' }],
      },
    ],
    ...overrides,
  };
}

/** A record in playground: green-light items partly answered, one automatic, one expiring soon. */
export function record(
  overrides: Partial<ReadinessRecord> = {},
): ReadinessRecord {
  const soon = new Date(Date.now() + 5 * DAY).toISOString();
  return {
    entityRef: 'component:default/fx-rates',
    checklistRef: 'checklist:default/operational-readiness',
    checklistTitle: 'Operational Readiness',
    reviewersGroup: 'group:default/platform',
    requiredApprovals: 1,
    phase: 'playground',
    targetLaunchDate: '2027-01-20',
    phases: [
      {
        id: 'playground',
        title: 'Playground',
        signOffRequired: false,
        status: 'current',
        openItems: 0,
      },
      {
        id: 'green-light',
        title: 'Green light',
        signOffRequired: true,
        status: 'next',
        openItems: 1,
      },
      {
        id: 'ready-for-production',
        title: 'Ready for production',
        signOffRequired: true,
        status: 'later',
        openItems: 3,
      },
    ],
    areas: [
      {
        id: 'reliability',
        title: 'Reliability',
        progress: { acceptable: 1, total: 2 },
        items: [
          item({ id: 'ha-plan', prompt: 'What is the HA plan?' }),
          item({
            id: 'rollback',
            prompt: 'How do you roll back?',
            requiredFor: 'ready-for-production',
            state: 'answered',
            answer: 'yes',
            acceptable: true,
            answeredBy: OWNER,
            answeredAt: '2026-11-01T10:00:00Z',
            expiresAt: soon,
            evidence: ['https://wiki.example/rollback'],
          }),
        ],
      },
      {
        id: 'testing',
        title: 'Testing',
        progress: { acceptable: 1, total: 2 },
        items: [
          item({
            id: 'tests-gate-merge',
            prompt: 'Do tests gate merges?',
            requiredFor: 'ready-for-production',
            state: 'answered',
            answer: 'yes',
            acceptable: true,
            automatic: true,
            answeredBy: 'scorecard:default/service-maturity#ci-required',
            check: {
              definitionRef: 'scorecard:default/service-maturity',
              checkId: 'ci-required',
              status: 'pass',
            },
          }),
          item({
            id: 'test-data',
            prompt: 'Where does test data come from?',
            requiredFor: 'ready-for-production',
            state: 'expired',
            answer: 'yes',
            expired: true,
            expiresAt: '2026-11-01T00:00:00Z',
          }),
        ],
      },
    ],
    progress: { acceptable: 2, total: 4 },
    next: {
      phase: 'green-light',
      allowed: false,
      blockers: [
        { kind: 'item', itemId: 'ha-plan', message: 'ha-plan is not answered' },
        { kind: 'sign-off', message: 'green-light needs an approved review' },
      ],
    },
    reviews: [],
    viewer: { canAnswer: true, canReview: false },
    updatedAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

/** A ReadinessApi double: every method a jest.fn with sensible answers. */
export function mockReadinessApi(
  overrides: Partial<ReadinessApi> = {},
): jest.Mocked<ReadinessApi> {
  return {
    getRecord: jest.fn(async () => record()),
    answerItem: jest.fn(async () => record()),
    setTargetLaunchDate: jest.fn(async () => record()),
    movePhase: jest.fn(async () => record()),
    requestReview: jest.fn(async () => vetoedReview({ status: 'open' })),
    actOnReview: jest.fn(async () => vetoedReview()),
    getAudit: jest.fn(async () => ({
      items: [
        {
          id: 2,
          at: '2026-12-02T10:00:00Z',
          actor: OWNER,
          entityRef: 'component:default/fx-rates',
          checklistRef: 'checklist:default/operational-readiness',
          action: 'answer' as const,
          itemId: 'rollback',
          before: null,
          after: { answer: 'yes', evidence: ['https://wiki.example/rollback'] },
        },
      ],
      nextBefore: null,
    })),
    exportAudit: jest.fn(async () => 'id,at\n'),
    listReviews: jest.fn(async () => ({
      items: [],
      total: 0,
      limit: 200,
      offset: 0,
      nextOffset: null,
    })),
    getOverview: jest.fn(async () => ({
      total: 0,
      byPhase: [],
      launches: [],
      launchWithinDays: 60,
      openReviews: 0,
    })),
    getGate: jest.fn(),
    ...overrides,
  } as jest.Mocked<ReadinessApi>;
}

/** The toasts posted by the rendered components. */
export const readinessToasts = { post: jest.fn(() => ({ close: () => {} })) };

/** Renders an element in a test app with the readiness API, a signed-in user and (optionally) an entity. */
export function renderReadiness(
  element: ReactElement,
  options: {
    api: ReadinessApi;
    user?: string;
    entity?: Entity;
    routeEntries?: string[];
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [readinessApiRef, options.api],
        [toastApiRef, readinessToasts],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: options.user ?? OWNER }),
        ],
      ]}
    >
      {options.entity ? (
        <EntityProvider entity={options.entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}
