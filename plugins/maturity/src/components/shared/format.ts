import { parseEntityRef } from '@backstage/catalog-model';
import type { RefParts } from '../../api';

/** A share 0–1 as a whole percentage, or an en dash when there is nothing to count. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return `${Math.round(share * 100)} %`;
}

/** A date-time or day as a short local date. */
export function formatDate(value: string | undefined): string {
  if (!value) return '–';
  const date = new Date(
    /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value,
  );
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined,
  });
}

/** A date-time as a short local date and time. */
export function formatDateTime(value: string | undefined): string {
  if (!value) return '–';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** The namespace and name of a scorecard ref (`scorecard:default/service-maturity`). */
export function scorecardParts(ref: string): RefParts {
  const { kind, namespace, name } = parseEntityRef(ref, {
    defaultKind: 'scorecard',
    defaultNamespace: 'default',
  });
  return { kind, namespace, name };
}

/** The ref of a scorecard from route params. */
export function scorecardRef(parts: {
  namespace: string;
  name: string;
}): string {
  return `scorecard:${parts.namespace}/${parts.name}`;
}

/** The `name` part of an entity ref, for compact labels. */
export function shortRef(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}
