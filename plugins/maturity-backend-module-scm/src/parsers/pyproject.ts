import { parse, TomlError } from 'smol-toml';
import { parseRequirement, requirementVersion } from './requirements';
import {
  cleanText,
  ManifestError,
  normalisePythonName,
  pep440ToSemver,
  pythonSpecVersion,
} from './versions';

/** What pyproject.toml declares. */
export interface Pyproject {
  /** Dependencies by normalised name: the version each stands for, or its spec/URL as written. */
  dependencies: Record<string, string>;
  /** `[tool.poetry]` is present or the build backend is Poetry's. */
  poetry: boolean;
  /** `[tool.uv]` is present. */
  uv: boolean;
  /** `project.requires-python` or Poetry's `python` dependency. */
  requiresPython?: string;
}

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses TOML with the error's line and column in the message. */
export function parseToml(text: string): Table {
  try {
    return parse(cleanText(text)) as Table;
  } catch (error) {
    if (error instanceof TomlError) {
      throw new ManifestError(
        `invalid TOML at line ${error.line}, column ${error.column}: ${
          error.message.split('\n')[0]
        }`,
      );
    }
    throw new ManifestError(`invalid TOML: ${(error as Error).message}`);
  }
}

function table(root: Table, path: string): Table | undefined {
  let value: unknown = root;
  const keys = path.split('.');
  for (let i = 0; i < keys.length; i++) {
    value = (value as Table)[keys[i]];
    if (value === undefined) return undefined;
    if (!isTable(value)) {
      throw new ManifestError(
        `${keys.slice(0, i + 1).join('.')} must be a table`,
      );
    }
  }
  return value as Table;
}

function addPep508List(
  out: Record<string, string>,
  list: unknown,
  field: string,
) {
  if (list === undefined) return;
  if (!Array.isArray(list)) throw new ManifestError(`${field} must be a list`);
  list.forEach((item, index) => {
    if (isTable(item) && 'include-group' in item) return; // PEP 735 reference
    if (typeof item !== 'string') {
      throw new ManifestError(`${field}[${index}] must be a string`);
    }
    let requirement;
    try {
      requirement = parseRequirement(item);
    } catch (error) {
      throw new ManifestError(
        `${field}[${index}]: ${(error as Error).message}`,
      );
    }
    const version = requirementVersion(requirement) ?? requirement.spec ?? '*';
    out[requirement.name] ??= version;
  });
}

function poetryVersion(value: unknown, field: string): string {
  if (typeof value === 'string') return pythonSpecVersion(value) ?? value;
  if (Array.isArray(value)) {
    // Several constraints by marker: the first one speaks for the dependency.
    if (value.length === 0) throw new ManifestError(`${field} is empty`);
    return poetryVersion(value[0], field);
  }
  if (isTable(value)) {
    if (typeof value.version === 'string') {
      return pythonSpecVersion(value.version) ?? value.version;
    }
    for (const key of ['git', 'url', 'path']) {
      if (typeof value[key] === 'string') {
        const ref = value.tag ?? value.rev ?? value.branch;
        const tagged =
          typeof ref === 'string' ? pep440ToSemver(ref) : undefined;
        return tagged ?? (value[key] as string);
      }
    }
    return '*';
  }
  throw new ManifestError(`${field} must be a string or a table`);
}

function addPoetryTable(
  out: Record<string, string>,
  deps: Table | undefined,
  field: string,
) {
  if (!deps) return;
  for (const [name, value] of Object.entries(deps)) {
    if (name.toLowerCase() === 'python') continue;
    out[normalisePythonName(name)] ??= poetryVersion(value, `${field}.${name}`);
  }
}

/** Reads pyproject.toml: PEP 621 `[project]`, PEP 735 dependency groups and Poetry's tables. */
export function parsePyproject(text: string): Pyproject {
  const root = parseToml(text);
  const dependencies: Record<string, string> = {};
  const project = table(root, 'project');
  addPep508List(dependencies, project?.dependencies, 'project.dependencies');
  const optional = table(root, 'project.optional-dependencies') ?? {};
  for (const [group, list] of Object.entries(optional)) {
    addPep508List(dependencies, list, `project.optional-dependencies.${group}`);
  }
  const groups = table(root, 'dependency-groups') ?? {};
  for (const [group, list] of Object.entries(groups)) {
    addPep508List(dependencies, list, `dependency-groups.${group}`);
  }

  const poetry = table(root, 'tool.poetry');
  addPoetryTable(
    dependencies,
    table(root, 'tool.poetry.dependencies'),
    'tool.poetry.dependencies',
  );
  for (const group of Object.keys(table(root, 'tool.poetry.group') ?? {})) {
    const field = `tool.poetry.group.${group}.dependencies`;
    addPoetryTable(dependencies, table(root, field), field);
  }
  addPoetryTable(
    dependencies,
    table(root, 'tool.poetry.dev-dependencies'),
    'tool.poetry.dev-dependencies',
  );

  const backend = table(root, 'build-system')?.['build-backend'];
  const poetryPython = table(root, 'tool.poetry.dependencies')?.python;
  const requiresPython = project?.['requires-python'] ?? poetryPython;
  return {
    dependencies,
    poetry:
      poetry !== undefined ||
      (typeof backend === 'string' && backend.startsWith('poetry')),
    uv: table(root, 'tool.uv') !== undefined,
    requiresPython:
      typeof requiresPython === 'string' ? requiresPython : undefined,
  };
}

/** Reads poetry.lock or uv.lock (`[[package]]` with `name` and `version`): locked versions by name. */
export function parsePythonLock(text: string): Record<string, string> {
  const root = parseToml(text);
  const packages = root.package ?? [];
  if (!Array.isArray(packages)) {
    throw new ManifestError('package must be an array of tables');
  }
  const locked: Record<string, string> = {};
  packages.forEach((entry, index) => {
    if (
      !isTable(entry) ||
      typeof entry.name !== 'string' ||
      typeof entry.version !== 'string'
    ) {
      throw new ManifestError(`package[${index}] needs a name and a version`);
    }
    const name = normalisePythonName(entry.name);
    locked[name] ??= pep440ToSemver(entry.version) ?? entry.version;
  });
  return locked;
}
