import { TestDatabases } from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseSendLog } from './sendLog';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

describe.each(databases.eachSupportedId())('DatabaseSendLog, %p', id => {
  it('lets exactly one of concurrent claimers send, and gives a failed send back', async () => {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    let now = new Date('2026-03-01T10:00:00Z');
    const a = DatabaseSendLog.fromKnex(knex, { now: () => now });
    const b = DatabaseSendLog.fromKnex(knex, { now: () => now });
    const claim = {
      key: 'campaign-reminder|campaign:default/c|start|group:default/team',
      kind: 'campaign-reminder',
      subjectRef: 'campaign:default/c',
      recipient: 'group:default/team',
    };
    const won = await Promise.all([
      a.claim(claim),
      b.claim(claim),
      a.claim(claim),
    ]);
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(
      await a.lastSent(
        'campaign-reminder',
        'campaign:default/c',
        claim.recipient,
      ),
    ).toEqual(now);

    await a.release(claim.key);
    now = new Date('2026-03-01T11:00:00Z');
    expect(await b.claim(claim)).toBe(true);
    expect(
      await a.lastSent(
        'campaign-reminder',
        'campaign:default/c',
        claim.recipient,
      ),
    ).toEqual(now);
    expect(await a.lastSent('campaign-nudge', 'campaign:default/c', 'x')).toBe(
      undefined,
    );
    expect(await a.prune(new Date('2026-03-01T10:30:00Z'))).toBe(0);
    expect(await a.prune(new Date('2026-03-02T00:00:00Z'))).toBe(1);
  });

  it('claims many keys in one go, each for exactly one of concurrent claimers', async () => {
    const knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    const a = DatabaseSendLog.fromKnex(knex);
    const b = DatabaseSendLog.fromKnex(knex);
    const claims = Array.from({ length: 400 }, (_, i) => ({
      key: `campaign-reminder|campaign:default/c|every-1|group:default/team-${i}`,
      kind: 'campaign-reminder',
      subjectRef: 'campaign:default/c',
      recipient: `group:default/team-${i}`,
    }));
    expect(await a.claim(claims[7])).toBe(true);
    const [first, second] = await Promise.all([
      a.claimMany(claims),
      b.claimMany(claims.slice(100)),
    ]);
    expect(first.size + second.size).toBe(399);
    expect([...first].filter(key => second.has(key))).toEqual([]);
    expect(first.has(claims[7].key) || second.has(claims[7].key)).toBe(false);
    expect((await a.claimMany([])).size).toBe(0);
  });
});
