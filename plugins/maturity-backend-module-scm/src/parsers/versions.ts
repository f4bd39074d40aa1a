import { minVersion, valid, validRange } from 'semver';

/** A manifest that cannot be read; the message names the line or field. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

const PEP440 =
  /^v?(?:\d+!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?$/i;

const PRE_LABEL: Record<string, string> = {
  a: 'alpha',
  alpha: 'alpha',
  b: 'beta',
  beta: 'beta',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

/**
 * A PEP 440 version written as semver so that `semverSatisfies` can compare it: the release is padded or
 * cut to three numbers (`2.31` → `2.31.0`), pre-releases become `-rc.1`, post and dev releases are kept as
 * pre-release tags. Undefined when the text is no version.
 */
export function pep440ToSemver(version: string): string | undefined {
  const match = PEP440.exec(version.trim());
  if (!match) return undefined;
  const release = match[1].split('.').map(n => String(Number(n)));
  while (release.length < 3) release.push('0');
  const core = release.slice(0, 3).join('.');
  const pre: string[] = [];
  if (match[2]) pre.push(PRE_LABEL[match[2].toLowerCase()], match[3] || '0');
  if (match[5] !== undefined) pre.push('dev', match[5] || '0');
  const post = match[4] !== undefined ? `+post.${match[4] || '0'}` : '';
  return `${core}${pre.length ? `-${pre.join('.')}` : ''}${post}`;
}

/** A Go module version (`v1.2.3`, pseudo-versions, `+incompatible`) without its `v`. */
export function goToSemver(version: string): string {
  return version.replace(/^v/, '');
}

const PY_CLAUSE = /^(===|==|~=|>=|<=|!=|>|<|\^|~)?\s*([^\s,]+)$/;

/**
 * The version a Python or Poetry requirement stands for: the pinned one (`==2.31.0`), else its lower
 * bound (`>=2.31,<3`, `~=2.31`, `^2.31`); undefined when the spec has no lower bound (`<3`, `*`).
 */
export function pythonSpecVersion(spec: string): string | undefined {
  let lower: string | undefined;
  for (const raw of spec.split(',')) {
    const clause = raw.trim();
    if (!clause || clause === '*') continue;
    const match = PY_CLAUSE.exec(clause);
    if (!match) continue;
    const operator = match[1] ?? '==';
    const version = match[2].replace(/\.\*$/, '');
    if (operator === '==' || operator === '===') {
      return pep440ToSemver(version);
    }
    if (['>=', '~=', '^', '~', '>'].includes(operator)) {
      lower = lower ?? pep440ToSemver(version);
    }
  }
  return lower;
}

/** The version an npm range stands for: exact versions as they are, ranges by their lowest version. */
export function npmSpecVersion(spec: string): string | undefined {
  const exact = valid(spec);
  if (exact) return exact;
  if (!validRange(spec) || spec.trim() === '' || spec.trim() === '*') {
    return undefined;
  }
  try {
    const lowest = minVersion(spec);
    return lowest && lowest.version !== '0.0.0' ? lowest.version : undefined;
  } catch {
    return undefined;
  }
}

/** A Python distribution name normalised as PEP 503 says (`Zope.Interface` → `zope-interface`). */
export function normalisePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Removes a byte-order mark and normalises line endings. */
export function cleanText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
