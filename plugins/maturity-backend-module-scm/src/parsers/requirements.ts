import {
  cleanText,
  ManifestError,
  normalisePythonName,
  pep440ToSemver,
  pythonSpecVersion,
} from './versions';

/** One requirement of a Python project (PEP 508, as pip and pyproject.toml write them). */
export interface PythonRequirement {
  /** The PEP 503-normalised name. */
  name: string;
  /** The version specifier as written (`>=2.31,<3`), if any. */
  spec?: string;
  /** A direct reference: `name @ https://…`, `git+https://…#egg=name`, a local path. */
  url?: string;
  /** Requested extras (`requests[socks]`). */
  extras: string[];
  /** The environment marker (`python_version < "3.11"`), if any. */
  marker?: string;
}

/** A parsed requirements file. */
export interface RequirementsFile {
  /** The requirements in file order. */
  requirements: PythonRequirement[];
  /** Files named by `-r` / `--requirement`, relative to this one. */
  includes: string[];
  /** Files named by `-c` / `--constraint`. */
  constraints: string[];
}

const NAME =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*/;
const CLAUSE = /^(===|==|~=|>=|<=|!=|>|<)\s*[A-Za-z0-9.*+!_-]+$/;
const EGG = /[#&]egg=([A-Za-z0-9._-]+)/;
const VCS_REF = /@([^@/#]+?)(?:#|$)/;

/** Options of pip that take a value and say nothing about dependencies. */
const IGNORED_WITH_VALUE = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--trusted-host',
  '--no-binary',
  '--only-binary',
  '--use-feature',
  '--config-settings',
]);
const IGNORED_FLAGS = new Set([
  '--pre',
  '--prefer-binary',
  '--require-hashes',
  '--no-index',
]);

/**
 * Reads a PEP 508 requirement (`requests[socks]>=2.31; python_version>"3.8"`, `lib @ https://…`).
 * Throws ManifestError when the text is not one.
 */
export function parseRequirement(text: string): PythonRequirement {
  const [body, ...markerParts] = splitMarker(text);
  const marker = markerParts.join(';').trim() || undefined;
  const match = NAME.exec(body);
  if (!match) throw new ManifestError(`not a requirement: "${text}"`);
  const extras = (match[2] ?? '')
    .split(',')
    .map(e => e.trim())
    .filter(Boolean);
  let rest = body.slice(match[0].length).trim();
  const requirement: PythonRequirement = {
    name: normalisePythonName(match[1]),
    extras,
    marker,
  };
  if (rest.startsWith('@')) {
    requirement.url = rest.slice(1).trim();
    if (!requirement.url) throw new ManifestError(`empty URL in "${text}"`);
    return requirement;
  }
  if (rest.startsWith('(') && rest.endsWith(')')) rest = rest.slice(1, -1);
  if (rest) {
    const clauses = rest.split(',').map(c => c.trim());
    if (!clauses.every(c => CLAUSE.test(c))) {
      throw new ManifestError(`invalid version specifier in "${text}"`);
    }
    requirement.spec = clauses.join(',');
  }
  return requirement;
}

/** The version a requirement stands for: pinned, lowest allowed, a VCS tag, or its URL as written. */
export function requirementVersion(
  requirement: PythonRequirement,
): string | undefined {
  if (requirement.spec) return pythonSpecVersion(requirement.spec);
  if (requirement.url) {
    const ref = VCS_REF.exec(
      requirement.url.replace(/^[a-z+]+:\/\/[^@/]*@/, ''),
    );
    return (ref && pep440ToSemver(ref[1])) ?? requirement.url;
  }
  return undefined;
}

function splitMarker(text: string): string[] {
  // A URL may contain ';' only when not followed by whitespace (PEP 508: the marker needs ' ;').
  if (/^\S+\s*@/.test(text)) return text.split(/\s+;/);
  return text.split(';');
}

function urlRequirement(url: string, lineNo: number): PythonRequirement {
  const egg = EGG.exec(url);
  if (!egg) {
    throw new ManifestError(
      `line ${lineNo}: "${url}" has no #egg=<name>, so its package is unknown`,
    );
  }
  return { name: normalisePythonName(egg[1]), url, extras: [] };
}

function logicalLines(text: string): Array<{ line: string; lineNo: number }> {
  const out: Array<{ line: string; lineNo: number }> = [];
  let pending = '';
  let start = 0;
  cleanText(text)
    .split('\n')
    .forEach((raw, index) => {
      if (!pending) start = index + 1;
      // pip strips comments before joining continuations.
      const line = raw.replace(/(^|\s)#.*$/, '');
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1)} `;
        return;
      }
      out.push({ line: (pending + line).trim(), lineNo: start });
      pending = '';
    });
  if (pending.trim()) out.push({ line: pending.trim(), lineNo: start });
  return out.filter(l => l.line);
}

function optionValue(tokens: string[]): string | undefined {
  const first = tokens[0];
  if (first.startsWith('--')) {
    return first.includes('=')
      ? first.slice(first.indexOf('=') + 1)
      : tokens[1];
  }
  return first.length > 2 ? first.slice(2) : tokens[1]; // -rbase.txt or -r base.txt
}

/** Reads a pip requirements file: comments, continuations, options, `-r`/`-c`, `-e`, URLs, markers, hashes. */
export function parseRequirementsFile(text: string): RequirementsFile {
  const result: RequirementsFile = {
    requirements: [],
    includes: [],
    constraints: [],
  };
  for (const { line, lineNo } of logicalLines(text)) {
    const tokens = line.split(/\s+/);
    if (tokens[0].startsWith('-')) {
      const value = optionValue(tokens);
      const name = tokens[0].startsWith('--')
        ? tokens[0].split('=')[0]
        : tokens[0].slice(0, 2);
      if (name === '-r' || name === '--requirement') {
        if (!value) throw new ManifestError(`line ${lineNo}: -r needs a file`);
        result.includes.push(value);
      } else if (name === '-c' || name === '--constraint') {
        if (!value) throw new ManifestError(`line ${lineNo}: -c needs a file`);
        result.constraints.push(value);
      } else if (name === '-e' || name === '--editable') {
        if (!value)
          throw new ManifestError(`line ${lineNo}: -e needs a target`);
        if (/^[a-z+]+:\/\//i.test(value)) {
          result.requirements.push(urlRequirement(value, lineNo));
        }
        // A local editable path (-e .) is the project itself, not a dependency.
      } else if (!IGNORED_WITH_VALUE.has(name) && !IGNORED_FLAGS.has(name)) {
        throw new ManifestError(`line ${lineNo}: unknown option ${name}`);
      }
      continue;
    }
    const withoutHashes = line.replace(/\s+--hash[=\s]\S+/g, '').trim();
    if (/^[a-z+]+:\/\//i.test(withoutHashes)) {
      result.requirements.push(urlRequirement(withoutHashes, lineNo));
      continue;
    }
    if (/^(\.{1,2}\/|\/)/.test(withoutHashes)) continue; // a local path
    try {
      result.requirements.push(parseRequirement(withoutHashes));
    } catch (error) {
      throw new ManifestError(`line ${lineNo}: ${(error as Error).message}`);
    }
  }
  return result;
}
