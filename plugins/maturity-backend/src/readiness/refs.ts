import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** A full lowercase-kind entity ref from a ref or bare name written in a definition of `namespace`. */
export function resolveDefinitionRef(
  defaultKind: string,
  ref: string,
  namespace: string,
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
  );
}
