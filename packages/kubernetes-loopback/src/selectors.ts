/** One requirement of a label selector. */
export type LabelRequirement =
  | { key: string; op: 'eq' | 'neq'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

/** Thrown for a selector the API server would reject with 400. */
export class SelectorError extends Error {}

const KEY =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

// Splits on commas that are not inside parentheses: `a in (x,y),b` has two requirements.
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selector.slice(start));
  return parts.map(p => p.trim()).filter(p => p.length > 0);
}

function checkKey(key: string): string {
  if (!KEY.test(key)) throw new SelectorError(`invalid label key "${key}"`);
  return key;
}

function checkValue(value: string): string {
  if (!VALUE.test(value) || value.length > 63)
    throw new SelectorError(`invalid label value "${value}"`);
  return value;
}

/** Parses a label selector such as `app=web,tier!=db,env in (prod,staging),!legacy`. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTopLevel(selector).map(part => {
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(part);
    if (set) {
      const values = set[3]
        .split(',')
        .map(v => v.trim())
        .map(checkValue);
      return {
        key: checkKey(set[1]),
        op: set[2] as 'in' | 'notin',
        values,
      };
    }
    const eq = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (eq) {
      return {
        key: checkKey(eq[1]),
        op: eq[2] === '!=' ? 'neq' : 'eq',
        value: checkValue(eq[3]),
      };
    }
    if (part.startsWith('!')) {
      return { key: checkKey(part.slice(1).trim()), op: 'notexists' };
    }
    return { key: checkKey(part), op: 'exists' };
  });
}

/** Whether labels satisfy every requirement. */
export function matchesLabels(
  requirements: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  const all = labels ?? {};
  return requirements.every(r => {
    const has = Object.prototype.hasOwnProperty.call(all, r.key);
    const value = all[r.key];
    switch (r.op) {
      case 'eq':
        return has && value === r.value;
      case 'neq':
        return !has || value !== r.value;
      case 'in':
        return has && r.values.includes(value);
      case 'notin':
        return !has || !r.values.includes(value);
      case 'exists':
        return has;
      default:
        return !has;
    }
  });
}

/** One requirement of a field selector. */
export interface FieldRequirement {
  /** Field path, e.g. `metadata.namespace`. */
  field: string;
  /** Equality or inequality. */
  op: 'eq' | 'neq';
  /** Compared value. */
  value: string;
}

// The fields every resource supports server-side; anything else is rejected as the API server would.
const SUPPORTED_FIELDS = new Set(['metadata.name', 'metadata.namespace']);

/** Parses a field selector such as `metadata.namespace!=kube-system`. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  return splitTopLevel(selector).map(part => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw new SelectorError(`invalid field selector "${part}"`);
    if (!SUPPORTED_FIELDS.has(m[1])) {
      throw new SelectorError(`field label not supported: ${m[1]}`);
    }
    return { field: m[1], op: m[2] === '!=' ? 'neq' : 'eq', value: m[3] };
  });
}

/** Whether an object's metadata satisfies every field requirement. */
export function matchesFields(
  requirements: FieldRequirement[],
  metadata: { name: string; namespace?: string },
): boolean {
  return requirements.every(r => {
    const actual =
      r.field === 'metadata.name' ? metadata.name : metadata.namespace ?? '';
    return r.op === 'eq' ? actual === r.value : actual !== r.value;
  });
}
