import type { Config } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';

/** The id of the built-in push-only source. */
export const PUSHED_SOURCE_ID = 'pushed';

/** Any JSON object: the structural limits every push obeys (depth, string length) still apply. */
const DEFAULT_SCHEMA: JsonObject = {
  type: 'object',
  description:
    'Any JSON object, nested at most 8 levels, strings at most 10,000 characters. Narrow it with maturity.sources.pushed.schema.',
};

/**
 * The built-in `pushed` source: facts that CI pipelines and other systems send with `POST /facts`. It
 * collects nothing itself (no `collect`, no schedule); its schema comes from config so that an
 * organisation can declare what its pipelines report.
 */
export class PushedFactSource implements FactSource {
  readonly id = PUSHED_SOURCE_ID;
  readonly title = 'Pushed facts';
  readonly description =
    'Facts pushed by CI pipelines and other systems through POST /facts';
  readonly schema: JsonObject;

  /** Reads `maturity.sources.pushed.schema` (a JSON Schema, draft-07), or accepts any object. */
  static fromConfig(config: Config): PushedFactSource {
    const schema = config.getOptional('maturity.sources.pushed.schema');
    if (
      schema !== undefined &&
      (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    ) {
      throw new Error(
        'maturity.sources.pushed.schema must be a JSON Schema object',
      );
    }
    return new PushedFactSource(
      (schema as JsonObject | undefined) ?? DEFAULT_SCHEMA,
    );
  }

  private constructor(schema: JsonObject) {
    this.schema = schema;
  }
}
