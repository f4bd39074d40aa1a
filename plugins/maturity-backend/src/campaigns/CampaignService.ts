import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  CampaignEntityV1alpha1,
  CampaignProgress,
  EntityFacts,
} from '@ratchet/backstage-plugin-maturity-common';
import type {
  CompiledDefinition,
  DefinitionProvider,
  ResultView,
} from '../evaluation';
import type { FactStore } from '../facts/FactStore';
import { dayOf } from './calendar';
import type { CampaignRecord, CampaignStore } from './CampaignStore';
import { LifecycleInput, nextState } from './lifecycle';
import {
  isDone,
  nextTargetRecord,
  progressOf,
  TargetCheckResult,
  TargetRecord,
  targetState,
} from './targets';

/** Results read per query when refreshing every target of a campaign. */
const FULL_PAGE = 10_000;

/** A compiled Campaign definition. */
export type CompiledCampaign = CompiledDefinition & {
  kind: 'Campaign';
  entity: CampaignEntityV1alpha1;
};

/** True for compiled Campaigns. */
export function isCampaign(d: CompiledDefinition): d is CompiledCampaign {
  return d.kind === 'Campaign';
}

/** What evaluation tells campaigns after it wrote results. */
export interface ResultsWritten {
  /** The entities whose results of `definitionRefs` were rewritten (their whole scope). */
  entityRefs: string[];
  /** The definitions re-evaluated; undefined for all. */
  definitionRefs?: string[];
}

/** Called when a campaign completes or re-opens: the ratchet's scorecard must be re-derived. */
export type CompletionListener = (
  campaign: CompiledCampaign,
  completed: boolean,
) => Promise<void>;

/**
 * Campaign state from results: keeps every campaign's targets, progress (overall and per owner) and
 * lifecycle current. Evaluation calls `resultsWritten` after each write, so progress is precomputed
 * within one evaluation of a fact change; `refreshAll` (scheduled) repairs anything missed and moves
 * campaigns through time (start and due dates) and records the day's burn-up point.
 */
export class CampaignService {
  readonly #store: CampaignStore;
  readonly #results: Pick<ResultView, 'getResultsForCheck'>;
  readonly #definitions: DefinitionProvider;
  readonly #facts: Pick<FactStore, 'getFacts'>;
  readonly #logger: LoggerService;
  readonly #now: () => Date;
  readonly #onCompletion?: CompletionListener;

  /** Creates the service. */
  static create(options: {
    store: CampaignStore;
    results: Pick<ResultView, 'getResultsForCheck'>;
    definitions: DefinitionProvider;
    facts: Pick<FactStore, 'getFacts'>;
    logger: LoggerService;
    now?: () => Date;
    onCompletion?: CompletionListener;
  }) {
    return new CampaignService(options);
  }

  private constructor(options: Parameters<typeof CampaignService.create>[0]) {
    this.#store = options.store;
    this.#results = options.results;
    this.#definitions = options.definitions;
    this.#facts = options.facts;
    this.#logger = options.logger;
    this.#now = options.now ?? (() => new Date());
    this.#onCompletion = options.onCompletion;
  }

  /** The compiled campaigns, by ref. */
  async campaigns(): Promise<Map<string, CompiledCampaign>> {
    const all = await this.#definitions.getDefinitions();
    return new Map(all.filter(isCampaign).map(c => [c.ref, c]));
  }

  /** Every compiled definition (scorecards included), for checks of a campaign's promotion. */
  definitions(): Promise<CompiledDefinition[]> {
    return this.#definitions.getDefinitions();
  }

  /** Updates the targets of the campaigns among `definitionRefs` for these entities. */
  async resultsWritten(change: ResultsWritten): Promise<void> {
    const wanted = change.definitionRefs && new Set(change.definitionRefs);
    for (const campaign of (await this.campaigns()).values()) {
      if (wanted && !wanted.has(campaign.ref)) continue;
      await this.#refresh(campaign, change.entityRefs);
    }
  }

  /**
   * Every campaign, every target: repairs what an incremental update missed (an owner change without a
   * result change), forgets campaigns gone from the catalog, advances lifecycles by the clock and
   * records today's burn-up point.
   */
  async refreshAll(): Promise<void> {
    const campaigns = await this.campaigns();
    for (const stored of await this.#store.listCampaigns()) {
      if (!campaigns.has(stored.campaignRef)) {
        await this.#store.deleteCampaign(stored.campaignRef);
      }
    }
    const day = dayOf(this.#now());
    for (const campaign of campaigns.values()) {
      const progress = await this.#refresh(campaign, undefined);
      await this.#store.snapshot(campaign.ref, day, progress);
    }
  }

  /** Refreshes targets among `entityRefs` (all targets without it); returns the campaign's progress. */
  async #refresh(
    campaign: CompiledCampaign,
    entityRefs: string[] | undefined,
  ): Promise<CampaignProgress> {
    const now = this.#now();
    let record = await this.#store.getCampaign(campaign.ref);
    if (!record) {
      record = await this.#create(campaign, now);
    }
    const checkIds = campaign.checks.map(c => c.id);
    const results = await this.#readResults(campaign.ref, checkIds, entityRefs);
    const previous = new Map(
      (await this.#store.getTargets(campaign.ref, entityRefs)).map(t => [
        t.entityRef,
        t,
      ]),
    );
    const states = new Map(
      [...results].map(([entityRef, checks]) => [
        entityRef,
        targetState(checkIds, checks),
      ]),
    );
    // Owner and title come from the catalog facts: read for every target on a full refresh (it repairs
    // owner changes), otherwise only for targets that are new or changed, so a results write of 1,000
    // entities does not parse 1,000 entities' facts per campaign.
    const needFacts = [...states]
      .filter(([entityRef, next]) => {
        const before = previous.get(entityRef);
        return (
          !entityRefs ||
          !before ||
          before.state !== next.state ||
          JSON.stringify(before.failing) !== JSON.stringify(next.failing)
        );
      })
      .map(([entityRef]) => entityRef);
    const changed = new Set(needFacts);
    const facts = await this.#facts.getFacts(needFacts);
    const upserts: TargetRecord[] = [];
    for (const [entityRef, { state, failing }] of states) {
      const before = previous.get(entityRef);
      if (before && !changed.has(entityRef)) continue;
      const entityFacts = facts.get(entityRef);
      const next = nextTargetRecord(
        before,
        {
          campaignRef: campaign.ref,
          entityRef,
          title: titleOf(entityFacts),
          owner: ownerOf(entityFacts),
          state,
          failing,
        },
        now,
      );
      if (!before || JSON.stringify(before) !== JSON.stringify(next)) {
        upserts.push(next);
      }
    }
    const removals = [...previous.keys()].filter(ref => !results.has(ref));
    const progress =
      upserts.length || removals.length
        ? await this.#store.applyTargets(campaign.ref, {
            upserts,
            removals,
            at: now,
          })
        : record.progress;
    await this.#advance(campaign, record, progress, now);
    return progress;
  }

  async #create(campaign: CompiledCampaign, now: Date) {
    const step = nextState(this.#lifecycleInput(campaign, undefined, now));
    await this.#store.transition(campaign.ref, {
      to: step?.to ?? 'scheduled',
      cause: step?.cause ?? 'created',
      at: now,
    });
    // Another replica may have created it first: read what is stored.
    return (await this.#store.getCampaign(campaign.ref))!;
  }

  #lifecycleInput(
    campaign: CompiledCampaign,
    record: CampaignRecord | undefined,
    now: Date,
    newWork = 0,
  ): LifecycleInput {
    const { spec } = campaign.entity;
    return {
      current: record?.state,
      draft: spec.draft === true,
      startDate: spec.startDate,
      dueDate: spec.dueDate,
      completeWhen: spec.onCompletion?.when ?? 'allPass',
      progress: record?.progress ?? progressOf({}),
      newWorkSinceCompletion: newWork,
      now,
    };
  }

  /** Stores the next lifecycle state, if any; tells the ratchet when a campaign completes or re-opens. */
  async #advance(
    campaign: CompiledCampaign,
    record: CampaignRecord,
    progress: CampaignProgress,
    now: Date,
  ): Promise<void> {
    const checkIds = campaign.checks.map(c => c.id);
    const newWork =
      record.state === 'completed'
        ? await this.#newWork(campaign.ref, record, checkIds)
        : 0;
    const input = this.#lifecycleInput(campaign, record, now, newWork);
    const step = nextState({ ...input, progress });
    if (!step) return;
    const moved = await this.#store.transition(campaign.ref, {
      from: record.state,
      to: step.to,
      cause: step.cause,
      at: now,
      completedChecks: checkIds,
    });
    if (!moved) return; // another replica stored this transition
    this.#logger.info('Campaign moved', {
      campaignRef: campaign.ref,
      from: record.state,
      to: step.to,
      cause: step.cause,
    });
    const completedNow = step.to === 'completed';
    if (completedNow || record.state === 'completed') {
      await this.#onCompletion?.(campaign, completedNow).catch(error =>
        this.#logger.warn('Could not apply the campaign completion', {
          campaignRef: campaign.ref,
          error: String(error),
        }),
      );
    }
  }

  /** Targets not done because of work added after completion (the re-open rule of lifecycle.ts). */
  async #newWork(
    campaignRef: string,
    record: CampaignRecord,
    checkIds: string[],
  ): Promise<number> {
    const completedAt = record.completedAt ?? '';
    const known = new Set(record.completedChecks ?? checkIds);
    const added = checkIds.some(id => !known.has(id));
    const targets = await this.#store.getTargets(campaignRef);
    return targets.filter(
      t =>
        !isDone(t.state) &&
        (t.joinedAt > completedAt ||
          (t.state === 'notStarted' && added) ||
          t.failing.some(f => !known.has(f.checkId))),
    ).length;
  }

  /** Results of the campaign's checks by entity; an entity with none is not a target (any more). */
  async #readResults(
    campaignRef: string,
    checkIds: string[],
    entityRefs: string[] | undefined,
  ): Promise<Map<string, TargetCheckResult[]>> {
    const byEntity = new Map<string, TargetCheckResult[]>();
    for (const checkId of checkIds) {
      const items = [];
      if (entityRefs) {
        const page = await this.#results.getResultsForCheck(
          campaignRef,
          checkId,
          { entityRefs, limit: Math.max(1, entityRefs.length) },
        );
        items.push(...page.items);
      } else {
        for (let offset = 0; ; offset += FULL_PAGE) {
          const page = await this.#results.getResultsForCheck(
            campaignRef,
            checkId,
            { limit: FULL_PAGE, offset },
          );
          items.push(...page.items);
          if (offset + FULL_PAGE >= page.total) break;
        }
      }
      for (const r of items) {
        const list = byEntity.get(r.entityRef) ?? [];
        list.push({
          checkId,
          status: r.status,
          message: r.message,
          ...(r.failing ? { failing: r.failing } : {}),
        });
        byEntity.set(r.entityRef, list);
      }
    }
    return byEntity;
  }
}

function titleOf(facts: EntityFacts | undefined): string | undefined {
  const metadata = facts?.catalog?.metadata;
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    const title = (metadata as Record<string, unknown>).title;
    if (typeof title === 'string') return title;
  }
  return undefined;
}

/** The owner ref the catalog fact source recorded (lowercased), or null. */
export function ownerOf(facts: EntityFacts | undefined): string | null {
  const owner = facts?.catalog?.owner;
  if (
    owner &&
    typeof owner === 'object' &&
    !Array.isArray(owner) &&
    typeof owner.ref === 'string'
  ) {
    return owner.ref.toLocaleLowerCase('en-US');
  }
  return null;
}

/** Completed campaigns and when they completed: what the definitions compiler ratchets into scorecards. */
export async function ratchetedCampaigns(
  store: Pick<CampaignStore, 'listCampaigns'>,
): Promise<Map<string, string>> {
  const completed = (await store.listCampaigns()).filter(
    c => c.state === 'completed' && c.completedAt,
  );
  return new Map(completed.map(c => [c.campaignRef, c.completedAt!]));
}
