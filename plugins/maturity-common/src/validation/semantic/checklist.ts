import type { ChecklistEntityV1alpha1 } from '../../kinds';
import { joinPath } from '../paths';
import type { RatchetValidationContext } from '../types';
import {
  Problems,
  checkCheckReference,
  checkEntityRef,
  checkKnownId,
  checkUniqueIds,
  namespaceOf,
} from './common';

/** The checks of a Checklist that a JSON Schema cannot express. */
export function checkChecklist(
  entity: ChecklistEntityV1alpha1,
  context: RatchetValidationContext,
  problems: Problems,
): void {
  const { spec } = entity;
  const namespace = namespaceOf(entity);
  checkEntityRef(
    spec.owner,
    { defaultKind: 'Group', defaultNamespace: namespace },
    'spec.owner',
    problems,
  );
  checkEntityRef(
    spec.reviewers.group,
    { defaultKind: 'Group', defaultNamespace: namespace },
    'spec.reviewers.group',
    problems,
  );
  checkUniqueIds('phase', spec.phases, 'spec.phases', problems);
  checkUniqueIds('area', spec.areas, 'spec.areas', problems);

  const phaseIds = spec.phases.map(p => p.id);
  // Item ids are unique across the whole checklist, not only within an area.
  const itemIds = new Map<string, string>();
  spec.areas.forEach((area, i) => {
    const itemsPath = joinPath(joinPath('spec.areas', i), 'items');
    checkUniqueIds('item', area.items, itemsPath, problems, itemIds);
    area.items.forEach((item, j) => {
      const path = joinPath(itemsPath, j);
      checkKnownId(
        'phase',
        item.requiredFor,
        phaseIds,
        joinPath(path, 'requiredFor'),
        problems,
      );
      if (item.answeredBy) {
        checkCheckReference(
          item.answeredBy,
          joinPath(path, 'answeredBy'),
          entity,
          context,
          problems,
        );
      }
    });
  });
}
