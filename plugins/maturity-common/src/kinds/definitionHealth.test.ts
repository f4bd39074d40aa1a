import {
  definitionHealth,
  factRefsOfCheck,
  schemaDeclaresPath,
} from './definitionHealth';

const SCM = {
  type: 'object',
  properties: {
    files: {
      type: 'object',
      properties: {
        'README.md': {
          type: 'object',
          properties: { exists: { type: 'boolean' } },
        },
      },
      additionalProperties: {
        type: 'object',
        properties: { exists: { type: 'boolean' } },
      },
    },
    dependencies: { type: 'object', additionalProperties: { type: 'string' } },
    packageManagers: { type: 'array', items: { type: 'string' } },
    labels: {
      type: 'object',
      patternProperties: { '^app\\.': { type: 'string' } },
    },
    metadata: { type: 'object' },
    language: { type: 'string' },
    either: {
      anyOf: [
        { type: 'object', properties: { a: {} } },
        { type: 'object', properties: { b: {} } },
      ],
    },
  },
};

describe('schemaDeclaresPath', () => {
  it.each([
    ['files.README.md.exists', true],
    ['files.pyproject.toml.exists', true],
    ['readme.exists', false],
    ['dependencies.requests', true],
    ['dependencies.go.opentelemetry.io/otel', true],
    ['packageManagers.length', true],
    ['packageManagers.0', true],
    ['packageManagers.first', false],
    ['labels.app.kubernetes.io/name', true],
    ['labels.team', false],
    ['metadata.annotations.backstage.io/techdocs-ref', true],
    ['language', true],
    ['language.length', false],
    ['either.b', true],
    ['either.c', false],
    ['languages', false],
  ])('%s → %s', (path, declared) => {
    expect(schemaDeclaresPath(SCM, path)).toBe(declared);
  });

  it('treats a schema that lists nothing, or a $ref it does not follow, as open', () => {
    expect(schemaDeclaresPath({ type: 'object' }, 'any.thing')).toBe(true);
    expect(schemaDeclaresPath({ $ref: '#/definitions/x' }, 'a.b')).toBe(true);
    expect(
      schemaDeclaresPath({ type: 'object', additionalProperties: false }, 'a'),
    ).toBe(false);
  });
});

describe('definitionHealth', () => {
  const check = (id: string, ...facts: string[]) => ({
    id,
    check: {
      rule: { all: facts.map(fact => ({ fact, operator: 'exists' as const })) },
    },
  });

  it('reports a missing source once for every check that reads it, and undeclared facts once each', () => {
    const problems = definitionHealth(
      [
        check('readme', 'scm.files.README.md.exists'),
        check('ci', 'scm.packageManager', 'pushed.ci.coverage'),
        check('deps', 'scm.dependencies.requests'),
        check('typo', 'pushed.ci.coverge', 'pushed.ci.coverage'),
        check('typo-again', 'pushed.ci.coverge'),
      ],
      new Map([
        [
          'pushed',
          {
            type: 'object',
            properties: {
              ci: {
                type: 'object',
                properties: { coverage: { type: 'number' } },
              },
            },
          },
        ],
      ]),
    );
    expect(problems).toEqual([
      {
        kind: 'sourceNotInstalled',
        source: 'scm',
        checkIds: ['readme', 'ci', 'deps'],
        message: '3 checks read `scm`, which is not installed',
      },
      {
        kind: 'factNotDeclared',
        source: 'pushed',
        fact: 'pushed.ci.coverge',
        checkIds: ['typo', 'typo-again'],
        message:
          '2 checks read `pushed.ci.coverge`, which source `pushed` does not declare',
      },
    ]);
  });

  it('with onlyKnown leaves sources it does not know alone', () => {
    expect(
      definitionHealth(
        [check('readme', 'scm.files.README.md.exists')],
        new Map(),
        {
          onlyKnown: true,
        },
      ),
    ).toEqual([]);
  });

  it('reads facts of the rule and of appliesWhen, each once', () => {
    expect(
      factRefsOfCheck({
        rule: {
          any: [
            { fact: 'a.x', operator: 'exists' },
            { not: { fact: 'b.y', operator: 'exists' } },
          ],
        },
        appliesWhen: { fact: 'a.x', operator: 'exists' },
      }),
    ).toEqual(['a.x', 'b.y']);
  });
});
