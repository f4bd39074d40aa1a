import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { CAMPAIGN, SCORECARD } from '../__testUtils__/estate';

jest.setTimeout(60_000);

const GATEWAY = 'component:default/payment-gateway';

describe.each(databases.eachSupportedId())('entity routes, %p', databaseId => {
  describe('GET /entities/:kind/:namespace/:name', () => {
    it('shows level, counts, results per check and what stands before the next level', async () => {
      const { app } = await createFixture(databaseId);
      const res = await request(app)
        .get('/entities/component/default/ledger')
        .set('authorization', callers.user);

      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe('component:default/ledger');
      const [scorecard] = res.body.scorecards;
      expect(scorecard).toMatchObject({
        ref: SCORECARD,
        title: 'Test Maturity',
        evaluated: true,
        level: { id: 'bronze', title: 'Bronze', index: 0 },
        counts: { passed: 2, failed: 1, errored: 1, total: 4 },
      });
      expect(
        scorecard.checks.map((c: { id: string; status: string }) => [
          c.id,
          c.status,
        ]),
      ).toEqual([
        ['has-owner', 'pass'],
        ['has-docs', 'fail'],
        ['has-system', 'pass'],
        ['coverage', 'error'],
      ]);
      expect(scorecard.checks[1]).toMatchObject({
        title: 'Has TechDocs',
        level: 'silver',
        category: 'docs',
        message: 'No TechDocs annotation',
        remediation: 'Add the backstage.io/techdocs-ref annotation',
        effective: true,
      });
      expect(scorecard.nextLevel).toEqual({
        level: { id: 'silver', title: 'Silver' },
        index: 1,
        blocking: [
          {
            id: 'has-docs',
            title: 'Has TechDocs',
            level: 'silver',
            category: 'docs',
            status: 'fail',
            message: 'No TechDocs annotation',
            remediation: 'Add the backstage.io/techdocs-ref annotation',
          },
        ],
      });
      expect(res.body.campaigns).toEqual([
        expect.objectContaining({
          ref: CAMPAIGN,
          title: 'Docs drive',
          dueDate: '2099-12-31',
          counts: { passed: 0, failed: 1, errored: 0, total: 1 },
        }),
      ]);
    });

    it('names the gold blockers of a silver entity, and no next level at the top', async () => {
      const { app, services } = await createFixture(databaseId);
      let res = await request(app).get(
        '/entities/component/default/payment-gateway',
      );
      const [scorecard] = res.body.scorecards;
      expect(scorecard.level.id).toBe('silver');
      expect(scorecard.nextLevel.level.id).toBe('gold');
      expect(
        scorecard.nextLevel.blocking.map((b: { id: string }) => b.id),
      ).toEqual(['coverage']);

      await services.facts.writeFacts([
        { entityRef: GATEWAY, source: 'ci', facts: { coverage: 91 } },
      ]);
      await services.evaluation.evaluateEntities([GATEWAY]);
      res = await request(app).get(
        '/entities/component/default/payment-gateway',
      );
      expect(res.body.scorecards[0].level.id).toBe('gold');
      expect(res.body.scorecards[0].nextLevel).toBeNull();
    });

    it('answers 304 to a client that holds the current view, and 200 once it changed', async () => {
      const { app, services } = await createFixture(databaseId);
      const path = '/entities/component/default/payment-gateway';
      const first = await request(app)
        .get(path)
        .set('authorization', callers.user);
      const etag = first.headers.etag;
      expect(etag).toMatch(/^W\//);

      const again = await request(app)
        .get(path)
        .set('authorization', callers.user)
        .set('if-none-match', etag);
      expect(again.status).toBe(304);

      await services.facts.writeFacts([
        { entityRef: GATEWAY, source: 'ci', facts: { coverage: 91 } },
      ]);
      await services.evaluation.evaluateEntities([GATEWAY]);
      const changed = await request(app)
        .get(path)
        .set('authorization', callers.user)
        .set('if-none-match', etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.body.scorecards[0].level.id).toBe('gold');
    });

    it('answers 404 for an entity the caller cannot see, and for an unknown one', async () => {
      const { app } = await createFixture(databaseId);
      const hidden = await request(app)
        .get('/entities/component/default/secret-service')
        .set('authorization', callers.outsider);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.name).toBe('NotFoundError');
      const seen = await request(app)
        .get('/entities/component/default/secret-service')
        .set('authorization', callers.user);
      expect(seen.status).toBe(200);
      expect(
        (await request(app).get('/entities/component/default/nope')).status,
      ).toBe(404);
    });

    it('refuses anonymous callers', async () => {
      const { app } = await createFixture(databaseId);
      const res = await request(app)
        .get('/entities/component/default/ledger')
        .set('authorization', callers.none);
      expect(res.status).toBe(401);
    });

    it('lists no scorecard for an entity nothing rates', async () => {
      const { app } = await createFixture(databaseId);
      const res = await request(app).get('/entities/component/default/utils');
      expect(res.body).toEqual({
        entityRef: 'component:default/utils',
        scorecards: [],
        campaigns: [],
      });
    });
  });

  describe('GET /entities/:kind/:namespace/:name/history', () => {
    it('returns snapshots and recent transitions of one scorecard', async () => {
      const { app, services } = await createFixture(databaseId);
      await services.results.snapshotLevels(
        new Date().toISOString().slice(0, 10),
      );
      const res = await request(app)
        .get('/entities/component/default/ledger/history')
        .query({ scorecard: 'test-maturity', days: 7 });

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/ledger',
        scorecardRef: SCORECARD,
        days: 7,
      });
      expect(res.body.snapshots).toEqual([
        expect.objectContaining({
          level: 'bronze',
          levelIndex: 0,
          passed: 2,
          total: 4,
        }),
      ]);
      expect(
        res.body.transitions.map((t: { checkId: string }) => t.checkId).sort(),
      ).toEqual(['coverage', 'has-docs', 'has-owner', 'has-system']);
      expect(res.body.transitions[0]).toMatchObject({ fromStatus: null });
    });

    it('rejects an unknown scorecard with 400 and a hidden entity with 404', async () => {
      const { app } = await createFixture(databaseId);
      const unknown = await request(app)
        .get('/entities/component/default/ledger/history')
        .query({ scorecard: 'nope' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/scorecard:default\/nope/);
      const hidden = await request(app)
        .get('/entities/component/default/secret-service/history')
        .query({ scorecard: 'test-maturity' })
        .set('authorization', callers.outsider);
      expect(hidden.status).toBe(404);
      const missing = await request(app).get(
        '/entities/component/default/ledger/history',
      );
      expect(missing.status).toBe(400);
    });
  });

  describe('POST /evaluate', () => {
    it('collects fresh facts and returns the new results when allowed', async () => {
      const { app, services, permissions } = await createFixture(databaseId);
      await services.facts.writeFacts([
        { entityRef: GATEWAY, source: 'ci', facts: { coverage: 95 } },
      ]);
      const res = await request(app)
        .post('/evaluate')
        .send({ entityRef: 'component:payment-gateway' });

      expect(res.status).toBe(200);
      expect(res.body.entityRef).toBe(GATEWAY);
      expect(res.body.scorecards[0].level.id).toBe('gold');
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          expect.objectContaining({
            resourceRef: GATEWAY,
            permission: expect.objectContaining({ name: 'maturity.evaluate' }),
          }),
        ],
        expect.anything(),
      );
    });

    it('answers 403 when denied, 404 when hidden, 400 for a bad ref', async () => {
      const { app, setDecision } = await createFixture(databaseId);
      setDecision(AuthorizeResult.DENY);
      const denied = await request(app)
        .post('/evaluate')
        .send({ entityRef: GATEWAY });
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');
      const hidden = await request(app)
        .post('/evaluate')
        .set('authorization', callers.outsider)
        .send({ entityRef: 'component:default/secret-service' });
      expect(hidden.status).toBe(404);
      const bad = await request(app)
        .post('/evaluate')
        .send({ entityRef: 'no-kind' });
      expect(bad.status).toBe(400);
      const wrongType = await request(app)
        .post('/evaluate')
        .send({ entityRef: 42 });
      expect(wrongType.status).toBe(400);
    });
  });

  describe('GET /gate', () => {
    const gate = (query: Record<string, string>) => ({
      entity: GATEWAY,
      scorecard: SCORECARD,
      ...query,
    });

    it('passes at or below the level reached, with no reasons', async () => {
      const { app } = await createFixture(databaseId);
      const res = await request(app)
        .get('/gate')
        .query(gate({ minLevel: 'silver' }))
        .set('authorization', callers.service);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        pass: true,
        entityRef: GATEWAY,
        scorecardRef: SCORECARD,
        level: { id: 'silver', title: 'Silver', index: 1 },
        required: { id: 'silver', title: 'Silver', index: 1 },
        reasons: [],
      });
    });

    it('fails above the level reached, with the failing checks as reasons (200)', async () => {
      const { app } = await createFixture(databaseId);
      const res = await request(app)
        .get('/gate')
        .query(gate({ minLevel: 'gold' }));
      expect(res.status).toBe(200);
      expect(res.body.pass).toBe(false);
      expect(res.body.reasons).toEqual([
        expect.objectContaining({
          checkId: 'coverage',
          level: 'gold',
          status: 'error',
          remediation: 'Push coverage from CI and raise it to 80 %',
        }),
      ]);
      const ledger = await request(app)
        .get('/gate')
        .query(
          gate({ entity: 'component:default/ledger', minLevel: 'silver' }),
        );
      expect(ledger.body).toMatchObject({
        pass: false,
        level: { id: 'bronze' },
      });
      expect(
        ledger.body.reasons.map((r: { checkId: string }) => r.checkId),
      ).toEqual(['has-docs']);
    });

    it('answers 400 for an unknown level or scorecard, or an entity the scorecard does not rate', async () => {
      const { app } = await createFixture(databaseId);
      const level = await request(app)
        .get('/gate')
        .query(gate({ minLevel: 'platinum' }));
      expect(level.status).toBe(400);
      expect(level.body.error.message).toMatch(
        /no level 'platinum'.*bronze, silver, gold/,
      );
      const scorecard = await request(app)
        .get('/gate')
        .query(gate({ scorecard: 'nope', minLevel: 'gold' }));
      expect(scorecard.status).toBe(400);
      const unrated = await request(app)
        .get('/gate')
        .query(gate({ entity: 'component:default/utils', minLevel: 'bronze' }));
      expect(unrated.status).toBe(400);
      const missing = await request(app)
        .get('/gate')
        .query({ entity: GATEWAY });
      expect(missing.status).toBe(400);
    });

    it('answers 404 for an entity the caller cannot see', async () => {
      const { app } = await createFixture(databaseId);
      const res = await request(app)
        .get('/gate')
        .query(
          gate({
            entity: 'component:default/secret-service',
            minLevel: 'bronze',
          }),
        )
        .set('authorization', callers.outsider);
      expect(res.status).toBe(404);
    });
  });
});
