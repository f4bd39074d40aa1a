import {
  formatLabelSelector,
  matchesRequirements,
  parseLabelSelector,
  structuredSelects,
} from './labelSelector';

describe('label selectors', () => {
  const labels = {
    app: 'web',
    tier: 'frontend',
    'app.kubernetes.io/name': 'shop',
  };

  it.each<[string, boolean]>([
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=api', false],
    ['tier in (frontend, backend)', true],
    ['tier notin (frontend)', false],
    ['app.kubernetes.io/name', true],
    ['!legacy', true],
    ['!app', false],
    ['app=web,tier in (frontend),!legacy', true],
    ['', true],
  ])('%s → %s', (selector, expected) => {
    expect(matchesRequirements(parseLabelSelector(selector), labels)).toBe(
      expected,
    );
  });

  it.each([
    ['app in (a,b', 'unbalanced parentheses'],
    ['app=web,,tier=x', 'empty requirement'],
    ['-app=web', 'invalid label key "-app"'],
    ['app=we b', 'cannot parse'],
    ['app in ()', 'needs at least one value'],
    [`app=${'x'.repeat(64)}`, 'invalid label value'],
  ])('rejects %s', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });

  it('matches structured selectors and never lets an empty one select', () => {
    expect(structuredSelects({ matchLabels: { app: 'web' } }, labels)).toBe(
      true,
    );
    expect(
      structuredSelects(
        {
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['frontend'] },
          ],
        },
        labels,
      ),
    ).toBe(true);
    expect(structuredSelects({ matchLabels: { app: 'api' } }, labels)).toBe(
      false,
    );
    expect(structuredSelects({}, labels)).toBe(false);
    expect(structuredSelects(undefined, labels)).toBe(false);
  });

  it('formats labels as a stable selector', () => {
    expect(formatLabelSelector({ tier: 'x', app: 'web' })).toBe(
      'app=web,tier=x',
    );
  });
});
