const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** Appends one segment (a property name or an array index) to a field path. */
export function joinPath(path: string, segment: string | number): string {
  if (typeof segment === 'number') {
    return `${path}[${segment}]`;
  }
  if (!IDENTIFIER.test(segment)) {
    return `${path}[${JSON.stringify(segment)}]`;
  }
  return path ? `${path}.${segment}` : segment;
}

/** Splits a JSON pointer (`/spec/checks/2`) into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (!pointer) {
    return [];
  }
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Turns a JSON pointer into a field path: `/spec/checks/2/rule/all/0` → `spec.checks[2].rule.all[0]`.
 * A numeric segment is an index only when the value it points into is an array, so that a key such as
 * an annotation named `"2"` still reads as a property.
 */
export function pointerToPath(pointer: string, document: unknown): string {
  let path = '';
  let value: unknown = document;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(value) && /^\d+$/.test(segment)) {
      path = joinPath(path, Number(segment));
      value = value[Number(segment)];
    } else {
      path = joinPath(path, segment);
      value = isRecord(value) ? value[segment] : undefined;
    }
  }
  return path;
}

/** The value a JSON pointer points at, or undefined. */
export function valueAtPointer(document: unknown, pointer: string): unknown {
  let value: unknown = document;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(value)) {
      value = value[Number(segment)];
    } else if (isRecord(value)) {
      value = value[segment];
    } else {
      return undefined;
    }
  }
  return value;
}

/** True for a pointer equal to or below `ancestor`. */
export function isWithinPointer(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/** A plain object (a YAML mapping). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a value briefly for messages: `"equals"`, `10`, `a list`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return `the ${typeof value} ${String(value)}`;
}
