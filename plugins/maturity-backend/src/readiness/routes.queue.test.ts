import request from 'supertest';
import { databases } from '../__testUtils__/fixture';
import { as, createReadinessFixture } from './__testUtils__/routeFixture';
import { ENTITY, phase, put } from './__testUtils__/routeRequests';

jest.setTimeout(120_000);

describe.each(databases.eachSupportedId())(
  'readiness queue and overview routes, %p',
  databaseId => {
    it('lists open reviews oldest first for reviewers and counts entities by phase', async () => {
      const f = await createReadinessFixture(databaseId);
      await phase(f, { phase: 'playground' });
      await put(f, 'ha-plan', { answer: 'yes' });
      await phase(f, { phase: 'green-light' });
      await request(f.app)
        .patch(ENTITY)
        .set('authorization', as.owner)
        .send({ targetLaunchDate: '2026-12-20' });
      await request(f.app)
        .post(`${ENTITY}/reviews`)
        .set('authorization', as.owner)
        .send({ phase: 'ready-for-production' });
      f.clock.advance(3 * 86_400_000);
      const queue = await request(f.app)
        .get('/readiness/reviews')
        .set('authorization', as.rita);
      expect(queue.body).toMatchObject({
        total: 1,
        items: [
          { waitingDays: 3, canReview: true, areas: ['reliability', 'ci-cd'] },
        ],
      });
      expect(
        (
          await request(f.app)
            .get('/readiness/reviews')
            .query({ mine: true })
            .set('authorization', as.owner)
        ).body.total,
      ).toBe(0);
      expect(
        (
          await request(f.app)
            .get('/readiness/reviews')
            .query({ area: 'security' })
            .set('authorization', as.rita)
        ).body.total,
      ).toBe(0);
      const overview = await request(f.app)
        .get('/readiness/overview')
        .set('authorization', as.owner);
      expect(overview.body).toMatchObject({
        total: 1,
        byPhase: [
          { phase: 'green-light', phaseTitle: 'Green light', count: 1 },
        ],
        launches: [
          {
            entityRef: 'component:default/payments',
            targetLaunchDate: '2026-12-20',
            openItems: 1,
            openForNext: 1,
          },
        ],
        openReviews: 1,
      });
    });
  },
);
