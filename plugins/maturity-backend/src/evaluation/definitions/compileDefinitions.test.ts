import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { compileDefinitions } from './compileDefinitions';
import { testScorecard } from './testDefinitions';

const campaign = (dueDate: string, extra: JsonObject = {}): Entity => ({
  apiVersion: 'ratchet.dev/v1alpha1',
  kind: 'Campaign',
  metadata: { name: 'poetry', namespace: 'default' },
  spec: {
    owner: 'group:default/platform',
    brief: 'Move to Poetry',
    targets: { kind: 'Component' },
    startDate: '2026-01-01',
    dueDate,
    checks: [
      {
        id: 'has-pyproject',
        title: 'Has pyproject.toml',
        rule: {
          fact: 'scm.files.pyproject.toml.exists',
          operator: 'equal',
          value: true,
        },
      },
      { ref: { scorecard: 'basics', check: 'has-repo' } },
    ],
    ...extra,
  },
});

const promoted = (extra: JsonObject = {}) =>
  campaign('2026-12-31', {
    onCompletion: {
      when: 'allPass',
      promoteTo: {
        scorecard: 'scorecard:default/basics',
        level: 'silver',
        category: 'ownership',
      },
    },
    ...extra,
  });

describe('compileDefinitions', () => {
  const now = () => new Date('2026-06-01T12:00:00Z');

  it('resolves campaign checks that reference a scorecard check', () => {
    const defs = compileDefinitions(
      [testScorecard, campaign('2026-12-31')],
      now,
    );
    const poetry = defs.find(d => d.ref === 'campaign:default/poetry')!;
    expect(poetry.kind).toBe('Campaign');
    expect(poetry.checks.map(c => c.id)).toEqual(['has-pyproject', 'has-repo']);
    expect(poetry.checks[1].check.title).toBe('Has a repository');
  });

  it('ratchets a completed campaign into the level of its promoteTo, and not before', () => {
    const running = compileDefinitions([testScorecard, promoted()], now);
    const before = running.find(d => d.kind === 'Scorecard')!;
    expect(before.checks.map(c => c.id)).toEqual([
      'has-owner',
      'has-repo',
      'error-rate',
    ]);
    const completed = new Map([
      ['campaign:default/poetry', '2026-05-20T10:00:00.000Z'],
    ]);
    const done = compileDefinitions(
      [testScorecard, promoted()],
      now,
      completed,
    );
    const after = done.find(d => d.kind === 'Scorecard')!;
    // has-repo is already the scorecard's own check, so only the campaign's own check is added.
    expect(
      after.checks.map(c => [
        c.id,
        c.level,
        c.category,
        c.fromCampaign,
        c.ratchetedAt,
      ]),
    ).toContainEqual([
      'poetry.has-pyproject',
      'silver',
      'ownership',
      'campaign:default/poetry',
      '2026-05-20T10:00:00.000Z',
    ]);
    expect(after.checks).toHaveLength(4);
    // The scorecard's checks changed, so its hash does: evaluation re-evaluates it everywhere.
    expect(after.hash).not.toBe(before.hash);
  });

  it('never ratchets a draft, or a campaign promoted to another scorecard', () => {
    const completed = new Map([['campaign:default/poetry', '2026-05-20']]);
    for (const entity of [
      promoted({ draft: true }),
      promoted({
        onCompletion: { promoteTo: { scorecard: 'other', level: 'silver' } },
      }),
    ]) {
      const defs = compileDefinitions([testScorecard, entity], now, completed);
      expect(defs.find(d => d.kind === 'Scorecard')!.checks).toHaveLength(3);
    }
  });

  it('changes the hash when a definition changes, and only then', () => {
    const a = compileDefinitions([testScorecard], now)[0].hash;
    expect(compileDefinitions([testScorecard], now)[0].hash).toBe(a);
    const edited = {
      ...testScorecard,
      spec: { ...testScorecard.spec, levels: [{ id: 'bronze', title: 'B' }] },
    } as Entity;
    expect(compileDefinitions([edited], now)[0].hash).not.toBe(a);
  });
});
