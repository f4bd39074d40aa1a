import type { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { createFixture, databases } from '../__testUtils__/fixture';
import { ESTATE } from '../__testUtils__/estate';

jest.setTimeout(120_000);

/** The estate's scorecard with three checks reading `scm` (not installed) and one a typo of `ci`. */
const BROKEN: Entity[] = ESTATE.map(entity => {
  if (entity.kind !== 'Scorecard') return entity;
  const spec = entity.spec as { checks: object[] };
  const check = (id: string, fact: string) => ({
    id,
    title: id,
    level: 'gold',
    category: 'quality',
    rule: { fact, operator: 'exists' },
  });
  return {
    ...entity,
    spec: {
      ...spec,
      checks: [
        ...spec.checks,
        check('readme', 'scm.files.README.md.exists'),
        check('poetry', 'scm.packageManager'),
        check('deps', 'scm.dependencies.requests'),
        check('tests', 'ci.tests.failed'),
      ],
    },
  };
});

describe.each(databases.eachSupportedId())('definition health (%s)', id => {
  it('reports each problem once on the scorecard and on the checks concerned', async () => {
    const { app } = await createFixture(id, { entities: BROKEN });
    const detail = await request(app).get('/scorecards/default/test-maturity');
    expect(detail.status).toBe(200);
    expect(detail.body.health).toEqual([
      {
        kind: 'sourceNotInstalled',
        source: 'scm',
        checkIds: ['readme', 'poetry', 'deps'],
        message: '3 checks read `scm`, which is not installed',
      },
      {
        kind: 'factNotDeclared',
        source: 'ci',
        fact: 'ci.tests.failed',
        checkIds: ['tests'],
        message:
          '1 check reads `ci.tests.failed`, which source `ci` does not declare',
      },
    ]);
    const sound = detail.body.checks.find(
      (c: { id: string }) => c.id === 'coverage',
    );
    expect(sound.sourceProblems).toEqual([]);

    const check = await request(app).get(
      '/scorecards/default/test-maturity/checks/readme',
    );
    expect(check.body.check.sourceProblems).toEqual([
      expect.objectContaining({
        kind: 'sourceNotInstalled',
        source: 'scm',
        checkIds: ['readme'],
      }),
    ]);
  });
});
