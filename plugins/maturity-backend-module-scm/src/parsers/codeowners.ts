import { parseEntityRef } from '@backstage/catalog-model';
import { cleanText, ManifestError } from './versions';

/** A parsed CODEOWNERS file. */
export interface Codeowners {
  /** Rules in file order: a pattern and its owners (none means "unowned"). */
  rules: Array<{ pattern: string; owners: string[] }>;
  /** Every owner named, once, in order of first appearance. */
  owners: string[];
}

const OWNER =
  /^(@[A-Za-z0-9][A-Za-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

/** Reads a CODEOWNERS file as GitHub and GitLab write it (comments, escaped `#`, sections skipped). */
export function parseCodeowners(text: string): Codeowners {
  const rules: Codeowners['rules'] = [];
  const seen = new Set<string>();
  const owners: string[] = [];
  let lineNo = 0;
  for (const raw of cleanText(text).split('\n')) {
    lineNo++;
    const line = raw.replace(/(^|[^\\])#.*$/, '$1').trim();
    if (!line) continue;
    if (/^\^?\[[^\]]+\]/.test(line)) continue; // a GitLab section header
    const tokens = line.split(/\s+/);
    const pattern = tokens[0].replace(/\\#/g, '#');
    const lineOwners = tokens.slice(1);
    const invalid = lineOwners.find(owner => !OWNER.test(owner));
    if (invalid) {
      throw new ManifestError(
        `line ${lineNo}: "${invalid}" is not an @user, @org/team or e-mail`,
      );
    }
    rules.push({ pattern, owners: lineOwners });
    for (const owner of lineOwners) {
      const key = owner.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        owners.push(owner);
      }
    }
  }
  return { rules, owners };
}

/**
 * Whether the catalog owner appears among the CODEOWNERS owners: a Group `payments` matches `@<org>/payments`,
 * a User `jdoe` matches `@jdoe` (case-insensitive; the organisation is not compared, the catalog has none).
 */
export function ownerMatches(
  catalogOwner: string,
  codeownersOwners: string[],
  namespace = 'default',
): boolean {
  let ref;
  try {
    ref = parseEntityRef(catalogOwner, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    });
  } catch {
    return false;
  }
  const name = ref.name.toLowerCase();
  const kind = ref.kind.toLowerCase();
  return codeownersOwners.some(owner => {
    const lower = owner.toLowerCase();
    if (!lower.startsWith('@')) return false;
    const slash = lower.indexOf('/');
    if (kind === 'group') return slash > 0 && lower.slice(slash + 1) === name;
    if (kind === 'user') return slash < 0 && lower.slice(1) === name;
    return false;
  });
}
