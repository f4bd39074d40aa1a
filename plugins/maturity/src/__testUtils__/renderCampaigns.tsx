import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import type { MaturityApi } from '../api';
import type { Decision } from './fixtures';
import { renderMaturity } from './render';

/** Renders a campaigns component with the campaigns and maturity pages mounted; `permission` per name. */
export function renderCampaigns(
  element: ReactElement,
  options: {
    api: MaturityApi;
    permission?: (permission: string) => Decision;
    entity?: Entity;
    routeEntries?: string[];
  },
) {
  return renderMaturity(element, options);
}
