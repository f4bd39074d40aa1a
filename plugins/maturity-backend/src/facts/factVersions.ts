import { Knex } from 'knex';
import { chunk, distinct, whereInSize } from '../database/bulk';

/**
 * The version of each entity's stored facts: its sources' content hashes, in one string. An entity without
 * facts is absent. Evaluations read it before the facts they evaluate and compare it again, under the
 * results' row lock, before they write: results computed from facts that changed meanwhile are stale.
 */
export async function readFactVersions(
  db: Knex,
  entityRefs: readonly string[],
  bindingLimit: number,
): Promise<Map<string, string>> {
  const parts = new Map<string, string[]>();
  for (const refs of chunk(
    distinct([...entityRefs]),
    whereInSize(bindingLimit),
  )) {
    const rows: Array<{ entity_ref: string; source: string; hash: string }> =
      await db('maturity_facts')
        .select('entity_ref', 'source', 'hash')
        .whereIn('entity_ref', refs);
    for (const row of rows) {
      const list = parts.get(row.entity_ref) ?? [];
      list.push(`${row.source}=${row.hash}`);
      parts.set(row.entity_ref, list);
    }
  }
  return new Map([...parts].map(([ref, list]) => [ref, list.sort().join(',')]));
}

/** The entities whose facts are no longer the version an evaluation read. */
export function staleEntities(
  entityRefs: readonly string[],
  read: ReadonlyMap<string, string>,
  now: ReadonlyMap<string, string>,
): Set<string> {
  return new Set(
    entityRefs.filter(ref => (read.get(ref) ?? '') !== (now.get(ref) ?? '')),
  );
}
