import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/lib/useAsync';

/** The values the org report can be filtered by. */
export interface FilterOptions {
  owners: string[];
  systems: string[];
  lifecycles: string[];
  kinds: string[];
}

function toRefs(values: string[], defaultKind: string): string[] {
  const refs = new Set<string>();
  for (const value of values) {
    try {
      refs.add(
        stringifyEntityRef(
          parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
        ),
      );
    } catch {
      // not a ref: leave it out of the options
    }
  }
  return [...refs].sort();
}

/** Owner, system, lifecycle and kind values from one catalog facets request. */
export function useFilterOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<FilterOptions> => {
    const { facets } = await catalogApi.getEntityFacets({
      facets: ['relations.ownedBy', 'spec.system', 'spec.lifecycle', 'kind'],
    });
    const values = (key: string) => (facets[key] ?? []).map(f => f.value);
    return {
      owners: toRefs(values('relations.ownedBy'), 'group'),
      systems: toRefs(values('spec.system'), 'system'),
      lifecycles: values('spec.lifecycle').sort(),
      kinds: values('kind').sort(),
    };
  }, [catalogApi]);
}
