/*
 * Deterministic data for Ratchet benchmarks: a catalog of entities with their facts, and a set of checks of
 * realistic shapes. Every benchmark (rule evaluation, DB persistence, the Tech Insights comparison) builds
 * on these, so that figures from different benchmarks describe the same workload.
 */
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';

/** A seeded pseudo-random generator returning floats in [0, 1): the same seed gives the same data. */
export type Random = () => number;

/** The seed every benchmark uses unless it says otherwise. */
export const BENCH_SEED = 20250601;

/** mulberry32: small, fast and good enough for test data; never for anything secret. */
export function createRandom(seed: number = BENCH_SEED): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One item of a list, uniformly. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** An integer in [min, max]. */
export function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** An entity of the generated catalog with the facts every source reported for it. */
export interface GeneratedEntity {
  /** The catalog entity (Component or API). */
  entity: Entity;
  /** Its ref, e.g. `component:default/payments-api-17`. */
  entityRef: string;
  /** Facts by source: catalog always, kubernetes / scm / pushed for most. */
  facts: EntityFacts;
}

/** The team names generated entities are owned by. */
export const TEAMS = [
  'payments',
  'checkout',
  'search',
  'identity',
  'platform',
  'data',
  'mobile',
  'growth',
  'billing',
  'notifications',
  'catalog',
  'infra',
];
/** The systems generated entities belong to. */
export const SYSTEMS = [
  'storefront',
  'payments',
  'identity',
  'analytics',
  'platform',
  'messaging',
];
const WORDS = [
  'api',
  'service',
  'worker',
  'gateway',
  'web',
  'ingest',
  'sync',
  'export',
  'auth',
  'ledger',
  'cart',
  'orders',
  'profile',
  'events',
  'jobs',
];
const LIFECYCLES = [
  'production',
  'production',
  'production',
  'staging',
  'experimental',
  'deprecated',
];
const TYPES = ['service', 'service', 'service', 'website', 'library'];
const LANGUAGES = ['java', 'kotlin', 'python', 'go', 'typescript'];
const TAG_POOL = [
  'pci',
  'pii',
  'public-data',
  'grpc',
  'rest',
  'kafka',
  'postgres',
  'redis',
  'tier-1',
  'tier-2',
];
const PYTHON = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.12.4', '3.13'];
const NODE = ['16.20.2', '18.19.1', '20.11.1', '20.15.0', '22.3.0', 'v22.11.0'];
const FRAMEWORK = [
  '1.9.4',
  '2.0.0-rc.2',
  '2.1.0',
  '2.3.1',
  'v3.0.0',
  '3.1.0-beta.1',
  'unknown',
];

function tags(random: Random, language: string): string[] {
  const result = [language];
  for (const tag of TAG_POOL) if (random() < 0.15) result.push(tag);
  return result;
}

function annotations(random: Random, name: string): Record<string, string> {
  const result: Record<string, string> = {
    'backstage.io/managed-by-location': `url:https://github.com/acme/${name}/blob/main/catalog-info.yaml`,
  };
  if (random() < 0.85) result['github.com/project-slug'] = `acme/${name}`;
  if (random() < 0.6) result['backstage.io/techdocs-ref'] = 'dir:.';
  if (random() < 0.5)
    result['pagerduty.com/service-id'] = `P${integer(random, 10000, 99999)}`;
  if (random() < 0.7) result['backstage.io/kubernetes-id'] = name;
  if (random() < 0.3) result['sonarqube.org/project-key'] = `acme_${name}`;
  return result;
}

function kubernetesFacts(random: Random, name: string): JsonObject {
  const desired = integer(random, 1, 6);
  const containers = Array.from({ length: integer(random, 1, 3) }, (_, i) => ({
    name:
      i === 0 ? 'app' : pick(random, ['envoy', 'fluent-bit', 'otel-collector']),
    image: `registry.acme.io/${name}:${integer(random, 1, 4)}.${integer(
      random,
      0,
      20,
    )}.${integer(random, 0, 9)}`,
  }));
  return {
    replicas: {
      desired,
      ready: Math.max(
        0,
        desired - (random() < 0.15 ? integer(random, 1, desired) : 0),
      ),
    },
    oomKills24h: random() < 0.7 ? 0 : integer(random, 1, 12),
    restarts24h: integer(random, 0, 30),
    hpa: {
      enabled: random() < 0.55,
      minReplicas: integer(random, 1, 3),
      maxReplicas: integer(random, 3, 20),
    },
    resources: {
      cpuRequestMillis: integer(random, 50, 2000),
      memoryLimitMi: integer(random, 128, 4096),
    },
    probes: { liveness: random() < 0.8, readiness: random() < 0.75 },
    podDisruptionBudget: random() < 0.4,
    containers,
    namespace: `team-${pick(random, TEAMS)}`,
  };
}

function scmFacts(random: Random, language: string): JsonObject {
  const files: JsonObject = {
    'README.md': { exists: random() < 0.92 },
    CODEOWNERS: { exists: random() < 0.6 },
    '.github/workflows/ci.yml': { exists: random() < 0.8 },
    'catalog-info.yaml': { exists: true },
  };
  const runtime: JsonObject = {};
  if (language === 'python') {
    files['pyproject.toml'] = {
      exists: random() < 0.7,
      size: integer(random, 200, 3000),
    };
    runtime.python = pick(random, PYTHON);
  }
  if (language === 'typescript') {
    files['package.json'] = { exists: true };
    runtime.node = pick(random, NODE);
  }
  return {
    files,
    language,
    runtime,
    defaultBranch: random() < 0.85 ? 'main' : 'master',
    branchProtection: random() < 0.7,
    lastCommitDaysAgo: integer(random, 0, 400),
    dependencies: {
      count: integer(random, 5, 400),
      outdated: integer(random, 0, 60),
      vulnerable: {
        critical: random() < 0.85 ? 0 : integer(random, 1, 4),
        high: integer(random, 0, 9),
      },
    },
  };
}

function pushedFacts(random: Random): JsonObject {
  return {
    coverage: { line: Math.round(random() * 1000) / 10 },
    ci: {
      passRate: Math.round((0.6 + random() * 0.4) * 1000) / 1000,
      lastBuild: pick(random, ['success', 'success', 'failed']),
    },
    sonar: {
      bugs: integer(random, 0, 40),
      qualityGate: pick(random, ['OK', 'OK', 'ERROR']),
    },
    dora: {
      deploysPerWeek: integer(random, 0, 40),
      leadTimeHours: integer(random, 1, 400),
    },
    frameworkVersion: pick(random, FRAMEWORK),
  };
}

/** `count` entities with their facts (~30 leaf facts each); the same seed always gives the same catalog. */
export function generateEntities(
  count = 10_000,
  seed: number = BENCH_SEED,
): GeneratedEntity[] {
  const random = createRandom(seed);
  const result: GeneratedEntity[] = [];
  for (let i = 0; i < count; i++) {
    const isApi = random() < 0.15;
    const kind = isApi ? 'API' : 'Component';
    // A few names break the naming convention, so that regex checks fail somewhere.
    const base = `${pick(random, WORDS)}-${pick(random, WORDS)}-${i}`;
    const name = random() < 0.05 ? base.replace(/-/g, '_').toUpperCase() : base;
    const language = pick(random, LANGUAGES);
    const owner =
      random() < 0.5
        ? pick(random, TEAMS)
        : `group:default/${pick(random, TEAMS)}`;
    const lifecycle = pick(random, LIFECYCLES);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name,
        namespace: 'default',
        title: name.replace(/-/g, ' '),
        description:
          random() < 0.8
            ? `The ${name} of the ${pick(random, SYSTEMS)} system`
            : undefined,
        tags: tags(random, language),
        annotations: annotations(random, name),
      },
      spec: {
        type: isApi
          ? pick(random, ['openapi', 'grpc', 'asyncapi'])
          : pick(random, TYPES),
        lifecycle,
        owner,
        system: random() < 0.85 ? pick(random, SYSTEMS) : undefined,
      },
    };
    if (entity.metadata.description === undefined)
      delete entity.metadata.description;
    if (entity.spec?.system === undefined) delete entity.spec?.system;
    const metadataAnnotations = entity.metadata.annotations ?? {};
    const catalog: JsonObject = {
      kind,
      metadata: entity.metadata as unknown as JsonObject,
      spec: (entity.spec ?? {}) as JsonObject,
      hasRepo: Boolean(metadataAnnotations['github.com/project-slug']),
      hasDocs: Boolean(metadataAnnotations['backstage.io/techdocs-ref']),
      owner:
        random() < 0.95
          ? { exists: true, ref: owner, kind: 'group' }
          : { exists: false },
    };
    const facts: EntityFacts = { catalog };
    const isService = !isApi && entity.spec?.type === 'service';
    if (isService && random() < 0.85)
      facts.kubernetes = kubernetesFacts(random, name);
    if (random() < 0.9) facts.scm = scmFacts(random, language);
    if (random() < 0.75) facts.pushed = pushedFacts(random);
    result.push({
      entity,
      entityRef: `${kind.toLowerCase()}:default/${name}`,
      facts,
    });
  }
  return result;
}

export { generateChecks } from './checks';
