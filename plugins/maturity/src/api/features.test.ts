import { featuresOf } from './MaturityClient';

describe('featuresOf', () => {
  it('finds no optional endpoint in the current spec', () => {
    expect(
      featuresOf({
        paths: {
          '/api/maturity/scorecards/{namespace}/{name}/rollup': {
            get: {
              parameters: [
                { $ref: '#/components/parameters/namespace' },
                { name: 'groupBy' },
              ],
            },
          },
        },
        components: { parameters: { namespace: { name: 'namespace' } } },
      }),
    ).toEqual({
      scorecardEntities: false,
      scorecardHistory: false,
      rollupFilters: false,
    });
  });

  it('finds the ranking, the scorecard history and the roll-up filters once the backend has them', () => {
    const filter = (name: string) => ({ name });
    expect(
      featuresOf({
        paths: {
          '/api/maturity/scorecards/{namespace}/{name}/entities': {},
          '/api/maturity/scorecards/{namespace}/{name}/history': {},
          '/api/maturity/scorecards/{namespace}/{name}/rollup': {
            get: {
              parameters: [
                filter('groupBy'),
                filter('owner'),
                filter('system'),
                { $ref: '#/components/parameters/lifecycle' },
                filter('kind'),
              ],
            },
          },
        },
        components: { parameters: { lifecycle: { name: 'lifecycle' } } },
      }),
    ).toEqual({
      scorecardEntities: true,
      scorecardHistory: true,
      rollupFilters: true,
    });
  });
});
