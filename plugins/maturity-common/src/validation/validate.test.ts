import type { Entity } from '@backstage/catalog-model';
import { validateRatchetEntity } from './validate';

function scorecard(spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Scorecard',
    metadata: { name: 'service-maturity', namespace: 'payments' },
    spec: {
      owner: 'platform',
      levels: [
        { id: 'bronze', title: 'Bronze' },
        { id: 'silver', title: 'Silver' },
      ],
      categories: [{ id: 'ownership', title: 'Ownership' }],
      checks: [
        {
          id: 'has-owner',
          title: 'Has an owner',
          level: 'bronze',
          category: 'ownership',
          rule: { fact: 'catalog.spec.owner', operator: 'exists' },
        },
      ],
      ...spec,
    },
  };
}

function campaign(spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Campaign',
    metadata: { name: 'owners', namespace: 'payments' },
    spec: {
      owner: 'platform',
      brief: 'Owners everywhere.',
      targets: { kind: 'Component' },
      checks: [{ ref: { scorecard: 'service-maturity', check: 'has-owner' } }],
      startDate: '2026-01-05',
      dueDate: '2026-03-31',
      ...spec,
    },
  };
}

describe('validateRatchetEntity', () => {
  it('accepts a valid entity', () => {
    expect(validateRatchetEntity(scorecard())).toEqual([]);
  });

  it('rejects what is not an entity of its kinds', () => {
    expect(validateRatchetEntity('Scorecard')).toEqual([
      {
        path: '',
        message: 'must be an entity (an object); got the string "Scorecard"',
      },
    ]);
    expect(validateRatchetEntity({ kind: 'Component' })).toEqual([
      {
        path: 'kind',
        message:
          'must be one of Scorecard, Campaign, Checklist; got the string "Component"',
        expected: 'one of Scorecard, Campaign, Checklist',
      },
    ]);
  });

  it('reports every schema problem in document order, and no semantic ones until the shape is right', () => {
    const problems = validateRatchetEntity(
      scorecard({
        owner: 7,
        checks: [
          {
            id: 'has-owner',
            title: 'Has an owner',
            level: 'platinum',
            category: 'ownership',
            rule: { fact: 'catalog.spec.owner', operator: 'equals' },
          },
        ],
      }),
    );
    expect(problems.map(p => p.path)).toEqual([
      'spec.owner',
      'spec.checks[0].rule.operator',
    ]);
  });

  it('gives one message for a rule node, not one per rule shape', () => {
    const problems = validateRatchetEntity(
      scorecard({
        checks: [
          {
            id: 'has-owner',
            title: 'Has an owner',
            level: 'bronze',
            category: 'ownership',
            rule: {
              all: [
                { any: [{ not: { fact: 'catalog.x', operater: 'exists' } }] },
              ],
            },
          },
        ],
      }),
    );
    expect(problems).toEqual([
      {
        path: 'spec.checks[0].rule.all[0].any[0].not.operater',
        message: 'unknown property "operater"; did you mean "operator"?',
        expected: 'one of fact, operator, value',
      },
    ]);
  });

  it('names keys that are not identifiers in brackets', () => {
    const problems = validateRatchetEntity(
      scorecard({
        appliesTo: { annotations: { 'backstage.io/techdocs-ref': 5 } },
      }),
    );
    expect(problems.map(p => p.path)).toEqual([
      'spec.appliesTo.annotations["backstage.io/techdocs-ref"]',
    ]);
  });

  describe('references', () => {
    const known = scorecard();
    const resolve = jest.fn((kind: string, ref: string) =>
      kind === 'Scorecard' && ref === 'scorecard:payments/service-maturity'
        ? known
        : undefined,
    );

    it('resolves short refs in the namespace of the entity', () => {
      expect(validateRatchetEntity(campaign(), { resolve })).toEqual([]);
      expect(resolve).toHaveBeenCalledWith(
        'Scorecard',
        'scorecard:payments/service-maturity',
      );
    });

    it('checks ids against a known entity', () => {
      const problems = validateRatchetEntity(
        campaign({
          checks: [{ ref: { scorecard: 'service-maturity', check: 'nope' } }],
          onCompletion: {
            promoteTo: {
              scorecard: 'service-maturity',
              level: 'gold',
              category: 'security',
            },
          },
        }),
        { resolve },
      );
      expect(problems.map(p => `${p.path}: ${p.message}`)).toEqual([
        'spec.onCompletion.promoteTo.level: unknown level "gold" in scorecard:payments/service-maturity; expected one of bronze, silver',
        'spec.onCompletion.promoteTo.category: unknown category "security" in scorecard:payments/service-maturity; expected one of ownership',
        'spec.checks[0].ref.check: unknown check "nope" in scorecard:payments/service-maturity; expected one of has-owner',
      ]);
    });

    it('accepts references to entities it does not know', () => {
      const unknown = campaign({
        checks: [
          {
            ref: { scorecard: 'scorecard:other/elsewhere', check: 'anything' },
          },
        ],
        onCompletion: {
          promoteTo: { scorecard: 'elsewhere', level: 'anything' },
        },
      });
      expect(validateRatchetEntity(unknown, { resolve })).toEqual([]);
      expect(validateRatchetEntity(unknown)).toEqual([]);
    });

    it('ignores a resolved entity of another kind', () => {
      const confused = jest.fn(() => campaign());
      expect(
        validateRatchetEntity(
          campaign({
            checks: [{ ref: { scorecard: 'service-maturity', check: 'nope' } }],
          }),
          {
            resolve: confused,
          },
        ),
      ).toEqual([]);
    });
  });

  it('requires a due date after the start date', () => {
    expect(
      validateRatchetEntity(
        campaign({ startDate: '2026-03-31', dueDate: '2026-03-31' }),
      ),
    ).toEqual([
      expect.objectContaining({
        path: 'spec.dueDate',
        message: 'must be after spec.startDate (2026-03-31); got 2026-03-31',
      }),
    ]);
  });
});

describe('a check appliesWhen rule', () => {
  const withAppliesWhen = (appliesWhen: unknown) =>
    scorecard({
      checks: [
        {
          id: 'probes',
          title: 'Has probes',
          level: 'bronze',
          category: 'ownership',
          appliesWhen,
          rule: {
            fact: 'kubernetes.probes.liveness',
            operator: 'equal',
            value: true,
          },
        },
      ],
    });

  it('is a rule over facts', () => {
    expect(
      validateRatchetEntity(
        withAppliesWhen({
          fact: 'kubernetes.found',
          operator: 'equal',
          value: true,
        }),
      ),
    ).toEqual([]);
  });

  it('is validated like the rule, with the path of the bad field', () => {
    const problems = validateRatchetEntity(
      withAppliesWhen({
        fact: 'kubernetes.found',
        operator: 'equals',
        value: true,
      }),
    );
    expect(problems.map(p => p.path)).toEqual([
      'spec.checks[0].appliesWhen.operator',
    ]);
  });
});
