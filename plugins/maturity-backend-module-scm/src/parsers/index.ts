import { parseCodeowners, Codeowners } from './codeowners';
import { parseDockerfile, DockerfileFacts } from './dockerfile';
import { parseGoMod, GoMod } from './goMod';
import {
  parsePackageJson,
  parsePackageLock,
  parseYarnLock,
  PackageJson,
  YarnLockEntry,
} from './npm';
import { parsePyproject, parsePythonLock, Pyproject } from './pyproject';
import { parseRequirementsFile, RequirementsFile } from './requirements';

/** A file read from a repository, parsed by what its name says it is. */
export type ParsedFile =
  | { kind: 'package.json'; value: PackageJson }
  | { kind: 'package-lock'; value: Record<string, string> }
  | { kind: 'yarn.lock'; value: Record<string, YarnLockEntry[]> }
  | { kind: 'pnpm-lock' }
  | { kind: 'pyproject'; value: Pyproject }
  | { kind: 'poetry.lock'; value: Record<string, string> }
  | { kind: 'uv.lock'; value: Record<string, string> }
  | { kind: 'requirements'; value: RequirementsFile }
  | { kind: 'go.mod'; value: GoMod }
  | { kind: 'dockerfile'; value: DockerfileFacts }
  | { kind: 'codeowners'; value: Codeowners }
  | { kind: 'other' };

/** The kind of a file by its name; `other` files only count as present or missing. */
export function fileKind(path: string): ParsedFile['kind'] {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'package.json') return 'package.json';
  if (base === 'package-lock.json' || base === 'npm-shrinkwrap.json') {
    return 'package-lock';
  }
  if (base === 'yarn.lock') return 'yarn.lock';
  if (base === 'pnpm-lock.yaml') return 'pnpm-lock';
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'poetry.lock') return 'poetry.lock';
  if (base === 'uv.lock') return 'uv.lock';
  if (
    /^requirements.*\.txt$/.test(base) ||
    /(^|\/)requirements\/[^/]+\.txt$/.test(path)
  ) {
    return 'requirements';
  }
  if (base === 'go.mod') return 'go.mod';
  if (
    base === 'Dockerfile' ||
    base.endsWith('.Dockerfile') ||
    base.startsWith('Dockerfile.')
  ) {
    return 'dockerfile';
  }
  if (base === 'CODEOWNERS') return 'codeowners';
  return 'other';
}

/** Parses a file by its name; throws ManifestError with the reason when it is malformed. */
export function parseFile(path: string, text: string): ParsedFile {
  const kind = fileKind(path);
  switch (kind) {
    case 'package.json':
      return { kind, value: parsePackageJson(text) };
    case 'package-lock':
      return { kind, value: parsePackageLock(text) };
    case 'yarn.lock':
      return { kind, value: parseYarnLock(text) };
    case 'pyproject':
      return { kind, value: parsePyproject(text) };
    case 'poetry.lock':
    case 'uv.lock':
      return { kind, value: parsePythonLock(text) };
    case 'requirements':
      return { kind, value: parseRequirementsFile(text) };
    case 'go.mod':
      return { kind, value: parseGoMod(text) };
    case 'dockerfile':
      return { kind, value: parseDockerfile(text) };
    case 'codeowners':
      return { kind, value: parseCodeowners(text) };
    default:
      return { kind: kind === 'pnpm-lock' ? 'pnpm-lock' : 'other' };
  }
}

export { ManifestError } from './versions';
export { ownerMatches } from './codeowners';
export { requirementVersion } from './requirements';
export { npmSpecVersion, normalisePythonName } from './versions';
export { yarnLocked } from './npm';
