/** One requirement of a label selector, in the API server's terms. */
export interface LabelSelectorRequirement {
  /** Label key. */
  key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist` (equality is `In` with one value, inequality `NotIn`). */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Values for `In` / `NotIn`. */
  values?: string[];
}

/** The structured selector of workloads, PDBs and services (`spec.selector`). */
export interface StructuredLabelSelector {
  /** Exact label matches. */
  matchLabels?: { [key: string]: string };
  /** Set-based requirements. */
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

const KEY =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function key(text: string, selector: string): string {
  if (!KEY.test(text) || text.length > 317) {
    throw new Error(`invalid label key "${text}" in selector "${selector}"`);
  }
  return text;
}

function value(text: string, selector: string): string {
  if (!VALUE.test(text) || text.length > 63) {
    throw new Error(`invalid label value "${text}" in selector "${selector}"`);
  }
  return text;
}

// Commas separate requirements except inside the parentheses of `in (a,b)`.
function requirementsOf(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    if (selector[i] === '(') depth++;
    if (selector[i] === ')') depth--;
    if (depth < 0 || depth > 1) {
      throw new Error(`unbalanced parentheses in selector "${selector}"`);
    }
    if (selector[i] === ',' && depth === 0) {
      parts.push(selector.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (depth !== 0) {
    throw new Error(`unbalanced parentheses in selector "${selector}"`);
  }
  parts.push(selector.slice(start).trim());
  if (parts.some(p => p === '') && selector.trim() !== '') {
    throw new Error(`empty requirement in selector "${selector}"`);
  }
  return parts.filter(p => p !== '');
}

/**
 * Parses a label selector string (`a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`) and throws
 * a readable error for anything the API server would reject.
 */
export function parseLabelSelector(
  selector: string,
): LabelSelectorRequirement[] {
  return requirementsOf(selector).map(part => {
    const set = /^(\S+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part);
    if (set) {
      const values = set[3].split(',').map(v => value(v.trim(), selector));
      if (values.length === 0 || values.every(v => v === '')) {
        throw new Error(
          `"${set[1]} ${set[2]}" needs at least one value in selector "${selector}"`,
        );
      }
      return {
        key: key(set[1], selector),
        operator: set[2] === 'in' ? 'In' : 'NotIn',
        values,
      };
    }
    const eq = /^([^\s=!]+)\s*(==|=|!=)\s*([^\s=!]*)$/.exec(part);
    if (eq) {
      return {
        key: key(eq[1], selector),
        operator: eq[2] === '!=' ? 'NotIn' : 'In',
        values: [value(eq[3], selector)],
      };
    }
    const notExists = /^!\s*(\S+)$/.exec(part);
    if (notExists) {
      return { key: key(notExists[1], selector), operator: 'DoesNotExist' };
    }
    if (/\s|[=!()]/.test(part)) {
      throw new Error(`cannot parse "${part}" in selector "${selector}"`);
    }
    return { key: key(part, selector), operator: 'Exists' };
  });
}

/** Whether labels satisfy every requirement. */
export function matchesRequirements(
  requirements: LabelSelectorRequirement[],
  labels: { [key: string]: string } | undefined,
): boolean {
  const all = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(all, r.key);
    switch (r.operator) {
      case 'In':
        return has && (r.values ?? []).includes(all[r.key]);
      case 'NotIn':
        return !has || !(r.values ?? []).includes(all[r.key]);
      case 'Exists':
        return has;
      default:
        return !has;
    }
  });
}

/** Converts a structured selector (`matchLabels` + `matchExpressions`) to requirements. */
export function requirementsOfStructured(
  selector: StructuredLabelSelector | undefined,
): LabelSelectorRequirement[] {
  const out: LabelSelectorRequirement[] = Object.entries(
    selector?.matchLabels ?? {},
  ).map(([k, v]) => ({ key: k, operator: 'In', values: [v] }));
  for (const e of selector?.matchExpressions ?? []) {
    if (['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) {
      out.push({
        key: e.key,
        operator: e.operator as LabelSelectorRequirement['operator'],
        values: e.values,
      });
    }
  }
  return out;
}

/**
 * Whether a structured selector selects these labels. An empty selector selects nothing here: a PDB with
 * `selector: {}` would select every pod of the namespace, which says nothing about one workload.
 */
export function structuredSelects(
  selector: StructuredLabelSelector | undefined,
  labels: { [key: string]: string } | undefined,
): boolean {
  const requirements = requirementsOfStructured(selector);
  return requirements.length > 0 && matchesRequirements(requirements, labels);
}

/** Formats `{a: 'b', c: 'd'}` as the selector string `a=b,c=d` (keys sorted, for stable annotations). */
export function formatLabelSelector(labels: { [key: string]: string }): string {
  return Object.keys(labels)
    .sort()
    .map(k => `${k}=${labels[k]}`)
    .join(',');
}
