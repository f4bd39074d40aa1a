import { Knex } from 'knex';
import { chunk, distinct, whereInSize } from '../database/bulk';

/** One stored row's key and content hash. */
export interface FactHashRow {
  entity_ref: string;
  source: string;
  hash: string;
}

/** The content hash of every stored (entity, source) among these entities. */
export async function readFactHashes(
  db: Knex,
  entityRefs: readonly string[],
  bindingLimit: number,
): Promise<FactHashRow[]> {
  const rows: FactHashRow[] = [];
  for (const refs of chunk(
    distinct([...entityRefs]),
    whereInSize(bindingLimit),
  )) {
    rows.push(
      ...(await db('maturity_facts')
        .select('entity_ref', 'source', 'hash')
        .whereIn('entity_ref', refs)),
    );
  }
  return rows;
}

/**
 * The version of each entity's stored facts: its sources' content hashes, in one string; an entity without
 * facts is absent. Evaluations take it from the rows they read the facts from and compare it again, under
 * the results' row lock, before they write: results computed from facts that changed meanwhile are stale.
 */
export function factVersionsOf(
  rows: Iterable<FactHashRow>,
): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const row of rows) {
    const list = parts.get(row.entity_ref) ?? [];
    list.push(`${row.source}=${row.hash}`);
    parts.set(row.entity_ref, list);
  }
  return new Map([...parts].map(([ref, list]) => [ref, list.sort().join(',')]));
}

/** The current version of these entities' facts (factVersionsOf over a fresh read). */
export async function readFactVersions(
  db: Knex,
  entityRefs: readonly string[],
  bindingLimit: number,
): Promise<Map<string, string>> {
  return factVersionsOf(await readFactHashes(db, entityRefs, bindingLimit));
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
