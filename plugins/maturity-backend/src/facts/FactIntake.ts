import type { FactKey, FactStore, FactWrite } from './FactStore';

/**
 * Called with the entities whose facts changed (each once). The plugin wires evaluation here, so facts
 * never depend on evaluation; it resolves to the number of (entity, check) evaluations it ran.
 */
export type FactsChangedListener = (
  entityRefs: string[],
) => Promise<{ evaluations: number }>;

/** What one intake did. */
export interface FactIntakeResult {
  /** Keys whose facts changed (or are new), in batch order. */
  changed: FactKey[];
  /** Items whose facts were already stored as they are. */
  unchanged: number;
  /** The entities handed to the listener: changed ones plus any asked for. */
  entityRefs: string[];
  /** Evaluations the listener ran. */
  evaluations: number;
}

/**
 * The one way facts enter the plugin — pushes and both collector paths: store the batch (changes only,
 * one transaction) and then hand the entities whose facts changed to `onFactsChanged`, so that results
 * follow facts without a sweep.
 */
export class FactIntake {
  readonly #facts: FactStore;
  readonly #onFactsChanged: FactsChangedListener;

  /** Creates the intake over the fact store. */
  constructor(options: {
    facts: FactStore;
    onFactsChanged: FactsChangedListener;
  }) {
    this.#facts = options.facts;
    this.#onFactsChanged = options.onFactsChanged;
  }

  /**
   * Stores the writes and re-evaluates the entities whose facts changed, plus `reevaluate` (entities to
   * evaluate even when nothing changed, e.g. on demand); the listener is not called when there are none.
   */
  async write(
    writes: FactWrite[],
    options: { reevaluate?: string[] } = {},
  ): Promise<FactIntakeResult> {
    const written = await this.#facts.writeFacts(writes);
    const entityRefs = [
      ...new Set([
        ...written.changed.map(c => c.entityRef),
        ...(options.reevaluate ?? []),
      ]),
    ];
    const { evaluations } = entityRefs.length
      ? await this.#onFactsChanged(entityRefs)
      : { evaluations: 0 };
    return {
      changed: written.changed,
      unchanged: written.unchanged,
      entityRefs,
      evaluations,
    };
  }
}
