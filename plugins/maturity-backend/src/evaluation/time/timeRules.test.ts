import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DatabaseFactStore } from '../../facts/DatabaseFactStore';
import { PushedFactSource } from '../../facts/push/PushedFactSource';
import { applyTimeRules } from './timeRules';
import { withTimeRules } from './TimedFactStore';

jest.setTimeout(60_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const pushed = PushedFactSource.fromConfig(
  new ConfigReader({
    maturity: {
      sources: {
        pushed: {
          schema: {
            type: 'object',
            properties: {
              ci: {
                type: 'object',
                properties: { lastDeployAt: { type: 'string' } },
              },
            },
          },
          derived: [
            { path: 'ci.lastDeployDays', daysSince: 'ci.lastDeployAt' },
          ],
          maxAge: [{ path: 'observability', maxAge: { hours: 48 } }],
        },
      },
    },
  }),
);

describe('pushed time rules from config', () => {
  it('declares the derived fact in the schema next to what CI pushes', () => {
    expect(pushed.schema).toMatchObject({
      properties: {
        ci: {
          properties: {
            lastDeployAt: { type: 'string' },
            lastDeployDays: { type: 'integer', readOnly: true },
          },
        },
      },
    });
    expect(pushed.timeRules).toEqual({
      source: 'pushed',
      derived: [{ path: 'ci.lastDeployDays', daysSince: 'ci.lastDeployAt' }],
      maxAge: [{ path: 'observability', maxAgeMs: 48 * HOUR }],
    });
  });

  it('names the field of an invalid rule', () => {
    expect(() =>
      PushedFactSource.fromConfig(
        new ConfigReader({
          maturity: {
            sources: {
              pushed: { derived: [{ path: 'ci..x', daysSince: 'a' }] },
            },
          },
        }),
      ),
    ).toThrow(/maturity\.sources\.pushed\.path: "ci\.\.x"/);
  });
});

describe('applyTimeRules', () => {
  const pushedAt = new Date('2026-12-01T12:00:00Z');
  const facts = {
    ci: { lastDeployAt: '2026-11-20T09:00:00Z', testCoverage: 81 },
    observability: { errorRate5xx: 0.002 },
  };

  it('derives whole days since the timestamp, growing with the clock and without a push', () => {
    const at = (iso: string) =>
      applyTimeRules(facts, pushed.timeRules, pushedAt, new Date(iso));
    expect(at('2026-12-01T12:00:00Z')).toEqual({
      ci: {
        lastDeployAt: '2026-11-20T09:00:00Z',
        testCoverage: 81,
        lastDeployDays: 11,
      },
      observability: { errorRate5xx: 0.002 },
    });
    expect(
      (at('2026-12-02T12:00:00Z').ci as { lastDeployDays: number })
        .lastDeployDays,
    ).toBe(12);
    expect(facts.ci).not.toHaveProperty('lastDeployDays');
  });

  it('drops facts past their max age, and only those', () => {
    const justInTime = applyTimeRules(
      facts,
      pushed.timeRules,
      pushedAt,
      new Date(pushedAt.getTime() + 48 * HOUR),
    );
    expect(justInTime.observability).toEqual({ errorRate5xx: 0.002 });
    const stale = applyTimeRules(
      facts,
      pushed.timeRules,
      pushedAt,
      new Date(pushedAt.getTime() + 48 * HOUR + 1),
    );
    expect(stale).not.toHaveProperty('observability');
    expect(stale.ci).toMatchObject({ testCoverage: 81 });
  });

  it('derives nothing from a missing or malformed timestamp', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(
      applyTimeRules(
        { ci: { testCoverage: 1 } },
        pushed.timeRules,
        pushedAt,
        now,
      ),
    ).toEqual({
      ci: { testCoverage: 1 },
    });
    expect(
      applyTimeRules(
        { ci: { lastDeployAt: 'last Tuesday' } },
        pushed.timeRules,
        pushedAt,
        now,
      ),
    ).toEqual({ ci: { lastDeployAt: 'last Tuesday' } });
  });
});

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'withTimeRules over the fact store, %p',
  databaseId => {
    it('reads derived and expired facts at the clock, and a resend keeps pushed facts fresh', async () => {
      const knex = await databases.init(databaseId);
      const raw = await DatabaseFactStore.create({
        database: { getClient: async () => knex },
      });
      let now = new Date('2026-12-01T12:00:00Z');
      const store = withTimeRules(raw, [pushed.timeRules], () => now);
      const ref = 'component:default/svc';
      const push = (observedAt: Date) =>
        store.writeFacts([
          {
            entityRef: ref,
            source: 'pushed',
            facts: {
              ci: { lastDeployAt: '2026-11-30T12:00:00Z' },
              observability: { errorRate5xx: 0.01 },
            },
            observedAt,
          },
          { entityRef: ref, source: 'catalog', facts: { hasDocs: true } },
        ]);
      await push(now);

      const read = async () => (await store.getFacts([ref])).get(ref)!;
      expect((await read()).pushed).toEqual({
        ci: { lastDeployAt: '2026-11-30T12:00:00Z', lastDeployDays: 1 },
        observability: { errorRate5xx: 0.01 },
      });

      now = new Date(now.getTime() + 3 * DAY);
      expect((await read()).pushed).toEqual({
        ci: { lastDeployAt: '2026-11-30T12:00:00Z', lastDeployDays: 4 },
      });
      expect((await read()).catalog).toEqual({ hasDocs: true });
      expect((await raw.getFacts([ref])).get(ref)!.pushed).toHaveProperty(
        'observability',
      );

      // The job pushes the same figures again: nothing changes, but the facts are current again.
      expect(await push(now)).toMatchObject({ changed: [], unchanged: 2 });
      expect((await read()).pushed).toHaveProperty('observability', {
        errorRate5xx: 0.01,
      });
      expect(
        (await raw.getObservedAt([ref], ['pushed'])).get(ref)?.get('pushed'),
      ).toEqual(now);

      // An older resend never moves the time back.
      await push(new Date('2026-11-01T00:00:00Z'));
      expect(
        (await raw.getObservedAt([ref], ['pushed'])).get(ref)?.get('pushed'),
      ).toEqual(now);
    });
  },
);
