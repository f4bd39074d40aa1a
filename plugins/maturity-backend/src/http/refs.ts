import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** Longest ref the database columns hold. */
export const MAX_REF_LENGTH = 255;

/**
 * Parses a ref the caller sent and returns it in the form every store uses (`stringifyEntityRef`: kind
 * lowercased, namespace and name as written). Without defaults a kind is required and the namespace
 * defaults to `default`.
 */
export function normaliseEntityRef(
  raw: string,
  options: { label?: string; defaultKind?: string } = {},
): string {
  const label = options.label ?? 'entity ref';
  let ref: string;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(raw, {
        defaultKind: options.defaultKind,
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `Invalid ${label} '${raw}': ${(error as Error).message}`,
    );
  }
  if (ref.length > MAX_REF_LENGTH) {
    throw new InputError(
      `Invalid ${label}: longer than ${MAX_REF_LENGTH} characters`,
    );
  }
  return ref;
}

/** A scorecard ref from a path's namespace and name. */
export function scorecardRefOf(params: {
  namespace: string;
  name: string;
}): string {
  return normaliseEntityRef(`scorecard:${params.namespace}/${params.name}`, {
    label: 'scorecard ref',
  });
}

/** An entity ref from a path's kind, namespace and name. */
export function entityRefOf(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return normaliseEntityRef(
    `${params.kind}:${params.namespace}/${params.name}`,
  );
}

/** Who the caller is, as written into exemptions and the audit log. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef)
    return principal.userEntityRef;
  if (principal.type === 'service' && principal.subject)
    return principal.subject;
  return 'unknown';
}

/** A cache key that separates callers whose catalog visibility may differ. */
export function principalKey(credentials: BackstageCredentials): string {
  return JSON.stringify(credentials.principal);
}
