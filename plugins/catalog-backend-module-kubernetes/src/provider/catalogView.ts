import type { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATIONS } from './entities';

/** A Component that another source (catalog-info.yaml, another provider) already declares. */
export interface ForeignEntity {
  /** Its ref as written. */
  ref: string;
  /** Its spec.owner. */
  owner?: string;
}

/** What the provider needs to know about the catalog before it emits. */
export interface CatalogView {
  /** Components from other sources, by lowercased ref. */
  foreign: Map<string, ForeignEntity>;
  /** Owned Components by the repository they declare (lowercased `org/repo`), for owner suggestions. */
  repositories: Map<string, ForeignEntity>;
}

const SLUG_ANNOTATIONS = ['github.com/project-slug', 'gitlab.com/project-slug'];
const SOURCE_LOCATION = 'backstage.io/source-location';

/** `org/repo` of a Component: its project-slug annotation, else the path of its source location. */
export function repositoryOf(
  annotations: Record<string, string> | undefined,
): string | undefined {
  for (const key of SLUG_ANNOTATIONS) {
    if (annotations?.[key]) return annotations[key].toLocaleLowerCase('en-US');
  }
  const location = annotations?.[SOURCE_LOCATION]?.replace(/^url:/, '');
  if (!location) return undefined;
  try {
    const [org, repo] = new URL(location).pathname.split('/').filter(Boolean);
    return org && repo
      ? `${org}/${repo.replace(/\.git$/, '')}`.toLocaleLowerCase('en-US')
      : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the catalog through the catalog service with the module's own credentials. */
export class CatalogLookup {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #providerName: string;

  /** Creates the lookup for one provider. */
  constructor(
    catalog: CatalogService,
    auth: AuthService,
    providerName: string,
  ) {
    this.#catalog = catalog;
    this.#auth = auth;
    this.#providerName = providerName;
  }

  /** Every Component not emitted by this provider, so that same-named workloads do not clash with it. */
  async view(): Promise<CatalogView> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const foreign = new Map<string, ForeignEntity>();
    const repositories = new Map<string, ForeignEntity>();
    for await (const page of this.#catalog.streamEntities(
      {
        filter: { kind: 'Component' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
        ],
      },
      { credentials },
    )) {
      for (const entity of page) {
        if (
          entity.metadata.annotations?.[ANNOTATIONS.provider] ===
          this.#providerName
        )
          continue;
        const ref = stringifyEntityRef(entity);
        const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
        const known = { ref, ...(typeof owner === 'string' && { owner }) };
        foreign.set(ref.toLocaleLowerCase('en-US'), known);
        const repository = repositoryOf(entity.metadata.annotations);
        if (repository && known.owner) repositories.set(repository, known);
      }
    }
    return { foreign, repositories };
  }

  /**
   * The provider's own entities already in the catalog that list this cluster: after a restart, they
   * stand in for a cluster that fails before this process ever read it.
   */
  async ownEntitiesOf(clusters: string[]): Promise<Entity[]> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const wanted = new Set(clusters);
    const out: Entity[] = [];
    for await (const page of this.#catalog.streamEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATIONS.provider}`]: this.#providerName,
        },
      },
      { credentials },
    )) {
      for (const entity of page) {
        const listed =
          entity.metadata.annotations?.[ANNOTATIONS.clusters]?.split(',') ?? [];
        if (listed.some(c => wanted.has(c))) out.push(asEmitted(entity));
      }
    }
    return out;
  }
}

// A processed entity carries uid, etag, relations and status; a provider emits none of those.
function asEmitted(entity: Entity): Entity {
  const {
    name,
    namespace,
    title,
    description,
    labels,
    annotations,
    tags,
    links,
  } = entity.metadata;
  const metadata: Entity['metadata'] = { name, namespace };
  if (title) metadata.title = title;
  if (description) metadata.description = description;
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  if (tags?.length) metadata.tags = tags;
  if (links?.length) metadata.links = links;
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata,
    spec: entity.spec,
  };
}
