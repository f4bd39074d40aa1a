import { describeRule } from './describeRule';

describe('describeRule', () => {
  it('renders a rule tree as indented text, one condition per line', () => {
    expect(
      describeRule({
        all: [
          { fact: 'catalog.owner.exists', operator: 'equal', value: true },
          {
            any: [
              {
                fact: 'kubernetes.replicas.desired',
                operator: 'greaterThanInclusive',
                value: 2,
              },
              {
                not: {
                  fact: 'catalog.spec.lifecycle',
                  operator: 'in',
                  value: ['production', 'beta'],
                },
              },
            ],
          },
          { fact: 'scm.files.readme', operator: 'exists' },
          { fact: 'scm.files.todo', operator: 'exists', value: false },
        ],
      }),
    ).toBe(
      [
        'all of:',
        '  - catalog.owner.exists equals true',
        '  - any of:',
        '    - kubernetes.replicas.desired is at least 2',
        '    - not:',
        '      - catalog.spec.lifecycle is one of ["production","beta"]',
        '  - scm.files.readme exists',
        '  - scm.files.todo does not exist',
      ].join('\n'),
    );
  });

  it('renders a single condition and every operator readably', () => {
    expect(
      describeRule({ fact: 'ci.coverage', operator: 'lessThan', value: 80 }),
    ).toBe('ci.coverage is less than 80');
    expect(
      describeRule({
        fact: 'scm.python',
        operator: 'semverSatisfies',
        value: '>=3.11',
      }),
    ).toBe('scm.python satisfies ">=3.11"');
    expect(
      describeRule({ fact: 'a.b', operator: 'matches', value: '^v\\d' }),
    ).toBe('a.b matches "^v\\\\d"');
  });
});
