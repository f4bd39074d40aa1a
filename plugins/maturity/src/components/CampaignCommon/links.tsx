import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { RouteFunc, useRouteRef } from '@backstage/core-plugin-api';
import { campaignRouteRef } from '../../routes';
import { campaignParts } from './format';

/** The campaign route, or undefined when the app does not mount the campaigns page. */
function useOptionalCampaignRoute():
  | RouteFunc<{ namespace: string; name: string }>
  | undefined {
  try {
    // useRouteRef calls all its hooks before it throws, so the hook order stays stable.
    return useRouteRef(campaignRouteRef);
  } catch {
    return undefined;
  }
}

/** The URL builder of a campaign page, or undefined when the app does not mount the campaigns page. */
export function useCampaignLink(): ((ref: string) => string) | undefined {
  const route = useOptionalCampaignRoute();
  if (!route) return undefined;
  return (ref: string) => {
    const { namespace, name } = campaignParts(ref);
    return route({ namespace, name });
  };
}

/** A campaign's title, linked to its page when the campaigns page is mounted. */
export function CampaignLink(props: {
  campaignRef: string;
  children: ReactNode;
}) {
  const link = useCampaignLink();
  if (!link) return <>{props.children}</>;
  return <Link to={link(props.campaignRef)}>{props.children}</Link>;
}
