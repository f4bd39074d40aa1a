import type { JsonObject } from '@backstage/types';

/*
 * The facts of the built-in `attestation` source: what the teams answered to the items of their Checklists
 * and what reviewers decided about entering each phase. Readiness reviews write them; checks read them like
 * any other facts, e.g. `attestation.checklists.checklist:default/production-readiness.items.ha-plan.answer`.
 * Names follow the Checklist kind (kinds/Checklist.ts): items by ChecklistItem id, reviews by ChecklistPhase id.
 */

/** The id of the built-in, push-only fact source of checklist attestations. */
export const ATTESTATION_SOURCE_ID = 'attestation';

/** A team's answer to a checklist item. */
export type AttestationAnswer = 'yes' | 'no' | 'not-applicable';

/** The attested answer to one ChecklistItem. */
export interface AttestedItem {
  /** The answer. */
  answer: AttestationAnswer;
  /** Who attested it: a user entity ref, e.g. `user:default/jane.doe`. */
  attestedBy: string;
  /** When (ISO 8601 date-time with a time zone). */
  attestedAt: string;
  /** When the answer must be re-attested, from the item's `reattestEvery` (ISO 8601 date-time). */
  expiresAt?: string;
  /** The answer is past `expiresAt`, as of when the facts were written; requires `expiresAt`. */
  expired: boolean;
  /** Links to the evidence (http or https URLs), for items with `evidenceRequired`. */
  evidence?: string[];
  /** A free-text remark of the team. */
  note?: string;
}

/** Where the sign-off of a phase stands. */
export type ReviewDecision = 'approved' | 'vetoed' | 'pending';

/** One reviewer's approval or veto. */
export interface ReviewerDecision {
  /** The reviewer: a user entity ref, a member of the Checklist's reviewers group. */
  reviewer: string;
  /** When (ISO 8601 date-time with a time zone). */
  at: string;
  /** The reviewer's remark. */
  note?: string;
}

/** The sign-off of one phase that has `signOffRequired`. */
export interface PhaseReview {
  /** `approved` once `requiredApprovals` distinct reviewers approved; `vetoed` as soon as one vetoes. */
  decision: ReviewDecision;
  /** The approvals given so far, one per distinct reviewer. */
  approvals: ReviewerDecision[];
  /** The veto that decided; required when the decision is `vetoed`. */
  veto?: ReviewerDecision;
  /** When the sign-off was approved (with `decision: approved`). */
  approvedAt?: string;
  /** Whole days since `approvedAt`: derived when the facts are read (never stored), so it grows daily. */
  approvedDaysAgo?: number;
}

/** The attestations of one entity against one Checklist. */
export interface ChecklistAttestation {
  /** The phase the entity has entered (a ChecklistPhase id), when it entered any. */
  phase?: string;
  /** Answers by ChecklistItem id; unanswered items are absent. */
  items: Record<string, AttestedItem>;
  /** Sign-offs by ChecklistPhase id; phases never submitted for review are absent. */
  reviews?: Record<string, PhaseReview>;
}

/** The `attestation` facts of one entity. */
export interface AttestationFacts {
  /** By full Checklist entity ref, e.g. `checklist:default/production-readiness`. */
  checklists: Record<string, ChecklistAttestation>;
}

const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const DATE_TIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$';
const USER_REF_PATTERN = '^user:[^\\s:/]+/\\S+$';

const dateTime = (description: string): JsonObject => ({
  type: 'string',
  description: `${description} (ISO 8601 date-time with a time zone).`,
  pattern: DATE_TIME_PATTERN,
});

const userRef = (description: string): JsonObject => ({
  type: 'string',
  description: `${description}: a full user entity ref, e.g. \`user:default/jane.doe\`.`,
  pattern: USER_REF_PATTERN,
});

const reviewerDecision: JsonObject = {
  type: 'object',
  description: "One reviewer's approval or veto.",
  required: ['reviewer', 'at'],
  additionalProperties: false,
  properties: {
    reviewer: userRef('The reviewer'),
    at: dateTime('When'),
    note: { type: 'string', description: "The reviewer's remark." },
  },
};

const attestedItem: JsonObject = {
  type: 'object',
  description: 'The attested answer to one checklist item.',
  required: ['answer', 'attestedBy', 'attestedAt', 'expired'],
  additionalProperties: false,
  properties: {
    answer: { type: 'string', enum: ['yes', 'no', 'not-applicable'] },
    attestedBy: userRef('Who attested it'),
    attestedAt: dateTime('When it was attested'),
    expiresAt: dateTime('When it must be re-attested'),
    expired: {
      type: 'boolean',
      description: 'The answer is past expiresAt, as of when it was written.',
    },
    evidence: {
      type: 'array',
      description: 'Links to the evidence.',
      items: { type: 'string', pattern: '^https?://\\S+$' },
    },
    note: { type: 'string', description: 'A remark of the team.' },
  },
  // An answer cannot have expired without a date it expires at.
  if: { properties: { expired: { const: true } }, required: ['expired'] },
  then: { required: ['expiresAt'] },
};

const phaseReview: JsonObject = {
  type: 'object',
  description: 'The sign-off of one phase.',
  required: ['decision', 'approvals'],
  additionalProperties: false,
  properties: {
    decision: { type: 'string', enum: ['approved', 'vetoed', 'pending'] },
    approvals: {
      type: 'array',
      description: 'The approvals so far, one per distinct reviewer.',
      items: reviewerDecision,
    },
    veto: reviewerDecision,
    approvedAt: {
      type: 'string',
      description: 'When the sign-off was approved.',
      pattern: DATE_TIME_PATTERN,
    },
    approvedDaysAgo: {
      type: 'integer',
      minimum: 0,
      description:
        'Whole days since approvedAt, derived when the facts are read (e.g. "approved within 12 months").',
    },
  },
  if: { properties: { decision: { const: 'vetoed' } }, required: ['decision'] },
  then: { required: ['veto'] },
};

const checklistAttestation: JsonObject = {
  type: 'object',
  description: 'The attestations against one Checklist.',
  required: ['items'],
  additionalProperties: false,
  properties: {
    phase: {
      type: 'string',
      description: 'The phase the entity has entered (a phase id).',
      pattern: ID_PATTERN,
    },
    items: {
      type: 'object',
      description: 'Answers by checklist item id.',
      patternProperties: { [ID_PATTERN]: attestedItem },
      additionalProperties: false,
    },
    reviews: {
      type: 'object',
      description: 'Sign-offs by phase id.',
      patternProperties: { [ID_PATTERN]: phaseReview },
      additionalProperties: false,
    },
  },
};

/** JSON Schema (draft-07) of one entity's `attestation` facts, as AttestationFacts describes them. */
export const ATTESTATION_FACTS_SCHEMA: JsonObject = {
  type: 'object',
  description:
    'Answers to Checklist items and phase sign-offs of one entity, by Checklist entity ref.',
  required: ['checklists'],
  additionalProperties: false,
  properties: {
    checklists: {
      type: 'object',
      description: 'By full Checklist entity ref.',
      // patternProperties rather than propertyNames: a push with a wrong key is then told which key.
      patternProperties: {
        '^checklist:[^\\s:/]+/\\S+$': checklistAttestation,
      },
      additionalProperties: false,
    },
  },
};
