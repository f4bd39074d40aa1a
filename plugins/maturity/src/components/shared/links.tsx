import { ReactNode, useMemo } from 'react';
import { Link } from '@backstage/core-components';
import {
  AnyParams,
  RouteFunc,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { checkRouteRef, scorecardRouteRef } from '../../routes';
import { scorecardParts } from './format';

/** useRouteRef that answers undefined when the app does not mount the maturity pages. */
function useOptionalSubRoute<P extends AnyParams>(
  ref: SubRouteRef<P>,
): RouteFunc<P> | undefined {
  try {
    // useRouteRef calls all its hooks before it throws, so the hook order stays stable.
    return useRouteRef(ref);
  } catch {
    return undefined;
  }
}

/** URL builders for the maturity pages; each is undefined when the pages are not mounted. */
export function useMaturityLinks() {
  const scorecardRoute = useOptionalSubRoute(scorecardRouteRef);
  const checkRoute = useOptionalSubRoute(checkRouteRef);
  const entityLink = useEntityRefLink();
  return useMemo(
    () => ({
      scorecard: scorecardRoute
        ? (ref: string) => {
            const { namespace, name } = scorecardParts(ref);
            return scorecardRoute({ namespace, name });
          }
        : undefined,
      check: checkRoute
        ? (ref: string, checkId: string, query?: Record<string, string>) => {
            const { namespace, name } = scorecardParts(ref);
            const path = checkRoute({ namespace, name, checkId });
            const qs = query ? new URLSearchParams(query).toString() : '';
            return qs ? `${path}?${qs}` : path;
          }
        : undefined,
      /** The entity's Maturity tab. */
      entityTab: (entityRef: string, tabPath = 'maturity') =>
        `${entityLink(entityRef)}/${tabPath}`,
    }),
    [scorecardRoute, checkRoute, entityLink],
  );
}

/** A check's title, linked to its check page when the pages are mounted. */
export function CheckLink(props: {
  scorecardRef: string;
  checkId: string;
  children: ReactNode;
  query?: Record<string, string>;
}) {
  const links = useMaturityLinks();
  if (!links.check) return <>{props.children}</>;
  return (
    <Link to={links.check(props.scorecardRef, props.checkId, props.query)}>
      {props.children}
    </Link>
  );
}

/** A scorecard's title, linked to its org report when the pages are mounted. */
export function ScorecardLink(props: {
  scorecardRef: string;
  children: ReactNode;
}) {
  const links = useMaturityLinks();
  if (!links.scorecard) return <>{props.children}</>;
  return <Link to={links.scorecard(props.scorecardRef)}>{props.children}</Link>;
}
