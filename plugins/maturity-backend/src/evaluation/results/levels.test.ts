import type { CheckStatus } from '@ratchet/backstage-plugin-maturity-common';
import { computeLevel, LevelCheck } from './levels';

const LEVELS = ['bronze', 'silver', 'gold'];

const check = (level: string, status: CheckStatus): LevelCheck => ({
  level,
  status,
});

describe('computeLevel', () => {
  it('reaches the top level when every check passes', () => {
    expect(
      computeLevel(LEVELS, [
        check('bronze', 'pass'),
        check('silver', 'pass'),
        check('gold', 'pass'),
      ]),
    ).toEqual({
      level: 'gold',
      levelIndex: 2,
      passed: 3,
      failed: 0,
      errored: 0,
      total: 3,
    });
  });

  it('is below the first level when a first-level check fails', () => {
    expect(
      computeLevel(LEVELS, [
        check('bronze', 'fail'),
        check('silver', 'pass'),
        check('gold', 'pass'),
      ]),
    ).toEqual({
      level: null,
      levelIndex: -1,
      passed: 2,
      failed: 1,
      errored: 0,
      total: 3,
    });
  });

  it('stops below the lowest level with a failing check, whatever passes above it', () => {
    const result = computeLevel(LEVELS, [
      check('bronze', 'pass'),
      check('silver', 'fail'),
      check('silver', 'pass'),
      check('gold', 'pass'),
    ]);
    expect(result.level).toBe('bronze');
    expect(result.levelIndex).toBe(0);
  });

  it('stops below a failing top level', () => {
    const result = computeLevel(LEVELS, [
      check('bronze', 'pass'),
      check('silver', 'pass'),
      check('gold', 'fail'),
    ]);
    expect(result).toMatchObject({ level: 'silver', levelIndex: 1 });
  });

  it('counts exempt as a pass', () => {
    expect(
      computeLevel(LEVELS, [
        check('bronze', 'exempt'),
        check('silver', 'pass'),
        check('gold', 'exempt'),
      ]),
    ).toMatchObject({ level: 'gold', levelIndex: 2, passed: 3, total: 3 });
  });

  it('does not count an error as passing', () => {
    expect(
      computeLevel(LEVELS, [
        check('bronze', 'pass'),
        check('silver', 'error'),
        check('gold', 'pass'),
      ]),
    ).toEqual({
      level: 'bronze',
      levelIndex: 0,
      passed: 2,
      failed: 0,
      errored: 1,
      total: 3,
    });
  });

  it('ignores not-applicable checks in the level and in the counts', () => {
    expect(
      computeLevel(LEVELS, [
        check('bronze', 'pass'),
        check('bronze', 'not-applicable'),
        check('silver', 'not-applicable'),
        check('silver', 'pass'),
        check('gold', 'not-applicable'),
        check('gold', 'fail'),
      ]),
    ).toEqual({
      level: 'silver',
      levelIndex: 1,
      passed: 2,
      failed: 1,
      errored: 0,
      total: 3,
    });
  });

  it('passes through a level without applicable checks', () => {
    expect(
      computeLevel(LEVELS, [
        check('bronze', 'pass'),
        check('silver', 'not-applicable'),
        check('gold', 'pass'),
      ]),
    ).toMatchObject({ level: 'gold', levelIndex: 2, total: 2 });
    // A level with no checks at all behaves the same.
    expect(
      computeLevel(LEVELS, [check('bronze', 'pass'), check('gold', 'pass')]),
    ).toMatchObject({ level: 'gold', levelIndex: 2 });
  });

  it('passes through an empty first level to the failing one above', () => {
    expect(
      computeLevel(LEVELS, [check('silver', 'fail'), check('gold', 'pass')]),
    ).toMatchObject({ level: 'bronze', levelIndex: 0 });
  });

  it('reaches the top level with total 0 when nothing applies', () => {
    expect(
      computeLevel(LEVELS, [
        check('bronze', 'not-applicable'),
        check('gold', 'not-applicable'),
      ]),
    ).toEqual({
      level: 'gold',
      levelIndex: 2,
      passed: 0,
      failed: 0,
      errored: 0,
      total: 0,
    });
    expect(computeLevel(LEVELS, [])).toMatchObject({
      level: 'gold',
      total: 0,
    });
  });

  it('has no level on a scorecard without levels', () => {
    expect(computeLevel([], [check('bronze', 'pass')])).toEqual({
      level: null,
      levelIndex: -1,
      passed: 0,
      failed: 0,
      errored: 0,
      total: 0,
    });
  });

  it('ignores checks of unknown levels', () => {
    expect(
      computeLevel(LEVELS, [
        check('bronze', 'pass'),
        check('platinum', 'fail'),
      ]),
    ).toMatchObject({ level: 'gold', failed: 0, total: 1 });
  });

  it('does not depend on the order of the checks', () => {
    const checks = [
      check('gold', 'pass'),
      check('silver', 'error'),
      check('bronze', 'pass'),
      check('silver', 'pass'),
    ];
    const forward = computeLevel(LEVELS, checks);
    expect(computeLevel(LEVELS, [...checks].reverse())).toEqual(forward);
    expect(forward).toMatchObject({ level: 'bronze', errored: 1 });
  });
});
