import type { Entity } from '@backstage/catalog-model';
import type {
  BlockingCheck,
  CampaignEntityV1alpha1,
  CheckResultView,
  EntityCampaign,
  EntityScorecard,
  EntityView,
  Level,
  LevelReached,
  ResultCounts,
  ScorecardEntityV1alpha1,
} from '@ratchet/backstage-plugin-maturity-common';
import type { Exemption } from '../exemptions/ExemptionStore';
import { computeLevel } from '../evaluation';
import type {
  StoredCheckResult,
  StoredLevel,
  CompiledDefinition,
  DefinitionCheck,
} from '../evaluation';

/** Everything stored about one entity that its view is built from. */
export interface EntityState {
  /** The entity ref. */
  entityRef: string;
  /** The entity as the caller sees it in the catalog. */
  entity: Entity;
  /** The compiled definitions. */
  definitions: CompiledDefinition[];
  /** Its current results. */
  results: StoredCheckResult[];
  /** Its stored level per scorecard ref. */
  levels: Map<string, StoredLevel>;
  /** Its requested and approved exemptions. */
  exemptions: Exemption[];
}

type Definition<K extends CompiledDefinition['kind']> = CompiledDefinition & {
  kind: K;
};

/** Levels of a scorecard as the API shows them. */
export function levelsOf(definition: CompiledDefinition): Level[] {
  if (definition.kind !== 'Scorecard') return [];
  return (definition.entity as ScorecardEntityV1alpha1).spec.levels.map(l => ({
    id: l.id,
    title: l.title,
    ...(l.description ? { description: l.description } : {}),
    ...(l.color ? { color: l.color } : {}),
  }));
}

/** The display title of a definition. */
export function titleOf(definition: CompiledDefinition): string {
  return definition.entity.metadata.title ?? definition.entity.metadata.name;
}

/** A level index as the API shows it. */
export function levelReached(levels: Level[], index: number): LevelReached {
  const level = index >= 0 ? levels[index] : undefined;
  return {
    id: level?.id ?? null,
    title: level?.title ?? null,
    index: level ? index : -1,
  };
}

/** Builds what `GET /entities/...` answers from the stored state of one entity. */
export function buildEntityView(state: EntityState): EntityView {
  const results = new Map(
    state.results.map(r => [`${r.definitionRef}|${r.checkId}`, r]),
  );
  const exemptions = exemptionsByCheck(state.exemptions);
  const rated = (d: CompiledDefinition) =>
    d.appliesTo(state.entity) ||
    state.results.some(r => r.definitionRef === d.ref);
  const checkViews = (d: CompiledDefinition) =>
    d.checks.map(c =>
      checkView(
        c,
        results.get(`${d.ref}|${c.id}`),
        exemptions.get(`${d.ref}|${c.id}`),
      ),
    );

  const scorecards = state.definitions
    .filter(
      (d): d is Definition<'Scorecard'> => d.kind === 'Scorecard' && rated(d),
    )
    .map(d => scorecardView(d, checkViews(d), state.levels.get(d.ref)));
  const campaigns = state.definitions
    .filter(
      (d): d is Definition<'Campaign'> => d.kind === 'Campaign' && rated(d),
    )
    .map((d): EntityCampaign => {
      const checks = checkViews(d);
      const spec = (d.entity as CampaignEntityV1alpha1).spec;
      return {
        ref: d.ref,
        title: titleOf(d),
        startDate: spec.startDate,
        dueDate: spec.dueDate,
        counts: countsOf(checks),
        checks,
      };
    });
  return { entityRef: state.entityRef, scorecards, campaigns };
}

function scorecardView(
  definition: CompiledDefinition,
  checks: CheckResultView[],
  stored: StoredLevel | undefined,
): EntityScorecard {
  const levels = levelsOf(definition);
  const evaluated = Boolean(stored) || checks.some(c => c.status !== 'pending');
  // The stored level is what gates and roll-ups see; before the first write it is computed the same way.
  let index = -1;
  if (stored) index = stored.levelIndex;
  else if (evaluated) {
    index = computeLevel(
      definition.levels,
      checks
        .filter(c => c.level && c.status !== 'pending')
        .map(c => ({
          level: c.level!,
          status:
            c.effective && c.status !== 'pending' ? c.status : 'not-applicable',
        })),
    ).levelIndex;
  }
  const counts = stored
    ? {
        passed: stored.passed,
        failed: stored.failed,
        errored: stored.errored,
        total: stored.total,
      }
    : countsOf(checks);
  return {
    ref: definition.ref,
    title: titleOf(definition),
    evaluated,
    level: levelReached(levels, index),
    levels,
    categories: categoriesOf(definition),
    counts,
    checks,
    nextLevel: nextLevelOf(levels, index, checks),
  };
}

/**
 * "Why am I not Gold": the level after the one reached, and every effective check of it or below that
 * fails, errors or has not been evaluated yet — fixing exactly these reaches it.
 */
export function nextLevelOf(
  levels: Level[],
  index: number,
  checks: CheckResultView[],
): EntityScorecard['nextLevel'] {
  const nextIndex = index + 1;
  if (nextIndex >= levels.length) return null;
  const position = new Map(levels.map((l, i) => [l.id, i]));
  const blocking: BlockingCheck[] = checks
    .filter(c => {
      const at = c.level !== undefined ? position.get(c.level) : undefined;
      return (
        at !== undefined &&
        at <= nextIndex &&
        c.effective &&
        (c.status === 'fail' || c.status === 'error' || c.status === 'pending')
      );
    })
    .sort((a, b) => position.get(a.level!)! - position.get(b.level!)!)
    .map(c => ({
      id: c.id,
      title: c.title,
      level: c.level!,
      ...(c.category ? { category: c.category } : {}),
      status: c.status,
      message: c.message,
      ...(c.remediation ? { remediation: c.remediation } : {}),
    }));
  return { level: levels[nextIndex], index: nextIndex, blocking };
}

/** A check definition and its result (if any) as the API shows them. */
export function checkView(
  check: DefinitionCheck,
  result: StoredCheckResult | undefined,
  exemption?: Exemption,
): CheckResultView {
  return {
    id: check.id,
    title: check.check.title,
    ...(check.check.description
      ? { description: check.check.description }
      : {}),
    ...(check.level ? { level: check.level } : {}),
    ...(check.category ? { category: check.category } : {}),
    ...(check.check.remediation
      ? { remediation: check.check.remediation }
      : {}),
    status: result?.status ?? 'pending',
    message: result?.message ?? 'Not evaluated yet',
    ...(result?.failing ? { failing: result.failing } : {}),
    ...(result ? { since: result.since, evaluatedAt: result.evaluatedAt } : {}),
    effective: check.compiled.isEffective(),
    ...(exemption ? { exemption } : {}),
  };
}

/** Counts as the stored level has them (computeLevel): checks that do not count yet are left out. */
function countsOf(checks: CheckResultView[]): ResultCounts {
  const counts = { passed: 0, failed: 0, errored: 0, total: 0 };
  for (const c of checks) {
    if (!c.effective) continue;
    if (c.status === 'pass' || c.status === 'exempt') counts.passed += 1;
    else if (c.status === 'fail') counts.failed += 1;
    else if (c.status === 'error') counts.errored += 1;
    else continue;
    counts.total += 1;
  }
  return counts;
}

/** The categories of a scorecard as the API shows them. */
export function categoriesOf(definition: CompiledDefinition) {
  if (definition.kind !== 'Scorecard') return [];
  return (definition.entity as ScorecardEntityV1alpha1).spec.categories.map(
    c => ({
      id: c.id,
      title: c.title,
      ...(c.description ? { description: c.description } : {}),
    }),
  );
}

/** Per check, the exemption worth showing: an active one, else a pending request. */
function exemptionsByCheck(exemptions: Exemption[]): Map<string, Exemption> {
  const byCheck = new Map<string, Exemption>();
  for (const e of exemptions) {
    const key = `${e.definitionRef}|${e.checkId}`;
    const current = byCheck.get(key);
    if (e.active || (!current && e.status === 'requested')) byCheck.set(key, e);
  }
  return byCheck;
}
