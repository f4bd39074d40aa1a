/** A parsed fact reference `<source>.<path>`. */
export interface FactRef {
  /** The fact source id, e.g. `catalog`, `kubernetes`, `scm`, `pushed`. */
  source: string;
  /** The dotted path inside the source's facts, e.g. `spec.owner` or `files.pyproject.toml.exists`. */
  path: string;
}

const FACT_REF = /^([a-z][a-z0-9-]*)\.(\S+)$/;

/** Parses `<source>.<path>`; returns undefined when the reference is malformed. */
export function parseFactRef(ref: string): FactRef | undefined {
  const match = FACT_REF.exec(ref);
  if (!match || match[2].startsWith('.') || match[2].endsWith('.')) {
    return undefined;
  }
  return { source: match[1], path: match[2] };
}
