import type { JsonObject } from '@backstage/types';
import {
  fileKind,
  normalisePythonName,
  npmSpecVersion,
  ownerMatches,
  ParsedFile,
  requirementVersion,
  yarnLocked,
} from './parsers';

/** What was learnt about one file of a repository. */
export type FileObservation =
  | { exists: false }
  | { exists: true; parsed: ParsedFile }
  | { exists: true; error: string };

/** The ecosystems whose dependencies the source reads. */
export type Ecosystem = 'python' | 'javascript' | 'go';

/** Header-propagation libraries per ecosystem (Python names PEP 503-normalised). */
export type HeaderLibraries = Partial<Record<Ecosystem, string[]>>;

/** Everything the file facts of one repository derive from. */
export interface RepositoryObservation {
  /** Configured paths in order, each with what was found. */
  files: Array<{ path: string; observation: FileObservation }>;
  /** Files reached through `-r` from a requirements file (not configured, so not reported as files). */
  included?: Array<{ path: string; observation: FileObservation }>;
  /** The catalog owner (`spec.owner`) and the entity's namespace. */
  owner?: string;
  namespace?: string;
  /** The main language, when the host reports one (lowercased). */
  language?: string;
  /** Header-propagation libraries; none configured means the fact is absent. */
  headerLibraries: HeaderLibraries;
}

/** The dependency name reserved for Dependabot counts (`scm.dependencies.vulnerable.critical`). */
export const RESERVED_DEPENDENCY = 'vulnerable';

const MANAGERS: Record<Ecosystem, string[]> = {
  python: ['poetry', 'uv', 'pip'],
  javascript: ['pnpm', 'yarn', 'npm'],
  go: ['go'],
};

const LANGUAGE_ECOSYSTEM: Record<string, Ecosystem> = {
  python: 'python',
  javascript: 'javascript',
  typescript: 'javascript',
  go: 'go',
};

type Parsed<K extends ParsedFile['kind']> = Extract<ParsedFile, { kind: K }>;

const CODEOWNERS_PRECEDENCE = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];

/** Turns the observed files of one repository into `scm` facts (GitHub facts are added by the source). */
export function deriveFacts(repo: RepositoryObservation): JsonObject {
  const all = [...repo.files, ...(repo.included ?? [])];
  const present = all.flatMap(({ path, observation }) =>
    observation.exists && 'parsed' in observation
      ? [{ path, parsed: observation.parsed }]
      : [],
  );
  const byKind = <K extends ParsedFile['kind']>(kind: K): Parsed<K>[] =>
    present.filter(f => f.parsed.kind === kind).map(f => f.parsed as Parsed<K>);
  const exists = (kind: ParsedFile['kind']) =>
    all.some(f => f.observation.exists && fileKind(f.path) === kind);
  const someFileBroken = all.some(f => 'error' in f.observation);

  const facts: JsonObject = {};
  const files: JsonObject = {};
  const errors: JsonObject = {};
  for (const { path, observation } of all) {
    if (repo.files.some(f => f.path === path)) {
      files[path] = { exists: observation.exists };
    }
    if ('error' in observation) errors[path] = observation.error;
  }
  facts.files = files;
  if (Object.keys(errors).length) facts.errors = errors;

  // Dependencies per ecosystem
  const deps: Record<Ecosystem, Record<string, string>> = {
    python: pythonDependencies(byKind),
    javascript: javascriptDependencies(byKind),
    go: Object.assign({}, ...byKind('go.mod').map(g => g.value.requires)),
  };

  // Package managers
  const managers: Record<Ecosystem, Set<string>> = {
    python: new Set(),
    javascript: new Set(),
    go: new Set(),
  };
  const pyprojects = byKind('pyproject');
  if (exists('poetry.lock') || pyprojects.some(p => p.value.poetry)) {
    managers.python.add('poetry');
  }
  if (exists('uv.lock') || pyprojects.some(p => p.value.uv))
    managers.python.add('uv');
  if (
    exists('requirements') ||
    (exists('pyproject') && managers.python.size === 0)
  ) {
    managers.python.add('pip');
  }
  const declared = byKind('package.json').flatMap(p =>
    p.value.packageManager ? [p.value.packageManager] : [],
  );
  if (exists('pnpm-lock') || declared.includes('pnpm'))
    managers.javascript.add('pnpm');
  if (exists('yarn.lock') || declared.includes('yarn'))
    managers.javascript.add('yarn');
  if (
    exists('package-lock') ||
    declared.includes('npm') ||
    (exists('package.json') && managers.javascript.size === 0)
  ) {
    managers.javascript.add('npm');
  }
  if (exists('go.mod')) managers.go.add('go');

  const ecosystems = (Object.keys(MANAGERS) as Ecosystem[]).filter(
    e => managers[e].size > 0,
  );
  const ranked = (e: Ecosystem) => MANAGERS[e].filter(m => managers[e].has(m));
  const main = mainEcosystem(ecosystems, deps, repo.language);
  if (main) {
    facts.packageManager = ranked(main)[0];
    facts.packageManagers = [
      main,
      ...ecosystems.filter(e => e !== main),
    ].flatMap(ranked);
  }

  // The main ecosystem's names win a clash.
  const dependencies: JsonObject = {};
  for (const ecosystem of [
    ...ecosystems.filter(e => e !== main),
    ...(main ? [main] : []),
  ]) {
    Object.assign(dependencies, deps[ecosystem]);
  }
  delete dependencies[RESERVED_DEPENDENCY];
  facts.dependencies = dependencies;

  const docker = byKind('dockerfile')[0];
  if (docker) {
    facts.docker = {
      baseImage: docker.value.baseImage,
      pinned: docker.value.pinned,
    };
  }

  const codeowners = codeownersOf(repo.files);
  if (codeowners) {
    facts.codeowners = {
      owners: codeowners.value.owners,
      ...(repo.owner && {
        matchesOwner: ownerMatches(
          repo.owner,
          codeowners.value.owners,
          repo.namespace,
        ),
      }),
    };
  }

  const propagation = headerPropagation(
    repo.headerLibraries,
    deps,
    someFileBroken,
  );
  if (propagation !== undefined) facts.httpHeaderPropagation = propagation;
  return facts;
}

function pythonDependencies(
  byKind: <K extends ParsedFile['kind']>(kind: K) => Parsed<K>[],
): Record<string, string> {
  const locked: Record<string, string> = Object.assign(
    {},
    ...byKind('uv.lock').map(l => l.value),
    ...byKind('poetry.lock').map(l => l.value),
  );
  const out: Record<string, string> = {};
  for (const file of byKind('requirements')) {
    for (const requirement of file.value.requirements) {
      out[requirement.name] ??=
        requirementVersion(requirement) ?? requirement.spec ?? '*';
    }
  }
  // pyproject.toml is where a migrating project is heading, so it wins over requirements.txt.
  for (const file of byKind('pyproject')) {
    Object.assign(out, file.value.dependencies);
  }
  for (const name of Object.keys(out)) {
    if (locked[name]) out[name] = locked[name];
  }
  return out;
}

function javascriptDependencies(
  byKind: <K extends ParsedFile['kind']>(kind: K) => Parsed<K>[],
): Record<string, string> {
  const packageLock: Record<string, string> = Object.assign(
    {},
    ...byKind('package-lock').map(l => l.value),
  );
  const yarnLocks = byKind('yarn.lock');
  const out: Record<string, string> = {};
  for (const file of byKind('package.json')) {
    for (const [name, range] of Object.entries(file.value.dependencies)) {
      if (out[name]) continue;
      out[name] =
        packageLock[name] ??
        yarnLocks.map(y => yarnLocked(y.value, name, range)).find(Boolean) ??
        npmSpecVersion(range) ??
        range;
    }
  }
  return out;
}

function mainEcosystem(
  ecosystems: Ecosystem[],
  deps: Record<Ecosystem, Record<string, string>>,
  language?: string,
): Ecosystem | undefined {
  const byLanguage = language ? LANGUAGE_ECOSYSTEM[language] : undefined;
  if (byLanguage && ecosystems.includes(byLanguage)) return byLanguage;
  // Without a language, the ecosystem that declares the most dependencies.
  return [...ecosystems].sort(
    (a, b) => Object.keys(deps[b]).length - Object.keys(deps[a]).length,
  )[0];
}

function codeownersOf(files: RepositoryObservation['files']) {
  const found = files
    .filter(
      f =>
        'parsed' in f.observation && f.observation.parsed.kind === 'codeowners',
    )
    .sort((a, b) => rank(a.path) - rank(b.path))[0];
  return found && 'parsed' in found.observation
    ? (found.observation.parsed as Parsed<'codeowners'>)
    : undefined;

  function rank(path: string) {
    const index = CODEOWNERS_PRECEDENCE.indexOf(path);
    return index < 0 ? CODEOWNERS_PRECEDENCE.length : index;
  }
}

function headerPropagation(
  libraries: HeaderLibraries,
  deps: Record<Ecosystem, Record<string, string>>,
  someFileBroken: boolean,
): boolean | undefined {
  const configured = (Object.keys(libraries) as Ecosystem[]).filter(
    e => (libraries[e] ?? []).length > 0,
  );
  if (configured.length === 0) return undefined;
  const found = configured.some(ecosystem =>
    (libraries[ecosystem] ?? []).some(library => {
      const name =
        ecosystem === 'python' ? normalisePythonName(library) : library;
      return name in deps[ecosystem];
    }),
  );
  // A manifest that could not be read may hold the library: say nothing rather than "no".
  if (!found && someFileBroken) return undefined;
  return found;
}
