// The API models in maturity-common are generated from openapi.yaml (`yarn openapi:generate`); these examples
// check the generator end to end. Each one is typed by its model (so a field the model lacks does not
// compile) and must validate against its schema without properties the schema does not declare.
import type {
  AuditEntry,
  Category,
  CheckDefinition,
  CheckDetail,
  CheckHistory,
  CheckResultView,
  EntityHistory,
  EntityView,
  Exemption,
  ExemptionPage,
  FactSourceInfo,
  FailingCondition,
  FactsPushRequest,
  FactsPushResponse,
  GateResult,
  Level,
  LevelCount,
  LevelReached,
  OffsetPage,
  ResultCounts,
  Rollup,
  ScorecardCheckPage,
  ScorecardDetail,
  ScorecardEntityPage,
  ScorecardHistory,
  StatusCounts,
} from '@ratchet/backstage-plugin-maturity-common';
import Ajv from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { spec } from './openapi';
import { Schema, undeclared } from './__testUtils__/undeclared';

const schemas = spec.components.schemas as Record<string, Schema>;
const commonModels = path.resolve(
  __dirname,
  '../../../maturity-common/src/schema/openapi/generated/models',
);

const examples: Array<[string, unknown]> = [];
function example<T>(schemaName: string, value: T): T {
  examples.push([schemaName, value]);
  return value;
}

const at = '2026-03-01T10:00:00.000Z';
const levels: Level[] = [
  { id: 'bronze', title: 'Bronze', description: 'Basics', color: '#cd7f32' },
];
const categories: Category[] = [
  { id: 'ops', title: 'Operations', description: 'Run it' },
];
const counts: StatusCounts = {
  pass: 3,
  fail: 1,
  error: 0,
  'not-applicable': 1,
  exempt: 1,
};
const failing: FailingCondition = {
  path: 'all[0]',
  fact: 'catalog.spec.owner',
  operator: 'exists',
  expected: true,
  actual: null,
};
const exemption: Exemption = {
  id: 'e1',
  entityRef: 'component:default/a',
  definitionRef: 'scorecard:default/sm',
  checkId: 'has-owner',
  reason: 'Migrating',
  requestedBy: 'user:default/ann',
  requestedAt: at,
  status: 'approved',
  decidedBy: 'user:default/bob',
  decidedAt: at,
  decisionComment: 'Fine',
  expiresAt: at,
  active: true,
};
const result: CheckResultView = {
  id: 'has-owner',
  title: 'Has an owner',
  description: 'Someone to call',
  level: 'bronze',
  category: 'ops',
  remediation: 'Set spec.owner',
  status: 'exempt',
  message: 'No owner',
  failing,
  since: at,
  evaluatedAt: at,
  effective: true,
  exemption,
};
const resultCounts: ResultCounts = {
  passed: 2,
  failed: 1,
  errored: 0,
  total: 3,
};
const reached1: LevelReached = { id: 'bronze', title: 'Bronze', index: 0 };
const distribution: LevelCount[] = [
  { level: null, count: 1 },
  { level: 'bronze', count: 2 },
];
const check: CheckDefinition = {
  id: 'has-owner',
  title: 'Has an owner',
  description: 'Someone to call',
  level: 'bronze',
  category: 'ops',
  remediation: 'Set spec.owner',
  rule: { fact: 'catalog.spec.owner', operator: 'exists' },
  ruleText: 'catalog.spec.owner exists',
  appliesTo: { kind: 'Component' },
  effectiveFrom: '2026-01-01',
  fromCampaign: 'campaign:default/owners',
  problems: [],
  effective: true,
  sourceProblems: [
    {
      kind: 'sourceNotInstalled',
      source: 'scm',
      checkIds: ['has-owner'],
      message: '1 check reads `scm`, which is not installed',
    },
  ],
};
const page: Omit<OffsetPage<never>, 'items'> = {
  total: 1,
  limit: 10,
  offset: 0,
  nextOffset: null,
};

example<ScorecardDetail>('ScorecardDetail', {
  ref: 'scorecard:default/sm',
  namespace: 'default',
  name: 'sm',
  title: 'Service maturity',
  description: 'How mature',
  owner: 'group:default/platform',
  levels,
  categories,
  checkCount: 1,
  entityCount: 3,
  distribution,
  appliesTo: { kind: 'Component' },
  health: check.sourceProblems,
  checks: [check],
});
example<CheckDetail>('CheckDetail', {
  scorecardRef: 'scorecard:default/sm',
  check,
  counts,
  passRate: 0.8,
  entities: {
    ...page,
    items: [
      {
        entityRef: 'component:default/a',
        status: 'fail',
        message: 'No owner',
        failing,
        since: at,
        evaluatedAt: at,
      },
    ],
  },
});
example<CheckHistory>('CheckHistory', {
  scorecardRef: 'scorecard:default/sm',
  checkId: 'has-owner',
  days: 30,
  points: [
    { day: '2026-03-01', passed: 1, failed: 1, total: 2, passRate: 0.5 },
  ],
});
example<Rollup>('Rollup', {
  scorecardRef: 'scorecard:default/sm',
  groupBy: 'owner',
  levels,
  categories,
  groups: [
    {
      key: 'group:default/platform',
      entityCount: 3,
      distribution,
      categories: [{ id: 'ops', passed: 2, total: 3, share: 2 / 3 }],
    },
  ],
});
example<ScorecardEntityPage>('ScorecardEntityPage', {
  ...page,
  items: [
    {
      entityRef: 'component:default/a',
      title: 'A',
      owner: 'group:default/platform',
      system: null,
      lifecycle: 'production',
      level: reached1,
      counts: resultCounts,
    },
  ],
});
example<ScorecardCheckPage>('ScorecardCheckPage', {
  ...page,
  scorecardRef: 'scorecard:default/sm',
  entityCount: 6,
  items: [
    {
      checkId: 'has-owner',
      title: 'Has an owner',
      level: 'bronze',
      category: 'ops',
      counts,
      failing: 1,
      error: 0,
      notCountedYet: 0,
      effective: true,
      passRate: 0.8,
    },
  ],
});
example<ScorecardHistory>('ScorecardHistory', {
  scorecardRef: 'scorecard:default/sm',
  days: 30,
  points: [{ day: '2026-03-01', distribution }],
});
example<EntityView>('EntityView', {
  entityRef: 'component:default/a',
  scorecards: [
    {
      ref: 'scorecard:default/sm',
      title: 'Service maturity',
      evaluated: true,
      level: { id: null, title: null, index: -1 },
      levels,
      categories,
      counts: resultCounts,
      checks: [result],
      // Not null here: the spec's `nullable` next to an allOf does not admit null to a validator.
      nextLevel: {
        level: levels[0],
        index: 0,
        blocking: [
          {
            id: 'has-owner',
            title: 'Has an owner',
            level: 'bronze',
            category: 'ops',
            status: 'fail',
            message: 'No owner',
            remediation: 'Set spec.owner',
          },
        ],
      },
    },
  ],
  campaigns: [
    {
      ref: 'campaign:default/owners',
      title: 'Owners',
      startDate: '2026-01-01',
      dueDate: '2026-06-30',
      counts: resultCounts,
      checks: [{ ...result, status: 'pending' }],
    },
  ],
});
example<EntityHistory>('EntityHistory', {
  entityRef: 'component:default/a',
  scorecardRef: 'scorecard:default/sm',
  days: 30,
  snapshots: [
    { day: '2026-03-01', level: null, levelIndex: -1, passed: 0, total: 1 },
  ],
  transitions: [
    // fromStatus is not null for the reason nextLevel is not.
    {
      checkId: 'has-owner',
      fromStatus: 'fail',
      toStatus: 'pass',
      message: 'Owned',
      at,
    },
  ],
});
example<GateResult>('GateResult', {
  pass: false,
  entityRef: 'component:default/a',
  scorecardRef: 'scorecard:default/sm',
  level: { id: null, title: null, index: -1 },
  required: reached1,
  reasons: [
    {
      checkId: 'has-owner',
      title: 'Has an owner',
      level: 'bronze',
      status: 'pending',
      message: 'Not evaluated yet',
      remediation: 'Set spec.owner',
    },
  ],
});
example<ExemptionPage>('ExemptionPage', { ...page, items: [exemption] });
example<FactsPushRequest>('FactsPushRequest', {
  items: [
    {
      entityRef: 'component:default/a',
      source: 'pushed',
      facts: { coverage: 0.8 },
      observedAt: at,
    },
  ],
});
example<FactsPushResponse>('FactsPushResponse', {
  accepted: 1,
  changed: 1,
  unchanged: 0,
});
example<FactSourceInfo>('FactSourceInfo', {
  id: 'catalog',
  title: 'Catalog',
  description: 'The entity itself',
  schema: { type: 'object' },
  schedule: { frequency: { minutes: 30 } },
  collects: true,
  acceptsPush: false,
});
example<AuditEntry>('AuditEntry', {
  id: 1,
  at,
  actor: 'user:default/ann',
  action: 'exemption.approve',
  subject: { exemptionId: 'e1' },
  details: { comment: 'Fine' },
});

describe('the API models of maturity-common', () => {
  const ajv = new Ajv({ strict: false, validateFormats: false }).addSchema(
    spec,
    'openapi',
  );

  it.each(examples)(
    '%s: the example validates against the spec',
    (name, value) => {
      const validate = ajv.getSchema(`openapi#/components/schemas/${name}`)!;
      expect(validate(value) ? [] : validate.errors).toEqual([]);
    },
  );

  it.each(examples)(
    '%s: the example has no property the spec lacks',
    (name, value) => {
      expect(undeclared(value, { $ref: `#/${name}` }, name)).toEqual([]);
    },
  );

  it('has a generated model in maturity-common for every schema', () => {
    // Examples cover the scorecard, entity, report, exemption and fact models; the rest are generated
    // by the same code, and `yarn openapi:check` keeps them current.
    const models = fs
      .readdirSync(commonModels)
      .filter(f => f.endsWith('.model.ts'))
      .map(f => f.replace(/\.model\.ts$/, ''));
    // Error would shadow the global Error, so the generator names its model ModelError.
    const expected = Object.keys(schemas).map(n =>
      n === 'Error' ? 'ModelError' : n,
    );
    expect(models).toEqual(expect.arrayContaining(expected));
    examples.forEach(([name]) => expect(models).toContain(name));
  });
});
