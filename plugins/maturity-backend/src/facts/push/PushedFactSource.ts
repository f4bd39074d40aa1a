import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds, type JsonObject } from '@backstage/types';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';

/** The id of the built-in push-only source. */
export const PUSHED_SOURCE_ID = 'pushed';

/** Any JSON object: the structural limits every push obeys (depth, string length) still apply. */
const DEFAULT_SCHEMA: JsonObject = {
  type: 'object',
  description:
    'Any JSON object, nested at most 8 levels, strings at most 10,000 characters. Narrow it with maturity.sources.pushed.schema.',
};

/** A fact computed at evaluation time: whole days since the timestamp at `daysSince` (same source). */
export interface DerivedTimeFact {
  /** Dot path of the derived fact inside the source, e.g. `ci.lastDeployDays`. */
  path: string;
  /** Dot path of an ISO 8601 timestamp inside the source, e.g. `ci.lastDeployAt`. */
  daysSince: string;
}

/** Facts at or under `path` are absent once the source's facts are older than `maxAgeMs`. */
export interface FactMaxAge {
  /** Dot path inside the source, e.g. `observability`. */
  path: string;
  maxAgeMs: number;
}

/** The time rules of one source, applied whenever stored facts are read for evaluation. */
export interface FactTimeRules {
  source: string;
  derived: DerivedTimeFact[];
  maxAge: FactMaxAge[];
}

const PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

function readPath(config: Config, key: string): string {
  const path = config.getString(key);
  if (!PATH.test(path)) {
    throw new Error(
      `Invalid config at maturity.sources.pushed.${key}: "${path}" is not a dot path such as ci.lastDeployAt`,
    );
  }
  return path;
}

/** Declares each derived fact in the schema (read-only), so definitions can name it. */
function withDerived(
  schema: JsonObject,
  derived: DerivedTimeFact[],
): JsonObject {
  const root: JsonObject = structuredClone(schema);
  for (const d of derived) {
    let node = root;
    const parts = d.path.split('.');
    for (const part of parts.slice(0, -1)) {
      const props = (node.properties ??= {}) as JsonObject;
      node = (props[part] ??= { type: 'object' }) as JsonObject;
    }
    const props = (node.properties ??= {}) as JsonObject;
    props[parts[parts.length - 1]] = {
      type: 'integer',
      minimum: 0,
      readOnly: true,
      description: `Derived at evaluation time: whole days since ${d.daysSince}.`,
    };
  }
  return root;
}

/**
 * The built-in `pushed` source: facts that CI pipelines and other systems send with `POST /facts`. It
 * collects nothing itself (no `collect`, no schedule); its schema comes from config so that an
 * organisation can declare what its pipelines report.
 */
export class PushedFactSource implements FactSource {
  readonly id = PUSHED_SOURCE_ID;
  readonly mode = 'push' as const;
  readonly title = 'Pushed facts';
  readonly description =
    'Facts pushed by CI pipelines and other systems through POST /facts';
  readonly schema: JsonObject;
  /** Derived time facts and maximum ages (`maturity.sources.pushed.derived` / `.maxAge`). */
  readonly timeRules: FactTimeRules;

  /**
   * Reads `maturity.sources.pushed.schema` (a JSON Schema, draft-07, default any object) and the time
   * rules: `derived: [{ path, daysSince }]` and `maxAge: [{ path, maxAge: <duration> }]`.
   */
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
    const derived = (
      config.getOptionalConfigArray('maturity.sources.pushed.derived') ?? []
    ).map(c => ({
      path: readPath(c, 'path'),
      daysSince: readPath(c, 'daysSince'),
    }));
    const maxAge = (
      config.getOptionalConfigArray('maturity.sources.pushed.maxAge') ?? []
    ).map(c => ({
      path: readPath(c, 'path'),
      maxAgeMs: durationToMilliseconds(
        readDurationFromConfig(c, { key: 'maxAge' }),
      ),
    }));
    return new PushedFactSource(
      withDerived(
        (schema as JsonObject | undefined) ?? DEFAULT_SCHEMA,
        derived,
      ),
      {
        source: PUSHED_SOURCE_ID,
        derived,
        maxAge,
      },
    );
  }

  private constructor(schema: JsonObject, timeRules: FactTimeRules) {
    this.schema = schema;
    this.timeRules = timeRules;
  }
}
