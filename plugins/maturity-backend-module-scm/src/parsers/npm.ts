import { cleanText, ManifestError } from './versions';

/** What package.json declares. */
export interface PackageJson {
  /** Declared ranges by name: dependencies, then dev, optional and peer dependencies. */
  dependencies: Record<string, string>;
  /** The `packageManager` field's tool (`pnpm@9.1.0` → `pnpm`). */
  packageManager?: string;
  /** Workspace globs, when the file is a monorepo root. */
  workspaces: string[];
}

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
];

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON with a message a repository owner can act on. */
export function parseJson(text: string): JsonRecord {
  let value: unknown;
  try {
    value = JSON.parse(cleanText(text));
  } catch (error) {
    throw new ManifestError(`invalid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) throw new ManifestError('must be a JSON object');
  return value;
}

/** Reads package.json. */
export function parsePackageJson(text: string): PackageJson {
  const root = parseJson(text);
  const dependencies: Record<string, string> = {};
  for (const field of DEPENDENCY_FIELDS) {
    const deps = root[field];
    if (deps === undefined) continue;
    if (!isRecord(deps)) throw new ManifestError(`${field} must be an object`);
    for (const [name, range] of Object.entries(deps)) {
      if (typeof range !== 'string') {
        throw new ManifestError(`${field}.${name} must be a string`);
      }
      dependencies[name] ??= range;
    }
  }
  const rawWorkspaces = root.workspaces;
  // Yarn also accepts { packages: [...] }.
  const globs = isRecord(rawWorkspaces)
    ? rawWorkspaces.packages
    : rawWorkspaces;
  if (globs !== undefined && !Array.isArray(globs)) {
    throw new ManifestError('workspaces must be a list of globs');
  }
  const packageManager =
    typeof root.packageManager === 'string'
      ? root.packageManager.split('@')[0] || undefined
      : undefined;
  return {
    dependencies,
    packageManager,
    workspaces: (globs ?? []).filter((g): g is string => typeof g === 'string'),
  };
}

/** Reads package-lock.json (lockfile v1, v2 and v3): the installed version of each top-level package. */
export function parsePackageLock(text: string): Record<string, string> {
  const root = parseJson(text);
  const locked: Record<string, string> = {};
  const packages = root.packages;
  if (isRecord(packages)) {
    for (const [path, entry] of Object.entries(packages)) {
      // Only packages installed at the root: `node_modules/<name>` with no nested node_modules.
      if (
        !path.startsWith('node_modules/') ||
        path.lastIndexOf('node_modules/') !== 0
      ) {
        continue;
      }
      if (isRecord(entry) && typeof entry.version === 'string') {
        locked[path.slice('node_modules/'.length)] = entry.version;
      }
    }
    return locked;
  }
  const dependencies = root.dependencies;
  if (dependencies === undefined) return locked;
  if (!isRecord(dependencies)) {
    throw new ManifestError('dependencies must be an object');
  }
  for (const [name, entry] of Object.entries(dependencies)) {
    if (isRecord(entry) && typeof entry.version === 'string') {
      locked[name] = entry.version;
    }
  }
  return locked;
}

/** One resolution of yarn.lock: the ranges it serves and the version it locks. */
export interface YarnLockEntry {
  /** Ranges as declared (`^1.2.0`; Berry's `npm:` prefix removed). */
  ranges: string[];
  /** The locked version. */
  version: string;
}

function descriptorParts(descriptor: string): [string, string] | undefined {
  const unquoted = descriptor.trim().replace(/^"|"$/g, '');
  const at = unquoted.indexOf('@', 1); // a scope's leading '@' is part of the name
  if (at < 0) return undefined;
  return [unquoted.slice(0, at), unquoted.slice(at + 1).replace(/^npm:/, '')];
}

/** Reads yarn.lock, classic (v1) or Berry (YAML): resolutions by package name. */
export function parseYarnLock(text: string): Record<string, YarnLockEntry[]> {
  const byName: Record<string, YarnLockEntry[]> = {};
  let current: Array<[string, string]> | undefined;
  let lineNo = 0;
  for (const line of cleanText(text).split('\n')) {
    lineNo++;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      if (!line.endsWith(':')) {
        throw new ManifestError(
          `line ${lineNo}: expected "<package>@<range>:"`,
        );
      }
      const header = line.slice(0, -1);
      if (header === '__metadata') {
        current = undefined;
        continue;
      }
      const parts = header
        .replace(/^"|"$/g, '')
        .split(/",\s*"|,\s*/)
        .map(descriptorParts);
      if (parts.some(p => !p)) {
        throw new ManifestError(`line ${lineNo}: cannot read "${header}"`);
      }
      current = parts as Array<[string, string]>;
      continue;
    }
    const version = /^\s{2}version:?\s+"?([^"\s]+)"?\s*$/.exec(line);
    if (version && current) {
      for (const [name, range] of current) {
        const entries = (byName[name] ??= []);
        const existing = entries.find(e => e.version === version[1]);
        if (existing) existing.ranges.push(range);
        else entries.push({ ranges: [range], version: version[1] });
      }
      current = undefined;
    }
  }
  return byName;
}

/** The version yarn.lock resolves a declared range to; the only resolution when there is one. */
export function yarnLocked(
  lock: Record<string, YarnLockEntry[]>,
  name: string,
  range: string,
): string | undefined {
  const entries = lock[name];
  if (!entries?.length) return undefined;
  const bare = range.replace(/^npm:/, '');
  const match = entries.find(e => e.ranges.includes(bare));
  return (
    match?.version ?? (entries.length === 1 ? entries[0].version : undefined)
  );
}
