/*
 * The catalog the UI benchmark loads into the real catalog: 10,000 Components from the shared generator
 * (bench/lib/generate.ts, same seed, so the names and annotations every benchmark uses), re-owned by ~50
 * teams, plus their Groups and Systems, and the examples/ratchet definitions (scorecards, campaigns,
 * checklist) so the maturity plugin has something to evaluate.
 */
import type { Entity } from '@backstage/catalog-model';
import fs from 'node:fs';
import path from 'node:path';
import {
  createRandom,
  generateEntities,
  pick,
  SYSTEMS,
  TEAMS,
} from '../lib/generate';

/** What was written, for the waits and the navigation targets of the benchmark. */
export interface BenchCatalog {
  /** The catalog location files, absolute paths. */
  files: string[];
  components: number;
  groups: string[];
  /** Components of type service or website: the ones Service Maturity rates. */
  rated: number;
}

/** `count` team names: the generator's 12 teams first (the example scorecards name some), then numbered. */
export function teamNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    i < TEAMS.length
      ? TEAMS[i]
      : `${TEAMS[i % TEAMS.length]}-${Math.floor(i / TEAMS.length)}`,
  );
}

/**
 * The first `count` Components of the generator: it also makes APIs (about 15 %), which are skipped, so
 * names keep their generator index and stay unique.
 */
function components(count: number): Entity[] {
  const out: Entity[] = [];
  let batch = Math.ceil(count * 1.25);
  while (out.length < count) {
    out.length = 0;
    for (const g of generateEntities(batch)) {
      if (g.entity.kind !== 'Component') continue;
      out.push(g.entity);
      if (out.length === count) break;
    }
    batch *= 2;
  }
  return out;
}

function groupEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, title: `Team ${name}` },
    spec: { type: 'team', children: [], profile: { displayName: name } },
  };
}

function systemEntity(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, description: `The ${name} system` },
    spec: { owner: `group:default/${owner}` },
  };
}

/**
 * One catalog document per line: YAML is a superset of JSON, so `---`-separated JSON documents need no
 * YAML writer and keep the file fast to parse for the catalog.
 */
function writeDocuments(file: string, entities: Entity[]): void {
  fs.writeFileSync(
    file,
    entities.map(e => `---\n${JSON.stringify(e)}\n`).join(''),
  );
}

/** Writes the generated catalog into `directory` and returns the location files to register. */
export function writeBenchCatalog(options: {
  directory: string;
  root: string;
  components: number;
  groups: number;
}): BenchCatalog {
  const groups = teamNames(options.groups);
  // A separate stream for owners: the shared generator's own sequence (and so the data) stays as it is.
  const random = createRandom(7_100_000 + options.groups);
  const entities = components(options.components).map((entity): Entity => {
    const annotations = { ...(entity.metadata.annotations ?? {}) };
    // The catalog sets where an entity comes from itself; a generated value would contradict the file.
    delete annotations['backstage.io/managed-by-location'];
    delete annotations['backstage.io/managed-by-origin-location'];
    return {
      ...entity,
      metadata: { ...entity.metadata, annotations },
      spec: { ...entity.spec, owner: `group:default/${pick(random, groups)}` },
    };
  });
  const rated = entities.filter(e =>
    ['service', 'website'].includes(String(e.spec?.type)),
  ).length;

  // Several files: the catalog processes each location's entities as one batch, and smaller batches
  // spread the ingestion over its processing loop.
  const files: string[] = [];
  const perFile = 1_000;
  for (let i = 0; i < entities.length; i += perFile) {
    const file = path.join(
      options.directory,
      `components-${String(i / perFile).padStart(2, '0')}.yaml`,
    );
    writeDocuments(file, entities.slice(i, i + perFile));
    files.push(file);
  }
  const org = path.join(options.directory, 'org.yaml');
  writeDocuments(org, [
    ...groups.map(groupEntity),
    ...SYSTEMS.map(s => systemEntity(s, pick(random, groups))),
  ]);
  files.push(org);

  const examples = path.join(options.root, 'examples', 'ratchet');
  for (const name of fs.readdirSync(examples).sort()) {
    if (name.endsWith('.yaml')) files.push(path.join(examples, name));
  }
  return { files, components: entities.length, groups, rated };
}
