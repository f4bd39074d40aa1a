import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  RATCHET_API_VERSION,
  RatchetEntityValidationError,
  isRatchetKind,
  validateRatchetEntity,
} from '@ratchet/backstage-plugin-maturity-common';
import { KnownDefinitions } from './KnownDefinitions';
import { withDefinitionWarnings } from './definitionWarnings';

const RATCHET_GROUP = RATCHET_API_VERSION.slice(
  0,
  RATCHET_API_VERSION.indexOf('/') + 1,
);

/**
 * True for the entities this processor answers for: our kinds in the `ratchet.dev` API group, whatever
 * the version, so that a wrong version gets a precise error instead of the catalog's generic "no
 * processor recognized the entity".
 */
function isOwnEntity(entity: Entity): boolean {
  return (
    isRatchetKind(entity.kind) && entity.apiVersion.startsWith(RATCHET_GROUP)
  );
}

/**
 * Validates the Scorecard, Campaign and Checklist kinds with errors that name the field, and emits
 * their ownership relations. Checks reading a fact path that a known source's schema does not declare
 * get a warning status item (definition health), which does not stop the definition from being stored.
 *
 * References to other Scorecards and Campaigns are checked against the ones this instance has already
 * validated; a reference to one it has not seen is accepted, since processing order is not guaranteed.
 */
export class RatchetKindsProcessor implements CatalogProcessor {
  readonly #known: KnownDefinitions;
  readonly #sourceSchemas: Parameters<typeof withDefinitionWarnings>[1];

  constructor(
    options: {
      knownDefinitionsCapacity?: number;
      /** Fact source schemas known to the catalog (knownSourceSchemas): checks are held against them. */
      sourceSchemas?: Parameters<typeof withDefinitionWarnings>[1];
    } = {},
  ) {
    this.#known = new KnownDefinitions(options.knownDefinitionsCapacity);
    this.#sourceSchemas = options.sourceSchemas ?? new Map();
  }

  getProcessorName(): string {
    return 'RatchetKindsProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isOwnEntity(entity)) {
      return false;
    }
    const problems = validateRatchetEntity(entity, {
      resolve: this.#known.resolve,
    });
    if (problems.length) {
      throw new RatchetEntityValidationError(
        stringifyEntityRef(entity),
        problems,
      );
    }
    this.#known.remember(entity);
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isOwnEntity(entity)) {
      return entity;
    }
    const checked = withDefinitionWarnings(entity, this.#sourceSchemas);
    const owner = entity.spec?.owner;
    if (typeof owner !== 'string') {
      return checked;
    }
    const self = getCompoundEntityRef(entity);
    const target = parseEntityRef(owner, {
      defaultKind: 'Group',
      defaultNamespace: self.namespace,
    });
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_OWNED_BY,
        target,
      }),
    );
    emit(
      processingResult.relation({
        source: target,
        type: RELATION_OWNER_OF,
        target: self,
      }),
    );
    return checked;
  }
}
