import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type {
  ReadinessAnswerRequest,
  ReadinessGateResult,
  ReadinessPhaseRequest,
  ReadinessRecord,
  ReadinessReview,
  ReadinessReviewActionRequest,
  ReadinessReviewRequest,
} from '@ratchet/backstage-plugin-maturity-common';
import { ATTESTATION_SOURCE_ID } from '@ratchet/backstage-plugin-maturity-common';
import type { StoredCheckResult } from '../evaluation';
import { attestationFactsOf } from './attestationFacts';
import type { ChecklistModel } from './checklistModel';
import type { ChecklistSource } from './ChecklistCatalog';
import {
  automaticFlips,
  decideAnswer,
  decideAutomatic,
  decideLaunchDate,
  decidePhase,
  decideReviewAction,
  decideReviewRequest,
} from './decisions';
import { areaViews, CheckStatuses, progressOf } from './items';
import { checkKey } from './model';
import { gateResult, nextPhase, phaseViews } from './phases';
import type {
  ReadinessChange,
  ReadinessState,
  ReadinessStore,
} from './ReadinessStore';

/** Writes the attestation facts of entities: the facts capability's single intake. */
export type AttestationWriter = (
  writes: Array<{ entityRef: string; source: string; facts: JsonObject }>,
) => Promise<unknown>;

/** The current results of an entity (evaluation's read interface). */
export type EntityResults = (entityRef: string) => Promise<StoredCheckResult[]>;

/** An entity with its checklist, state and check results, as every operation starts. */
export interface Loaded {
  entityRef: string;
  checklist: ChecklistModel;
  state: ReadinessState;
  statuses: CheckStatuses;
}

/**
 * Operational readiness: the record per entity, answers (people's, and automatic ones from checks),
 * phases, reviews, the audit trail and the CI gate. Every change is one store transaction with its audit
 * entries; then the entity's attestation facts are rewritten through the facts intake, so that checks
 * reading them re-evaluate at once. Readiness is the only writer of the `attestation` source.
 */
export class ReadinessService {
  readonly #store: ReadinessStore;
  readonly #checklists: ChecklistSource;
  readonly #results: EntityResults;
  readonly #writeFacts: AttestationWriter;
  readonly #now: () => Date;

  /** Builds the service over its store and what it reads from the other capabilities. */
  static create(options: {
    store: ReadinessStore;
    checklists: ChecklistSource;
    results: EntityResults;
    writeFacts: AttestationWriter;
    now?: () => Date;
  }) {
    return new ReadinessService(options);
  }

  private constructor(options: Parameters<typeof ReadinessService.create>[0]) {
    this.#store = options.store;
    this.#checklists = options.checklists;
    this.#results = options.results;
    this.#writeFacts = options.writeFacts;
    this.#now = options.now ?? (() => new Date());
  }

  /** The store, for the views (queue, overview) and the scheduled tasks. */
  get store(): ReadinessStore {
    return this.#store;
  }

  /** The checklists, for the views. */
  get checklists(): ChecklistSource {
    return this.#checklists;
  }

  /** The checklist the entity follows; NotFoundError when none applies. */
  async checklistOf(entity: Entity): Promise<ChecklistModel> {
    const checklist = await this.#checklists.forEntity(entity);
    if (!checklist) {
      throw new NotFoundError(
        `No readiness checklist applies to ${stringifyEntityRef(entity)}`,
      );
    }
    return checklist;
  }

  /** Loads the entity's checklist, state and check results. */
  async load(entity: Entity): Promise<Loaded> {
    const entityRef = stringifyEntityRef(entity);
    const checklist = await this.checklistOf(entity);
    const [state, results] = await Promise.all([
      this.#store.getState(entityRef, checklist.ref),
      this.#results(entityRef),
    ]);
    const statuses = new Map(
      results.map(r => [checkKey(r.definitionRef, r.checkId), r.status]),
    );
    return { entityRef, checklist, state, statuses };
  }

  /** The record as the API shows it. */
  view(loaded: Loaded, viewer: ReadinessRecord['viewer']): ReadinessRecord {
    const { checklist, state, statuses } = loaded;
    const areas = areaViews(checklist, state.record, statuses, this.#now());
    return {
      entityRef: loaded.entityRef,
      checklistRef: checklist.ref,
      checklistTitle: checklist.title,
      reviewersGroup: checklist.reviewersGroup,
      requiredApprovals: checklist.requiredApprovals,
      phase: state.record.phase,
      targetLaunchDate: state.record.targetLaunchDate,
      phases: phaseViews(checklist, state.record, areas),
      areas,
      progress: progressOf(areas.flatMap(a => a.items)),
      next: nextPhase(checklist, state.record, areas, state.reviews),
      reviews: state.reviews,
      viewer,
      updatedAt: state.record.updatedAt,
    };
  }

  async #change<T extends ReadinessChange>(
    loaded: Loaded,
    decide: (state: ReadinessState, at: Date) => T,
  ): Promise<{ loaded: Loaded; change: T }> {
    const { state, result } = await this.#store.change(
      loaded.entityRef,
      loaded.checklist.ref,
      (current, at) => {
        const change = decide(current, at);
        return { change, result: change };
      },
    );
    const after = { ...loaded, state };
    await this.refreshFacts(after);
    return { loaded: after, change: result };
  }

  /** A person answers an item. */
  async answer(
    loaded: Loaded,
    itemId: string,
    body: ReadinessAnswerRequest,
    actor: string,
  ) {
    const { checklist } = loaded;
    return (
      await this.#change(loaded, (state, at) =>
        decideAnswer(checklist, state, { itemId, body, actor, at }),
      )
    ).loaded;
  }

  /** Stores automatic answers whose check flipped; nothing is written when none did. */
  async syncAutomatic(loaded: Loaded): Promise<Loaded> {
    if (
      automaticFlips(loaded.checklist, loaded.state, loaded.statuses).length ===
      0
    ) {
      return loaded;
    }
    return (
      await this.#change(loaded, (state, at) =>
        decideAutomatic(loaded.checklist, state, loaded.statuses, at),
      )
    ).loaded;
  }

  /** Sets or clears the target launch date (YYYY-MM-DD). */
  async setLaunchDate(loaded: Loaded, date: string | null, actor: string) {
    return (
      await this.#change(loaded, state => decideLaunchDate(state, date, actor))
    ).loaded;
  }

  /** Enters the next phase or moves back; throws naming the rule when not allowed. */
  async movePhase(loaded: Loaded, move: ReadinessPhaseRequest, actor: string) {
    return (
      await this.#change(loaded, (state, at) =>
        decidePhase(loaded.checklist, state, {
          move,
          statuses: loaded.statuses,
          actor,
          at,
        }),
      )
    ).loaded;
  }

  /** The team asks the reviewers to sign off the next phase. */
  async requestReview(
    loaded: Loaded,
    body: ReadinessReviewRequest,
    actor: string,
  ): Promise<ReadinessReview> {
    const { change } = await this.#change(loaded, (state, at) =>
      decideReviewRequest(loaded.checklist, state, {
        entityRef: loaded.entityRef,
        body,
        actor,
        at,
      }),
    );
    return change.reviews[0];
  }

  /** A reviewer's decision, a lifted veto or a withdrawal. */
  async actOnReview(
    loaded: Loaded,
    reviewId: string,
    body: ReadinessReviewActionRequest,
    actor: string,
  ): Promise<ReadinessReview> {
    const { change } = await this.#change(loaded, (state, at) =>
      decideReviewAction(loaded.checklist, state, {
        reviewId,
        body,
        actor,
        at,
      }),
    );
    return change.reviews[0];
  }

  /** The CI gate for one phase. */
  gate(loaded: Loaded, phase: string): ReadinessGateResult {
    const { checklist, state, statuses } = loaded;
    const areas = areaViews(checklist, state.record, statuses, this.#now());
    return gateResult(checklist, state.record, areas, state.reviews, phase);
  }

  /** Rewrites the entity's attestation facts (the intake stores them only when they changed). */
  async refreshFacts(loaded: Loaded): Promise<void> {
    await this.#writeFacts([
      {
        entityRef: loaded.entityRef,
        source: ATTESTATION_SOURCE_ID,
        facts: attestationFactsOf(loaded.checklist, loaded.state, this.#now()),
      },
    ]);
  }
}
