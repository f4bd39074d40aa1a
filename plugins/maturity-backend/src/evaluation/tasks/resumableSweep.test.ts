import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../../database/migrations';
import { ResumableSweep } from './resumableSweep';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const REFS = Array.from(
  { length: 23 },
  (_, i) => `component:default/service-${String(i).padStart(2, '0')}`,
);

describe.each(databases.eachSupportedId())('ResumableSweep, %p', databaseId => {
  async function setup() {
    const db = await databases.init(databaseId);
    await applyDatabaseMigrations(db);
    let now = new Date('2026-12-06T10:00:00Z');
    const clock = {
      now: () => now,
      advance: (ms: number) => {
        now = new Date(now.getTime() + ms);
      },
    };
    const evaluated: string[] = [];
    const finish = jest.fn(async () => {});
    const replica = (
      evaluate: (refs: string[]) => Promise<unknown> = async refs => {
        evaluated.push(...refs);
      },
    ) =>
      new ResumableSweep({
        db,
        logger: mockServices.logger.mock(),
        listEntityRefs: async () => [...REFS].reverse(),
        evaluate,
        finish,
        now: clock.now,
        chunkSize: 5,
        budgetMs: 0,
        leaseMs: 20_000,
      });
    return { db, clock, evaluated, finish, replica };
  }

  it('is idle until started, then runs in chunks across steps, each entity once, finishing once', async () => {
    const { evaluated, finish, replica } = await setup();
    const a = replica();
    expect(await a.step()).toBe('idle');
    await a.start();
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await a.step());
    // 23 refs in chunks of 5 with no budget: 5 steps of progress, then done, then idle.
    expect(results).toEqual([
      'progress',
      'progress',
      'progress',
      'progress',
      'progress',
      'done',
      'idle',
      'idle',
      'idle',
      'idle',
    ]);
    expect(evaluated).toEqual(REFS);
    expect(finish).toHaveBeenCalledTimes(1);
  });

  it('lets another replica continue from the cursor once a killed step lease runs out', async () => {
    const { db, clock, evaluated, finish, replica } = await setup();
    const healthy = replica();
    await healthy.start();
    expect(await healthy.step()).toBe('progress'); // first chunk done by a healthy replica
    // The killed replica claims the lease and never returns from its chunk (kill -9: nothing released).
    let inChunk: () => void = () => {};
    const claimed = new Promise<void>(resolve => {
      inChunk = resolve;
    });
    const killed = replica(() => {
      inChunk();
      return new Promise(() => {});
    });
    void killed.step();
    await claimed;
    expect((await db('maturity_sweep_state').first()).lease_owner).toBeTruthy();
    const survivor = replica();
    expect(await survivor.step()).toBe('busy');
    clock.advance(19_000);
    expect(await survivor.step()).toBe('busy');
    clock.advance(1_001);
    const after = [];
    for (let i = 0; i < 6; i++) after.push(await survivor.step());
    expect(after).toEqual([
      'progress',
      'progress',
      'progress',
      'progress',
      'done',
      'idle',
    ]);
    expect(evaluated).toEqual(REFS);
    expect(finish).toHaveBeenCalledTimes(1);
  });

  it('keeps a sweep started during a step at the beginning (the step does not move its cursor)', async () => {
    const { evaluated, replica } = await setup();
    let restart = async () => {};
    const a = replica(async refs => {
      evaluated.push(...refs);
      await restart();
      restart = async () => {};
    });
    await a.start();
    restart = () => a.start();
    expect(await a.step()).toBe('progress');
    while ((await a.step()) !== 'done');
    expect(evaluated).toEqual([...REFS.slice(0, 5), ...REFS]);
  });

  it('restarts from the first entity when a new sweep starts', async () => {
    const { evaluated, replica } = await setup();
    const a = replica();
    await a.start();
    await a.step();
    await a.start();
    while ((await a.step()) !== 'done');
    expect(evaluated).toEqual([...REFS.slice(0, 5), ...REFS]);
  });
});
