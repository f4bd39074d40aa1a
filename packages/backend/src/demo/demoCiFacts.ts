/*
 * What the demo CI pushes: examples/repositories/pipelines.yaml turned into `pushed` fact documents, with
 * drift between runs (coverage ±1 point, error rates ±15 %, trace ratios ±0.002, frequent deployers deploy
 * again now and then; the release pipeline's SBOM step does not drift). Pure, so the drift is tested with an
 * injected clock and random source.
 */
import type { JsonObject } from '@backstage/types';

const DAY_MS = 86_400_000;

/** A component's figures. */
export interface ComponentPipeline {
  coverage?: number;
  deployedDaysAgo?: number;
  deploysEveryDays?: number;
  errorRate5xx?: number;
  traceContextRatio?: number;
  /** What the release pipeline's SBOM step produces; `none` when the pipeline has no such step. */
  sbom?: SbomFormat;
}

/** The SBOM formats a release pipeline publishes, or `none`. */
export const SBOM_FORMATS = ['cyclonedx', 'spdx', 'none'] as const;
/** One of {@link SBOM_FORMATS}. */
export type SbomFormat = (typeof SBOM_FORMATS)[number];

/** The whole pipelines file. */
export interface DemoPipelines {
  components: Record<string, ComponentPipeline>;
  apis: Record<string, { lintErrors: number }>;
}

/** What the job remembers between runs of one backend process. */
export interface DemoCiState {
  startedAt: Date;
  /** Entities pushed at least once (APIs are pushed once: their CI runs when the definition changes). */
  pushed: Set<string>;
  /** The last deploy of the services that deployed again since the start. */
  deploys: Map<string, Date>;
}

/** One item of `POST /api/maturity/facts`. */
export interface PushItem {
  entityRef: string;
  source: 'pushed';
  facts: JsonObject;
  observedAt: string;
}

const NUMBER_FIELDS = [
  'coverage',
  'deployedDaysAgo',
  'deploysEveryDays',
  'errorRate5xx',
  'traceContextRatio',
] as const;

/** Validates the parsed pipelines file; errors name the file and the field. */
export function readPipelines(raw: unknown, file: string): DemoPipelines {
  const doc = (raw ?? {}) as Partial<Record<'components' | 'apis', unknown>>;
  const components = (doc.components ?? {}) as Record<
    string,
    ComponentPipeline
  >;
  const apis = (doc.apis ?? {}) as Record<string, { lintErrors: number }>;
  for (const [name, c] of Object.entries(components)) {
    for (const field of NUMBER_FIELDS) {
      if (c?.[field] !== undefined && typeof c[field] !== 'number') {
        throw new Error(
          `${file}: components.${name}.${field} must be a number`,
        );
      }
    }
    if (c?.sbom !== undefined && !SBOM_FORMATS.includes(c.sbom)) {
      throw new Error(
        `${file}: components.${name}.sbom must be one of ${SBOM_FORMATS.join(
          ', ',
        )}`,
      );
    }
  }
  for (const [name, a] of Object.entries(apis)) {
    if (typeof a?.lintErrors !== 'number') {
      throw new Error(`${file}: apis.${name}.lintErrors must be a number`);
    }
  }
  return { components, apis };
}

const clamp = (v: number, lo: number, hi: number) =>
  Math.min(hi, Math.max(lo, v));
const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** The CI/observability document of one component at `now`. */
function componentFacts(
  name: string,
  p: ComponentPipeline,
  state: DemoCiState,
  now: Date,
  random: () => number,
): JsonObject {
  const ci: JsonObject = {};
  const observability: JsonObject = {};
  if (p.coverage !== undefined) {
    ci.testCoverage = round(clamp(p.coverage + (random() * 2 - 1), 0, 100), 1);
  }
  if (p.deployedDaysAgo !== undefined) {
    const initial = new Date(
      state.startedAt.getTime() - p.deployedDaysAgo * DAY_MS,
    );
    // A service that deploys every few days deploys again in a run with a chance of one in ten.
    if (
      p.deploysEveryDays !== undefined &&
      state.pushed.size > 0 &&
      random() < 0.1
    ) {
      state.deploys.set(name, now);
    }
    ci.lastDeployAt = (state.deploys.get(name) ?? initial).toISOString();
  }
  if (p.sbom !== undefined) {
    ci.sbom =
      p.sbom === 'none'
        ? { published: false }
        : { published: true, format: p.sbom };
  }
  if (p.errorRate5xx !== undefined) {
    observability.errorRate5xx = round(
      clamp(p.errorRate5xx * (0.85 + random() * 0.3), 0, 1),
      5,
    );
  }
  if (p.traceContextRatio !== undefined) {
    observability.traceContextRatio = round(
      clamp(p.traceContextRatio + (random() * 0.004 - 0.002), 0, 1),
      4,
    );
  }
  return {
    ...(Object.keys(ci).length ? { ci } : {}),
    ...(Object.keys(observability).length ? { observability } : {}),
  };
}

/**
 * The push of one run: every component of the file that the catalog has, and the APIs not pushed yet.
 * Each document is complete (a push replaces the entity's `pushed` facts).
 */
export function pushItems(
  pipelines: DemoPipelines,
  state: DemoCiState,
  present: ReadonlySet<string>,
  now: Date,
  random: () => number,
): PushItem[] {
  const observedAt = now.toISOString();
  const items: PushItem[] = [];
  for (const [name, p] of Object.entries(pipelines.components)) {
    const entityRef = `component:default/${name}`;
    if (!present.has(entityRef)) continue;
    items.push({
      entityRef,
      source: 'pushed',
      facts: componentFacts(name, p, state, now, random),
      observedAt,
    });
  }
  for (const [name, a] of Object.entries(pipelines.apis)) {
    const entityRef = `api:default/${name}`;
    if (!present.has(entityRef) || state.pushed.has(entityRef)) continue;
    items.push({
      entityRef,
      source: 'pushed',
      facts: { ci: { apiLint: { errors: a.lintErrors } } },
      observedAt,
    });
  }
  return items;
}
