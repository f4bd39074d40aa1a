import maturityAlphaPlugin from './alpha';
import { maturityPlugin } from './plugin';

describe('maturity plugin', () => {
  it('exports the legacy plugin with its routes', () => {
    expect(maturityPlugin.getId()).toBe('maturity');
    expect(Object.keys(maturityPlugin.routes)).toEqual([
      'root',
      'scorecard',
      'check',
      'campaigns',
      'campaign',
    ]);
  });

  it('exports the new-frontend-system plugin with page, entity contents, card and API', () => {
    expect(maturityAlphaPlugin.id).toBe('maturity');
    for (const id of [
      'api:maturity',
      'page:maturity',
      'entity-content:maturity/maturity',
      'entity-content:maturity/team-maturity',
      'entity-card:maturity/maturity',
      'page:maturity/campaigns',
      'entity-content:maturity/campaigns',
      'entity-content:maturity/team-campaigns',
      'entity-card:maturity/campaigns',
      'api:maturity/readiness',
      'page:maturity/readiness',
      'entity-content:maturity/readiness',
    ] as const) {
      expect(maturityAlphaPlugin.getExtension(id)).toBeDefined();
    }
  });
});
