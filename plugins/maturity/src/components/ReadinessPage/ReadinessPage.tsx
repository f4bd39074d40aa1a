import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { OrgOverview } from './OrgOverview';
import { ReviewQueue } from './ReviewQueue';

/** The readiness page: the org overview and the reviewer queue. */
export function ReadinessPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Operational readiness"
        subtitle="Where launches stand, and the reviews waiting for a sign-off"
      />
      <Content>
        <TabbedLayout>
          <TabbedLayout.Route path="/" title="Overview">
            <OrgOverview />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/reviews" title="Review queue">
            <ReviewQueue />
          </TabbedLayout.Route>
        </TabbedLayout>
      </Content>
    </Page>
  );
}
