import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { compileDefinitions, isCampaignComplete } from './compileDefinitions';
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

const withInclude = {
  ...testScorecard,
  spec: {
    ...testScorecard.spec,
    includes: [{ campaign: 'poetry', level: 'silver', category: 'ownership' }],
  },
} as Entity;

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

  it('ratchets a completed campaign into the scorecard level, and not before', () => {
    const running = compileDefinitions(
      [withInclude, campaign('2026-12-31')],
      now,
    );
    expect(
      running.find(d => d.kind === 'Scorecard')!.checks.map(c => c.id),
    ).toEqual(['has-owner', 'has-repo', 'error-rate']);
    const done = compileDefinitions([withInclude, campaign('2026-05-01')], now);
    const checks = done.find(d => d.kind === 'Scorecard')!.checks;
    // has-repo is already the scorecard's own check, so only the campaign's own check is added.
    expect(checks.map(c => [c.id, c.level, c.fromCampaign])).toContainEqual([
      'poetry.has-pyproject',
      'silver',
      'campaign:default/poetry',
    ]);
    expect(checks).toHaveLength(4);
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

  it('never completes a draft campaign', () => {
    const draft = campaign('2026-01-02', { draft: true });
    expect(isCampaignComplete(draft as never, now())).toBe(false);
    expect(isCampaignComplete(campaign('2026-01-02') as never, now())).toBe(
      true,
    );
  });
});
