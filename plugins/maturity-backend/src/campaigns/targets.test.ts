import { nextTargetRecord, progressOf, targetState } from './targets';

const fail = { checkId: 'b', status: 'fail' as const, message: 'no lockfile' };

describe('target state', () => {
  it('fails on any failing check, waits for missing results, counts exemptions apart', () => {
    const pass = { checkId: 'a', status: 'pass' as const, message: 'ok' };
    expect(targetState(['a', 'b'], [pass, fail])).toEqual({
      state: 'failing',
      failing: [fail],
    });
    expect(targetState(['a', 'b'], [pass]).state).toBe('notStarted');
    expect(
      targetState(
        ['a', 'b'],
        [pass, { checkId: 'b', status: 'exempt', message: '' }],
      ).state,
    ).toBe('exempt');
    expect(
      targetState(
        ['a', 'b'],
        [pass, { checkId: 'b', status: 'not-applicable', message: '' }],
      ).state,
    ).toBe('passing');
  });

  it('remembers the first pass and flags a regression until it passes again', () => {
    const t = (iso: string) => new Date(iso);
    const base = {
      campaignRef: 'campaign:default/c',
      entityRef: 'component:default/a',
      owner: 'group:default/team',
    };
    const r1 = nextTargetRecord(
      undefined,
      { ...base, state: 'failing', failing: [fail] },
      t('2026-03-01T00:00:00Z'),
    );
    expect(r1).toMatchObject({
      since: '2026-03-01T00:00:00.000Z',
      joinedAt: '2026-03-01T00:00:00.000Z',
      firstPassedAt: null,
      regressed: false,
    });
    const r2 = nextTargetRecord(
      r1,
      { ...base, state: 'passing', failing: [] },
      t('2026-03-05T00:00:00Z'),
    );
    expect(r2).toMatchObject({
      firstPassedAt: '2026-03-05T00:00:00.000Z',
      regressed: false,
    });
    const r3 = nextTargetRecord(
      r2,
      { ...base, state: 'failing', failing: [fail] },
      t('2026-03-09T00:00:00Z'),
    );
    expect(r3).toMatchObject({
      since: '2026-03-09T00:00:00.000Z',
      firstPassedAt: '2026-03-05T00:00:00.000Z',
      regressed: true,
      joinedAt: '2026-03-01T00:00:00.000Z',
    });
    const r4 = nextTargetRecord(
      r3,
      { ...base, state: 'failing', failing: [fail] },
      t('2026-03-10T00:00:00Z'),
    );
    expect(r4.since).toBe('2026-03-09T00:00:00.000Z');
  });

  it('computes progress ratios', () => {
    expect(progressOf({ passing: 1, exempt: 1, failing: 2 })).toEqual({
      targets: 4,
      passing: 1,
      exempt: 1,
      failing: 2,
      notStarted: 0,
      regressed: 0,
      ratio: 0.5,
    });
    expect(progressOf({}).ratio).toBeNull();
  });
});
