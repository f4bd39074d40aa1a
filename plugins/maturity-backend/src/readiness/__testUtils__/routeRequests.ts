import request from 'supertest';
import { as, createReadinessFixture } from './routeFixture';

/** The readiness routes of the fixture's entity. */
export const ENTITY = '/readiness/entities/component/default/payments';
/** An acceptable answer with evidence. */
export const RUNBOOK = {
  answer: 'yes',
  evidence: ['https://wiki.example.com/payments/runbook'],
};

/** The readiness route fixture. */
export type Fixture = Awaited<ReturnType<typeof createReadinessFixture>>;

/** Answers an item. */
export const put = (f: Fixture, item: string, body: object, who = as.owner) =>
  request(f.app)
    .put(`${ENTITY}/items/${item}`)
    .set('authorization', who)
    .send(body);
/** Moves the entity's phase. */
export const phase = (f: Fixture, body: object, who = as.owner) =>
  request(f.app).post(`${ENTITY}/phase`).set('authorization', who).send(body);
/** Acts on a review. */
export const act = (f: Fixture, id: string, body: object, who: string) =>
  request(f.app)
    .post(`/readiness/reviews/${id}/actions`)
    .set('authorization', who)
    .send(body);
/** Asks the CI/CD gate about ready-for-production. */
export const gate = (f: Fixture) =>
  request(f.app)
    .get('/readiness/gate')
    .query({
      entity: 'component:default/payments',
      phase: 'ready-for-production',
    })
    .set('authorization', as.outsider);
/** The entity's audit trail, as the owner reads it. */
export const audit = async (f: Fixture) =>
  (await request(f.app).get(`${ENTITY}/audit`).set('authorization', as.owner))
    .body.items;
