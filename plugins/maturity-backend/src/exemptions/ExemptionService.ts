import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { DefinitionProvider, ExemptionLookup } from '../evaluation';
import type {
  AuditEntry,
  Exemption,
  ExemptionFilter,
  ExemptionQuery,
  ExemptionStatus,
  ExemptionStore,
} from './ExemptionStore';

/** Re-evaluates entities after an exemption changed what counts for them. */
export interface EntityEvaluator {
  /** Evaluates and persists these entities. */
  evaluateEntities(entityRefs: string[]): Promise<unknown>;
}

/** A request for an exemption, as the API receives it (refs already normalised). */
export interface ExemptionRequest {
  /** The entity ref. */
  entityRef: string;
  /** The scorecard or campaign ref. */
  definitionRef: string;
  /** The check id. */
  checkId: string;
  /** Why. */
  reason: string;
  /** When it should stop counting; absent = permanent. */
  expiresAt?: Date;
}

/** Options of a decision. */
export interface DecisionOptions {
  /** What the decider says. */
  comment?: string;
  /** Approvals only: overrides the requested expiry (null = permanent). */
  expiresAt?: Date | null;
}

/**
 * The exemption lifecycle: requested → approved | denied, approved → revoked (a request can be revoked
 * too, which withdraws it). Every change is audited by the store in the same transaction, and the
 * entity is re-evaluated at once so its results and levels show the change immediately.
 */
export class ExemptionService implements ExemptionLookup {
  readonly #store: ExemptionStore;
  readonly #evaluator: EntityEvaluator;
  readonly #definitions: DefinitionProvider;
  readonly #logger: LoggerService;
  readonly #now: () => Date;

  /** Creates the service. */
  static create(options: {
    store: ExemptionStore;
    evaluator: EntityEvaluator;
    definitions: DefinitionProvider;
    logger: LoggerService;
    now?: () => Date;
  }) {
    return new ExemptionService(options);
  }

  private constructor(options: Parameters<typeof ExemptionService.create>[0]) {
    this.#store = options.store;
    this.#evaluator = options.evaluator;
    this.#definitions = options.definitions;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
  }

  /** Records a request; refused when the check does not exist or one is already pending or active. */
  async request(input: ExemptionRequest, actor: string): Promise<Exemption> {
    const definition = (await this.#definitions.getDefinitions()).find(
      d => d.ref === input.definitionRef,
    );
    if (!definition) {
      throw new InputError(
        `Unknown scorecard or campaign '${input.definitionRef}'`,
      );
    }
    if (!definition.checks.some(c => c.id === input.checkId)) {
      throw new InputError(
        `${input.definitionRef} has no check '${input.checkId}'`,
      );
    }
    this.#assertFuture(input.expiresAt);
    const open = await this.#store.list({
      entityRef: input.entityRef,
      definitionRef: input.definitionRef,
      status: ['requested', 'approved'],
    });
    const clash = open.find(
      e =>
        e.checkId === input.checkId && (e.status === 'requested' || e.active),
    );
    if (clash) {
      throw new ConflictError(
        `Exemption ${clash.id} for this check is already ${clash.status}`,
      );
    }
    return this.#store.create({ ...input, requestedBy: actor });
  }

  /** Approves a request; the requester cannot approve their own. */
  async approve(id: string, actor: string, options: DecisionOptions = {}) {
    const exemption = await this.get(id);
    if (exemption.requestedBy === actor) {
      throw new NotAllowedError(
        'You cannot approve an exemption you requested yourself',
      );
    }
    if (options.expiresAt) this.#assertFuture(options.expiresAt);
    return this.#decide(exemption, ['requested'], 'approved', actor, options);
  }

  /** Denies a request. */
  async deny(
    id: string,
    actor: string,
    options: Omit<DecisionOptions, 'expiresAt'> = {},
  ) {
    const exemption = await this.get(id);
    return this.#decide(exemption, ['requested'], 'denied', actor, options);
  }

  /** Revokes an approved exemption (or withdraws a pending request). */
  async revoke(
    id: string,
    actor: string,
    options: Omit<DecisionOptions, 'expiresAt'> = {},
  ) {
    const exemption = await this.get(id);
    return this.#decide(
      exemption,
      ['requested', 'approved'],
      'revoked',
      actor,
      options,
    );
  }

  /** One exemption; NotFoundError when there is none. */
  async get(id: string): Promise<Exemption> {
    const exemption = await this.#store.get(id);
    if (!exemption) throw new NotFoundError(`No exemption ${id}`);
    return exemption;
  }

  /** Exemptions matching the filters. */
  list(query?: ExemptionQuery): Promise<Exemption[]> {
    return this.#store.list(query);
  }

  /** How many exemptions match the filters. */
  count(filter?: ExemptionFilter): Promise<number> {
    return this.#store.count(filter);
  }

  /** The distinct entities of the exemptions matching the filters. */
  entityRefs(filter?: ExemptionFilter): Promise<string[]> {
    return this.#store.entityRefs(filter);
  }

  /** The newest audit entries. */
  audit(options?: { limit?: number; before?: number }): Promise<AuditEntry[]> {
    return this.#store.audit(options);
  }

  /** Keys of approved, unexpired exemptions: what the evaluator counts as exempt. */
  activeFor(entityRefs: string[]): Promise<Set<string>> {
    return this.#store.activeFor(entityRefs);
  }

  /**
   * Re-evaluates the entities of exemptions that expired since the last run. Expired exemptions already
   * stop counting when read; this makes stored results and levels (roll-ups, gates) catch up too.
   */
  async reevaluateExpired(): Promise<number> {
    const expired = await this.#store.claimExpired();
    const refs = [...new Set(expired.map(e => e.entityRef))];
    if (refs.length) {
      await this.#evaluator.evaluateEntities(refs);
      this.#logger.info('Re-evaluated entities with expired exemptions', {
        exemptions: expired.length,
        entities: refs.length,
      });
    }
    return expired.length;
  }

  async #decide(
    exemption: Exemption,
    from: ExemptionStatus[],
    status: 'approved' | 'denied' | 'revoked',
    actor: string,
    options: DecisionOptions,
  ): Promise<Exemption> {
    if (!from.includes(exemption.status)) {
      throw new ConflictError(
        `Exemption ${exemption.id} is ${exemption.status}; it cannot be ${status}`,
      );
    }
    const decided = await this.#store.decide(exemption.id, from, {
      status,
      decidedBy: actor,
      comment: options.comment,
      expiresAt: status === 'approved' ? options.expiresAt : undefined,
    });
    if (!decided) {
      throw new ConflictError(
        `Exemption ${exemption.id} was decided by someone else meanwhile`,
      );
    }
    // Only approvals and revocations of approved exemptions change what counts.
    if (status === 'approved' || exemption.status === 'approved') {
      await this.#evaluator.evaluateEntities([exemption.entityRef]);
    }
    this.#logger.info(`Exemption ${status}`, {
      exemptionId: exemption.id,
      entityRef: exemption.entityRef,
      definitionRef: exemption.definitionRef,
      checkId: exemption.checkId,
      actor,
    });
    return decided;
  }

  #assertFuture(date: Date | undefined) {
    if (date && date.getTime() <= this.#now().getTime()) {
      throw new InputError(
        `expiresAt ${date.toISOString()} is not in the future`,
      );
    }
  }
}
