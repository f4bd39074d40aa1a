import type { CampaignTarget } from '@ratchet/backstage-plugin-maturity-common';
import {
  failingTarget,
  passingTarget,
} from '../../__testUtils__/campaignFixtures';
import { fetchAllTargets, targetsToCsv } from './csv';

describe('targets CSV', () => {
  it('writes a header and one row per target, quoting what needs it', () => {
    const tricky: CampaignTarget = {
      ...failingTarget,
      entityRef: 'component:default/a',
      title: 'Say "hi", then =SUM(A1)',
      failingChecks: [
        { ...failingTarget.failingChecks[0], message: 'line one\nline two' },
      ],
    };
    expect(targetsToCsv([passingTarget, tricky]).split('\r\n')).toEqual([
      'entityRef,title,owner,state,since,firstPassedAt,regressed,failingChecks,messages',
      'component:default/fraud-scorer,,group:default/risk,passing,2026-10-10T00:00:00Z,2026-10-10T00:00:00Z,false,,',
      'component:default/a,"Say ""hi"", then =SUM(A1)",group:default/payments,failing,2026-11-02T00:00:00Z,2026-10-20T00:00:00Z,true,has-poetry-lock,"line one\nline two"',
      '',
    ]);
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const row = targetsToCsv([
      { ...passingTarget, title: '=HYPERLINK("x")' },
    ]).split('\r\n')[1];
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('fetches every page of targets', async () => {
    const all = Array.from({ length: 1100 }, (_, i) => ({
      ...passingTarget,
      entityRef: `component:default/s${i}`,
    }));
    const listCampaignTargets = jest.fn(
      async (_c: unknown, q: { limit?: number; offset?: number } = {}) => {
        const offset = q.offset ?? 0;
        const items = all.slice(offset, offset + (q.limit ?? 100));
        const next = offset + items.length;
        return {
          items,
          total: all.length,
          limit: q.limit ?? 100,
          offset,
          nextOffset: next < all.length ? next : null,
        };
      },
    );
    const targets = await fetchAllTargets(
      { listCampaignTargets },
      { namespace: 'default', name: 'c' },
    );
    expect(targets.map(t => t.entityRef)).toEqual(all.map(t => t.entityRef));
    expect(listCampaignTargets.mock.calls.map(c => c[1])).toEqual([
      { limit: 500, offset: 0 },
      { limit: 500, offset: 500 },
      { limit: 500, offset: 1000 },
    ]);
  });
});
