import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  RatchetEntityResolver,
  RatchetReferencedKind,
} from '@ratchet/backstage-plugin-maturity-common';

/**
 * The last valid Scorecards and Campaigns one processor instance has seen, so that references to them
 * from other definitions can be checked. It is deliberately partial: the catalog processes entities in
 * no particular order, across replicas, so an entity missing here means "not seen yet", never "absent".
 * Bounded, evicting the least recently stored, so a huge catalog cannot grow it without limit.
 */
export class KnownDefinitions {
  readonly #entities = new Map<string, Entity>();
  readonly #capacity: number;

  constructor(capacity = 1000) {
    this.#capacity = capacity;
  }

  /** Remembers a valid Scorecard or Campaign; other kinds are ignored. */
  remember(entity: Entity): void {
    if (entity.kind !== 'Scorecard' && entity.kind !== 'Campaign') {
      return;
    }
    const key = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    this.#entities.delete(key);
    // A copy: the catalog goes on mutating the entity it processes.
    this.#entities.set(key, structuredClone(entity));
    if (this.#entities.size > this.#capacity) {
      const [oldest] = this.#entities.keys();
      this.#entities.delete(oldest);
    }
  }

  /** How many definitions are known. */
  get size(): number {
    return this.#entities.size;
  }

  /** The resolver passed to `validateRatchetEntity`. */
  readonly resolve: RatchetEntityResolver = (
    kind: RatchetReferencedKind,
    entityRef: string,
  ) => {
    const entity = this.#entities.get(entityRef.toLocaleLowerCase('en-US'));
    return entity?.kind === kind ? entity : undefined;
  };
}
