import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import type { FactWrite } from '../FactStore';
import { spec } from '../../schema/openapi';
import {
  ATTESTATION_SOURCE_ID,
  FactsPushItem,
  FactsPushRequest,
} from '@ratchet/backstage-plugin-maturity-common';
import { checkFactLimits, pathJoin, pointerToPath } from './factLimits';
import { parseDateTime } from '../../http/validation/values';

/** Push sources whose facts have their own writer, with the reason POST /facts gives for refusing them. */
const WRITTEN_ELSEWHERE = new Map([
  [
    ATTESTATION_SOURCE_ID,
    'are written by readiness reviews through their own permissioned routes and cannot be pushed here',
  ],
]);
/** How far in the future `observedAt` may be, for clock skew between CI runners and the backend. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Problems listed in one error message; the count of the rest is given. */
const MAX_LISTED = 50;
const CATALOG_BATCH = 500;

/**
 * Validates a facts push completely before anything is stored: the body against the OpenAPI schema,
 * every item's facts against its source's JSON Schema (compiled once per source) and the limits all
 * facts obey, refs, dates, duplicates, and that every entity exists in the catalog (asked in bulk, with
 * the caller's credentials). Every problem is reported by path in one InputError.
 */
export class PushValidator {
  readonly #catalog: CatalogService;
  readonly #now: () => Date;
  readonly #body: ValidateFunction;
  readonly #sources = new Map<string, ValidateFunction>();
  /** Sources POST /facts refuses, with why: collected ones and those written elsewhere. */
  readonly #refused = new Map<string, string>();
  readonly #knownIds: string[];

  /** Compiles the body schema and every `push` source's schema; throws on a schema that cannot compile. */
  constructor(options: {
    sources: FactSource[];
    catalog: CatalogService;
    now?: () => Date;
  }) {
    this.#catalog = options.catalog;
    this.#now = options.now ?? (() => new Date());
    // Formats are checked by hand (observedAt) so that no extra format plugin is needed.
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      validateFormats: false,
    });
    const schemas = spec.components.schemas;
    this.#body = ajv.compile({
      ...schemas.FactsPushRequest,
      properties: {
        items: {
          ...schemas.FactsPushRequest.properties.items,
          items: schemas.FactsPushItem,
        },
      },
    });
    for (const source of options.sources) {
      const refusal =
        source.mode === 'push'
          ? WRITTEN_ELSEWHERE.get(source.id)
          : 'are collected by the plugin and cannot be pushed';
      if (refusal) {
        this.#refused.set(source.id, refusal);
        continue;
      }
      try {
        this.#sources.set(source.id, ajv.compile(source.schema));
      } catch (error) {
        throw new Error(
          `Fact source '${source.id}' has an invalid schema: ${
            (error as Error).message
          }`,
        );
      }
    }
    this.#knownIds = [...this.#sources.keys()].sort();
  }

  /** Whether POST /facts accepts items of this source. */
  accepts(sourceId: string): boolean {
    return this.#sources.has(sourceId);
  }

  /** The writes of a valid push; InputError listing every problem otherwise. */
  async validate(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<FactWrite[]> {
    const structural = this.#body(body) ? [] : this.#body.errors ?? [];
    const itemIndex = (error: ErrorObject) =>
      /^\/items\/(\d+)(\/|$)/.exec(error.instancePath)?.[1];
    // Without a sound envelope (an object with an items list of the right size) items cannot be checked.
    if (structural.some(error => itemIndex(error) === undefined)) {
      throw invalid(formatAjvErrors(structural, ''));
    }
    const problems = formatAjvErrors(structural, '');
    const malformed = new Set(structural.map(itemIndex));
    const { items } = body as FactsPushRequest;
    const writes: Array<FactWrite | undefined> = items.map((item, index) =>
      malformed.has(String(index))
        ? undefined
        : this.#checkItem(item, `items[${index}]`, problems),
    );
    const seen = new Map<string, number>();
    writes.forEach((write, index) => {
      if (!write) return;
      const key = `${write.entityRef}\u0000${write.source}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        problems.push(
          `items[${index}]: same entityRef and source as items[${first}]`,
        );
    });
    await this.#checkEntitiesExist(writes, credentials, problems);
    if (problems.length) throw invalid(problems);
    return writes as FactWrite[];
  }

  #checkItem(
    item: FactsPushItem,
    at: string,
    problems: string[],
  ): FactWrite | undefined {
    const before = problems.length;
    let entityRef = '';
    try {
      entityRef = stringifyEntityRef(
        parseEntityRef(item.entityRef, { defaultNamespace: 'default' }),
      );
    } catch (error) {
      problems.push(`${at}.entityRef: ${(error as Error).message}`);
    }
    if (entityRef.length > 255)
      problems.push(`${at}.entityRef: longer than 255 characters`);

    const validateFacts = this.#sources.get(item.source);
    const refusal = this.#refused.get(item.source);
    if (refusal) {
      problems.push(`${at}.source: '${item.source}' facts ${refusal}`);
    } else if (!validateFacts) {
      problems.push(
        `${at}.source: unknown fact source '${truncate(
          item.source,
        )}' (known: ${this.#knownIds.join(', ')})`,
      );
    }

    const limits = checkFactLimits(item.facts, `${at}.facts`);
    problems.push(...limits);
    // The source's schema is only asked about facts within the limits: a 10,000-deep object stops here.
    if (validateFacts && limits.length === 0 && !validateFacts(item.facts)) {
      problems.push(
        ...formatAjvErrors(validateFacts.errors ?? [], `${at}.facts`),
      );
    }

    let observedAt: Date | undefined;
    if (item.observedAt !== undefined) {
      // Strict: a real calendar day and offset, years 1970–9999 (year 0 made PostgreSQL answer 500).
      const parsed = parseDateTime(item.observedAt);
      if (typeof parsed === 'string') {
        problems.push(`${at}.observedAt: ${parsed}`);
      } else if (parsed.getTime() > this.#now().getTime() + MAX_CLOCK_SKEW_MS) {
        problems.push(`${at}.observedAt: more than 5 minutes in the future`);
      } else {
        observedAt = parsed;
      }
    }
    if (problems.length > before) return undefined;
    return {
      entityRef,
      source: item.source,
      facts: item.facts,
      ...(observedAt ? { observedAt } : {}),
    };
  }

  async #checkEntitiesExist(
    writes: Array<FactWrite | undefined>,
    credentials: BackstageCredentials,
    problems: string[],
  ) {
    const refs = [...new Set(writes.flatMap(w => (w ? [w.entityRef] : [])))];
    const known = new Set<string>();
    for (let i = 0; i < refs.length; i += CATALOG_BATCH) {
      const part = refs.slice(i, i + CATALOG_BATCH);
      const { items } = await this.#catalog.getEntitiesByRefs(
        {
          entityRefs: part,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      part.forEach((ref, index) => items[index] && known.add(ref));
    }
    writes.forEach((write, index) => {
      if (write && !known.has(write.entityRef)) {
        problems.push(
          `items[${index}].entityRef: no entity ${write.entityRef} in the catalog`,
        );
      }
    });
  }
}

function invalid(problems: string[]): InputError {
  const listed = problems.slice(0, MAX_LISTED);
  const more =
    problems.length > MAX_LISTED
      ? `; … and ${problems.length - MAX_LISTED} more`
      : '';
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return new InputError(
    `Invalid facts push (${problems.length} ${noun}): ${listed.join(
      '; ',
    )}${more}`,
  );
}

/** Ajv errors as `path: message` under `base` (`body` for the root), naming missing and unexpected properties. */
export function formatAjvErrors(errors: ErrorObject[], base: string): string[] {
  return errors.map(error => {
    const path = pointerToPath(base, error.instancePath) || 'body';
    const params = error.params as Record<string, unknown>;
    if (
      error.keyword === 'required' &&
      typeof params.missingProperty === 'string'
    ) {
      return `${pathJoin(
        base || error.instancePath ? path : '',
        params.missingProperty,
      )}: is required`;
    }
    if (
      error.keyword === 'additionalProperties' &&
      typeof params.additionalProperty === 'string'
    ) {
      const key = truncate(params.additionalProperty);
      return `${pathJoin(
        base || error.instancePath ? path : '',
        key,
      )}: is not allowed`;
    }
    return `${path}: ${error.message ?? 'is invalid'}`;
  });
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
