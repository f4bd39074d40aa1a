import type { EntityLink } from '@backstage/catalog-model';
import { labelSelectorFor } from '@ratchet/backstage-plugin-kubernetes-node';

/** The workload kinds the provider can ingest. */
export type WorkloadKind =
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'CronJob';

/** Every workload kind, in the order facts and previews list them. */
export const WORKLOAD_KINDS: WorkloadKind[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'CronJob',
];

/** Where a mapped value comes from. */
export type MappingSource =
  | {
      from: 'label' | 'annotation' | 'namespaceLabel' | 'namespaceAnnotation';
      key: string;
    }
  | { from: 'workload'; field: 'name' | 'namespace' | 'kind' | 'cluster' }
  | { from: 'value'; value: string };

/** The entity fields that mapping rules decide. */
export type MappedField =
  | 'name'
  | 'title'
  | 'description'
  | 'owner'
  | 'system'
  | 'lifecycle'
  | 'type'
  | 'tags'
  | 'links';

/** Ordered sources per field: the first non-empty value wins (tags and links collect every source). */
export type MappingRules = Record<MappedField, MappingSource[]>;

/** The annotation that removes a workload (or every workload of a namespace) from the catalog. */
export const IGNORE_ANNOTATION = 'ratchet.dev/ignore';

/** The defaults: override annotations first, then the `app.kubernetes.io/*` recommended labels. */
export const DEFAULT_MAPPING: Record<MappedField, string[]> = {
  name: [
    'annotation:ratchet.dev/name',
    'label:backstage.io/kubernetes-id',
    'label:app.kubernetes.io/name',
    'workload:name',
  ],
  title: ['annotation:ratchet.dev/title'],
  description: ['annotation:ratchet.dev/description'],
  owner: [
    'annotation:ratchet.dev/owner',
    'label:ratchet.dev/team',
    'namespaceAnnotation:ratchet.dev/owner',
    'namespaceLabel:ratchet.dev/team',
  ],
  system: ['annotation:ratchet.dev/system', 'label:app.kubernetes.io/part-of'],
  lifecycle: [
    'annotation:ratchet.dev/lifecycle',
    'label:ratchet.dev/lifecycle',
    'value:production',
  ],
  type: ['annotation:ratchet.dev/type', 'value:service'],
  tags: ['annotation:ratchet.dev/tags'],
  links: ['annotation:ratchet.dev/links'],
};

/** Parses `label:<key>`, `annotation:<key>`, `namespaceLabel:<key>`, `namespaceAnnotation:<key>`, `workload:<field>`, `value:<text>`. */
export function parseMappingSource(text: string): MappingSource {
  const colon = text.indexOf(':');
  const prefix = colon < 0 ? text : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  switch (prefix) {
    case 'label':
    case 'annotation':
    case 'namespaceLabel':
    case 'namespaceAnnotation':
      if (!rest) throw new Error(`'${text}' names no key`);
      return { from: prefix, key: rest };
    case 'workload':
      if (
        rest === 'name' ||
        rest === 'namespace' ||
        rest === 'kind' ||
        rest === 'cluster'
      ) {
        return { from: 'workload', field: rest };
      }
      throw new Error(
        `'${text}': workload fields are name, namespace, kind and cluster`,
      );
    case 'value':
      return { from: 'value', value: rest };
    default:
      throw new Error(
        `'${text}' is not a mapping source; use label:<key>, annotation:<key>, namespaceLabel:<key>, namespaceAnnotation:<key>, workload:<name|namespace|kind|cluster> or value:<text>`,
      );
  }
}

/** The annotation keys that mapping rules read, so that only those are kept from each workload. */
export function annotationKeysOf(rules: MappingRules): {
  workload: Set<string>;
  namespace: Set<string>;
} {
  const workload = new Set([IGNORE_ANNOTATION]);
  const namespace = new Set([IGNORE_ANNOTATION]);
  for (const sources of Object.values(rules)) {
    for (const s of sources) {
      if (s.from === 'annotation') workload.add(s.key);
      if (s.from === 'namespaceAnnotation') namespace.add(s.key);
    }
  }
  return { workload, namespace };
}

/** A workload as read from a cluster, reduced to what mapping needs. */
export interface WorkloadRecord {
  /** Cluster name. */
  cluster: string;
  /** Kind. */
  kind: WorkloadKind;
  /** Workload name. */
  name: string;
  /** Namespace. */
  namespace: string;
  /** Labels of the workload. */
  labels: Record<string, string>;
  /** The annotations mapping reads (others are dropped to save memory). */
  annotations: Record<string, string>;
  /** Labels of its pods (the pod template). */
  podLabels: Record<string, string>;
  /** `spec.selector.matchLabels` (empty for CronJobs). */
  selector: Record<string, string>;
  /** Container images of its pod template (evidence for owner suggestions). */
  images?: string[];
  /** Its Helm release (`app.kubernetes.io/instance` label or `meta.helm.sh/release-name` annotation). */
  helmRelease?: string;
}

/** A namespace, reduced to what mapping needs. */
export interface NamespaceRecord {
  /** Labels. */
  labels: Record<string, string>;
  /** The annotations mapping reads. */
  annotations: Record<string, string>;
}

/** One workload after the mapping rules ran. */
export interface MappedWorkload {
  /** Cluster name. */
  cluster: string;
  /** Kind. */
  kind: WorkloadKind;
  /** Workload name. */
  workloadName: string;
  /** Namespace. */
  namespace: string;
  /** Entity name (valid for the catalog). */
  name: string;
  /** Entity title. */
  title?: string;
  /** Entity description. */
  description?: string;
  /** Owner entity ref, undefined when no source supplied one. */
  owner?: string;
  /** Which source supplied the owner, for the preview (`label:ratchet.dev/team`). */
  ownerSource?: string;
  /** System. */
  system?: string;
  /** Lifecycle. */
  lifecycle: string;
  /** Component type. */
  type: string;
  /** Tags (valid for the catalog). */
  tags: string[];
  /** Links. */
  links: EntityLink[];
  /** The workload's `backstage.io/kubernetes-id` label. */
  kubernetesId?: string;
  /** A label selector matching the workload and its pods, used when there is no kubernetes-id. */
  labelSelector: string;
  /** Container images (evidence for owner suggestions). */
  images: string[];
  /** Helm release, when it has one. */
  helmRelease?: string;
}

function sourceText(s: MappingSource): string {
  if (s.from === 'workload') return `workload:${s.field}`;
  if (s.from === 'value') return `value:${s.value}`;
  return `${s.from}:${s.key}`;
}

function read(
  s: MappingSource,
  w: WorkloadRecord,
  ns: NamespaceRecord | undefined,
): string | undefined {
  let v: string | undefined;
  switch (s.from) {
    case 'label':
      v = w.labels[s.key];
      break;
    case 'annotation':
      v = w.annotations[s.key];
      break;
    case 'namespaceLabel':
      v = ns?.labels[s.key];
      break;
    case 'namespaceAnnotation':
      v = ns?.annotations[s.key];
      break;
    case 'workload':
      v = s.field === 'name' ? w.name : w[s.field];
      break;
    default:
      v = s.value;
  }
  const trimmed = v?.trim();
  return trimmed ? trimmed : undefined;
}

function first(
  sources: MappingSource[],
  w: WorkloadRecord,
  ns: NamespaceRecord | undefined,
) {
  for (const s of sources) {
    const value = read(s, w, ns);
    if (value !== undefined) return { value, source: sourceText(s) };
  }
  return undefined;
}

/** Makes a string a valid entity name: allowed characters, at most 63, alphanumeric at both ends. */
export function toEntityName(text: string): string | undefined {
  const cleaned = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return cleaned || undefined;
}

function toTag(text: string): string | undefined {
  const tag = text
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9:+#-]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return tag || undefined;
}

// `ratchet.dev/team: payments` means the Group payments; a value that is already a ref is kept.
function toOwnerRef(value: string): string {
  return value.includes(':') ? value : `group:default/${value}`;
}

function parseLinks(text: string): EntityLink[] {
  return text
    .split(/[\n,]+/)
    .map(part => part.trim())
    .filter(Boolean)
    .map(part => {
      const eq = part.indexOf('=');
      const url =
        eq > 0 && !part.slice(0, eq).includes('://')
          ? part.slice(eq + 1).trim()
          : part;
      const title = url === part ? undefined : part.slice(0, eq).trim();
      return title ? { url, title } : { url };
    })
    .filter(link => /^https?:\/\//.test(link.url));
}

/** Applies the mapping rules to one workload; undefined when no valid entity name can be made. */
export function mapWorkload(
  rules: MappingRules,
  w: WorkloadRecord,
  ns: NamespaceRecord | undefined,
): MappedWorkload | undefined {
  const rawName = first(rules.name, w, ns)?.value;
  const name = rawName ? toEntityName(rawName) : undefined;
  if (!name) return undefined;
  const owner = first(rules.owner, w, ns);
  const collect = (sources: MappingSource[]) =>
    sources
      .map(s => read(s, w, ns))
      .filter((v): v is string => v !== undefined);
  const tags = collect(rules.tags)
    .flatMap(v => v.split(','))
    .map(toTag)
    .filter((t): t is string => t !== undefined);
  return {
    cluster: w.cluster,
    kind: w.kind,
    workloadName: w.name,
    namespace: w.namespace,
    name,
    title: first(rules.title, w, ns)?.value,
    description: first(rules.description, w, ns)?.value,
    owner: owner ? toOwnerRef(owner.value) : undefined,
    ownerSource: owner?.source,
    system: first(rules.system, w, ns)?.value,
    lifecycle: first(rules.lifecycle, w, ns)?.value ?? 'production',
    type: first(rules.type, w, ns)?.value ?? 'service',
    tags: [...new Set(tags)],
    links: collect(rules.links).flatMap(parseLinks),
    // A workload without labels is matched through its pod template (see labelSelectorFor).
    kubernetesId: (Object.keys(w.labels).length ? w.labels : w.podLabels)[
      'backstage.io/kubernetes-id'
    ],
    labelSelector: labelSelectorFor(w),
    images: w.images ?? [],
    ...(w.helmRelease && { helmRelease: w.helmRelease }),
  };
}
