import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';
import type { FactStore } from '../../facts/FactStore';
import type { FactTimeRules } from '../../facts/push/PushedFactSource';
import { withApprovalAgesOf } from './approvalAges';
import { applyTimeRulesToEntities } from './timeRules';

/**
 * The fact store as evaluation reads it: facts come back with the sources' time rules applied at the
 * clock's now (derived day counts grow between pushes; facts past their max age are absent), so every
 * reader — sweep, incremental evaluation, campaigns — sees the same facts; readiness sign-offs get their
 * age (approvalAges.ts). Writes pass through.
 */
export function withTimeRules(
  store: FactStore,
  rules: FactTimeRules[],
  now: () => Date = () => new Date(),
): FactStore {
  const active = rules.filter(r => r.derived.length > 0 || r.maxAge.length > 0);
  const aged = active.filter(r => r.maxAge.length > 0).map(r => r.source);
  const withRules = async (
    entityRefs: string[],
    facts: Map<string, EntityFacts>,
  ): Promise<Map<string, EntityFacts>> => {
    const observedAt = aged.length
      ? await store.getObservedAt(entityRefs, aged)
      : new Map<string, Map<string, Date>>();
    const at = now();
    return withApprovalAgesOf(
      active.length
        ? applyTimeRulesToEntities(facts, active, observedAt, at)
        : facts,
      at,
    );
  };
  return {
    // Writes to sources with max ages are dated, so that a resend of the same facts keeps them fresh.
    writeFacts: batch =>
      store.writeFacts(
        batch.map(w =>
          w.observedAt || !aged.includes(w.source)
            ? w
            : { ...w, observedAt: now() },
        ),
      ),
    listEntityRefs: () => store.listEntityRefs(),
    deleteEntities: refs => store.deleteEntities(refs),
    retainOnly: live => store.retainOnly(live),
    pruneChanges: options => store.pruneChanges(options),
    getFactHistory: (ref, source, limit) =>
      store.getFactHistory(ref, source, limit),
    getObservedAt: (refs, sources) => store.getObservedAt(refs, sources),
    async getFacts(entityRefs: string[]): Promise<Map<string, EntityFacts>> {
      return withRules(entityRefs, await store.getFacts(entityRefs));
    },
    async getFactsAndVersions(entityRefs: string[]) {
      const read = await store.getFactsAndVersions(entityRefs);
      return { ...read, facts: await withRules(entityRefs, read.facts) };
    },
  };
}
