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
});
