/*
 * Realistic fact changes for the persistence benchmarks: a new CI run, a pod restarting, a dependency bump,
 * an owner fixed. Each change replaces one (entity, source) fact document, as a fact source would.
 */
import type { JsonObject } from '@backstage/types';
import type { FactWrite } from '../../plugins/maturity-backend/src/facts/FactStore';
import { GeneratedEntity, integer, pick, Random } from './generate';

function child(facts: JsonObject, key: string): JsonObject {
  const value = facts[key];
  if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  const created: JsonObject = {};
  facts[key] = created;
  return created;
}

/** Changes a few leaves of one source's facts (in place) so that checks may flip either way. */
function changeSource(source: string, facts: JsonObject, random: Random): void {
  switch (source) {
    case 'pushed':
      child(facts, 'coverage').line = Math.round(random() * 1000) / 10;
      child(facts, 'ci').lastBuild = pick(random, [
        'success',
        'success',
        'failed',
      ]);
      break;
    case 'kubernetes':
      facts.oomKills24h = random() < 0.7 ? 0 : integer(random, 1, 12);
      facts.restarts24h = integer(random, 0, 30);
      break;
    case 'scm':
      child(facts, 'dependencies').outdated = integer(random, 0, 60);
      facts.lastCommitDaysAgo = integer(random, 0, 400);
      break;
    default: {
      const owner = child(facts, 'owner');
      owner.exists = !(owner.exists === true);
      break;
    }
  }
}

/** Changes one source of one entity and returns the write that stores it (the entity is updated too). */
export function changeOne(
  target: GeneratedEntity,
  random: Random,
  source?: string,
): FactWrite {
  const chosen = source ?? pick(random, Object.keys(target.facts));
  // A fresh document, as a source would send: never mutate an object another write may still hold.
  const facts = structuredClone(target.facts[chosen]);
  changeSource(chosen, facts, random);
  target.facts[chosen] = facts;
  return { entityRef: target.entityRef, source: chosen, facts };
}

/** Changes about `fraction` of all (entity, source) fact documents; returns the writes. */
export function changeFraction(
  entities: GeneratedEntity[],
  fraction: number,
  random: Random,
): FactWrite[] {
  const writes: FactWrite[] = [];
  for (const entity of entities) {
    for (const source of Object.keys(entity.facts)) {
      if (random() < fraction) writes.push(changeOne(entity, random, source));
    }
  }
  return writes;
}

/** Every fact document of the entities, grouped by source the way the collector writes them. */
export function factWritesBySource(
  entities: GeneratedEntity[],
): Map<string, FactWrite[]> {
  const bySource = new Map<string, FactWrite[]>();
  for (const { entityRef, facts } of entities) {
    for (const [source, document] of Object.entries(facts)) {
      const list = bySource.get(source) ?? [];
      list.push({ entityRef, source, facts: document });
      bySource.set(source, list);
    }
  }
  return bySource;
}
