import { pointerToPath } from './paths';
import { isCalendarDate } from './semantic/common';
import { closestMatch, editDistance } from './suggest';

describe('pointerToPath', () => {
  it('writes indices of arrays in brackets and odd keys quoted', () => {
    const doc = {
      spec: { checks: [{ rule: { all: [{}, {}] } }] },
      metadata: { annotations: { '2': 'x' } },
    };
    expect(pointerToPath('/spec/checks/0/rule/all/1', doc)).toBe(
      'spec.checks[0].rule.all[1]',
    );
    expect(pointerToPath('/metadata/annotations/2', doc)).toBe(
      'metadata.annotations["2"]',
    );
    expect(pointerToPath('/metadata/annotations/a~1b', doc)).toBe(
      'metadata.annotations["a/b"]',
    );
    expect(pointerToPath('', doc)).toBe('');
  });
});

describe('suggestions', () => {
  it('measures edits, a swap counting once', () => {
    expect(editDistance('operator', 'operator')).toBe(0);
    expect(editDistance('opertor', 'operator')).toBe(1);
    expect(editDistance('oeprator', 'operator')).toBe(1);
  });

  it('suggests only likely typos', () => {
    expect(closestMatch('categries', ['levels', 'categories', 'checks'])).toBe(
      'categories',
    );
    expect(closestMatch('Level', ['level', 'title'])).toBe('level');
    expect(closestMatch('lvl', ['level'])).toBeUndefined();
    expect(closestMatch('weight', ['id', 'title', 'level'])).toBeUndefined();
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['2026-4-1', false],
  ])('%s → %s', (date, expected) => {
    expect(isCalendarDate(date)).toBe(expected);
  });
});
