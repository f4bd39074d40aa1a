import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ChecklistEntityV1alpha1,
  ChecklistItem,
  ChecklistPhase,
} from '@ratchet/backstage-plugin-maturity-common';
import { resolveDefinitionRef } from './refs';

/** A checklist item with its area and the resolved ref of the check that answers it. */
export interface ModelItem extends ChecklistItem {
  areaId: string;
  /** Index of `requiredFor` in the phases. */
  phaseIndex: number;
  /** The scorecard or campaign ref of `answeredBy`, resolved in the checklist's namespace. */
  checkDefinitionRef?: string;
}

/** A Checklist entity prepared for the readiness machines: phases by index, items by id. */
export interface ChecklistModel {
  ref: string;
  title: string;
  phases: ChecklistPhase[];
  areas: Array<{
    id: string;
    title: string;
    description?: string;
    items: ModelItem[];
  }>;
  items: Map<string, ModelItem>;
  reviewersGroup: string;
  requiredApprovals: number;
  /** Index of a phase id, -1 when unknown. */
  phaseIndex(phaseId: string | null): number;
}

/** Builds the model of a validated Checklist entity. */
export function checklistModel(
  entity: ChecklistEntityV1alpha1,
): ChecklistModel {
  const namespace = entity.metadata.namespace ?? 'default';
  const phaseIds = entity.spec.phases.map(p => p.id);
  const items = new Map<string, ModelItem>();
  const areas = entity.spec.areas.map(area => ({
    id: area.id,
    title: area.title,
    description: area.description,
    items: area.items.map(item => {
      const ref = item.answeredBy;
      const model: ModelItem = {
        ...item,
        areaId: area.id,
        phaseIndex: phaseIds.indexOf(item.requiredFor),
        checkDefinitionRef: ref
          ? resolveDefinitionRef(
              ref.scorecard ? 'scorecard' : 'campaign',
              (ref.scorecard ?? ref.campaign)!,
              namespace,
            )
          : undefined,
      };
      items.set(item.id, model);
      return model;
    }),
  }));
  return {
    ref: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    phases: entity.spec.phases,
    areas,
    items,
    reviewersGroup: resolveDefinitionRef(
      'group',
      entity.spec.reviewers.group,
      namespace,
    ),
    requiredApprovals: entity.spec.reviewers.requiredApprovals ?? 1,
    phaseIndex: (phaseId: string | null) =>
      phaseId === null ? -1 : phaseIds.indexOf(phaseId),
  };
}
