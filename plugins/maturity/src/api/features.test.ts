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
      scorecardChecks: false,
      exemptionPages: false,
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
      scorecardChecks: false,
      exemptionPages: false,
    });
  });

  it("finds the scorecard's check counts and the paged exemptions once the backend has them", () => {
    const features = featuresOf({
      paths: {
        '/api/maturity/scorecards/{namespace}/{name}/checks/{checkId}': {},
        '/api/maturity/scorecards/{namespace}/{name}/checks': {},
        '/api/maturity/exemptions': {
          get: {
            parameters: [
              { name: 'checkId' },
              { $ref: '#/components/parameters/limit' },
              { name: 'offset' },
            ],
          },
        },
      },
      components: { parameters: { limit: { name: 'limit' } } },
    });
    expect(features).toMatchObject({
      scorecardChecks: true,
      exemptionPages: true,
    });
  });

  it('does not take the check detail or an unpaged exemption list for the newer endpoints', () => {
    expect(
      featuresOf({
        paths: {
          '/api/maturity/scorecards/{namespace}/{name}/checks/{checkId}': {},
          '/api/maturity/exemptions': {
            get: { parameters: [{ name: 'scorecard' }, { name: 'status' }] },
          },
        },
      }),
    ).toMatchObject({ scorecardChecks: false, exemptionPages: false });
  });
});
