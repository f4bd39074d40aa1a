import {
  RatchetEntityValidationError,
  formatValidationProblems,
} from './format';

describe('formatValidationProblems', () => {
  const problem = {
    path: 'spec.checks[2].level',
    message: 'unknown level "platinum"; expected one of bronze, silver, gold',
  };

  it('puts one problem on the same line', () => {
    expect(
      formatValidationProblems('scorecard:default/service-maturity', [problem]),
    ).toBe(
      'Scorecard "scorecard:default/service-maturity" is invalid: spec.checks[2].level: unknown level "platinum"; expected one of bronze, silver, gold',
    );
  });

  it('lists several problems one per line, and caps the list', () => {
    const problems = Array.from({ length: 22 }, (_, i) => ({
      path: `spec.checks[${i}].id`,
      message: 'is required',
    }));
    const message = formatValidationProblems(
      'campaign:default/python',
      problems,
    );
    expect(message.split('\n')).toEqual([
      'Campaign "campaign:default/python" is invalid (22 problems):',
      ...problems.slice(0, 20).map(p => `- ${p.path}: is required`),
      '- … and 2 more',
    ]);
  });

  it('names the document itself without a path, and other kinds generically', () => {
    expect(
      formatValidationProblems('component:default/x', [
        { path: '', message: 'must be an entity' },
      ]),
    ).toBe('Entity "component:default/x" is invalid: must be an entity');
  });
});

describe('RatchetEntityValidationError', () => {
  it('is named InputError, so Backstage treats it as bad input, and keeps the problems', () => {
    const problem = { path: 'spec.levels', message: 'is required' };
    const error = new RatchetEntityValidationError('checklist:default/prr', [
      problem,
    ]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'Checklist "checklist:default/prr" is invalid: spec.levels: is required',
    );
    expect(error.problems).toEqual([problem]);
  });
});
