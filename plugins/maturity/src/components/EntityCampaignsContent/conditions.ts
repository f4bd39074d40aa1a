import type { ApiHolder } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { maturityApiRef } from '../../api';

/**
 * An `EntitySwitch` condition: whether a campaign (not a draft) targets the entity. Errors count as no,
 * so the overview never breaks on the campaigns backend.
 */
export async function isCampaignTarget(
  entity: Entity,
  context: { apis: ApiHolder },
): Promise<boolean> {
  const api = context.apis.get(maturityApiRef);
  if (!api) return false;
  try {
    const list = await api.getEntityCampaigns(stringifyEntityRef(entity));
    return list.items.length > 0;
  } catch {
    return false;
  }
}
