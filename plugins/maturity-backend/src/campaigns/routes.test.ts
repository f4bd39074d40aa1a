import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import request from 'supertest';
import {
  callers,
  databases,
  visibilityCatalog,
} from '../__testUtils__/fixture';
import { CatalogView } from '../http/catalogView';
import { createCampaignRouter } from './routes';
import {
  campaignHarness,
  poetryCampaign,
  serviceFacts,
} from './__testUtils__/harness';

jest.setTimeout(60_000);

const C = 'campaign:default/pip-to-poetry';
const BASE = '/campaigns/default/pip-to-poetry';

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const campaign = poetryCampaign({
    checks: [
      {
        id: 'uses-poetry',
        title: 'Uses Poetry',
        remediation: 'Run `poetry init` and commit poetry.lock.',
        rule: {
          fact: 'pushed.packageManager',
          operator: 'equal',
          value: 'poetry',
        },
      },
      { ref: { scorecard: 'service-maturity', check: 'gone' } },
    ],
    onCompletion: {
      when: 'allPass',
      promoteTo: { scorecard: 'service-maturity', level: 'silver' },
    },
  });
  const h = await campaignHarness(databases, databaseId, [campaign]);
  const services = [
    { name: 'a', team: 'payments', poetry: true },
    { name: 'b', team: 'payments' },
    { name: 'c', team: 'ledger' },
    { name: 'secret-service', team: 'ledger' },
  ];
  await h.push(services);
  await h.campaigns.refreshAll();
  const catalogEntities: Entity[] = [
    campaign,
    ...services.map(s => ({
      apiVersion: 'backstage.io/v1alpha1',
      ...serviceFacts(s.name, s.team),
    })),
  ];
  let decision = AuthorizeResult.ALLOW as
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY;
  const permissions = mockServices.permissions.mock({
    authorize: async requests => requests.map(() => ({ result: decision })),
  });
  const router = createCampaignRouter({
    httpAuth: mockServices.httpAuth(),
    permissions,
    view: new CatalogView(visibilityCatalog(catalogEntities)),
    campaigns: h.campaigns,
    store: h.store,
    notifier: h.notifier,
    now: h.clock.now,
  });
  const app = express().use(express.json()).use(router).use(mockErrorHandler());
  return {
    ...h,
    app,
    permissions,
    deny: () => {
      decision = AuthorizeResult.DENY;
    },
  };
}

describe.each(databases.eachSupportedId())('campaign routes, %p', id => {
  it('lists, shows and pages a campaign with precomputed progress', async () => {
    const { app } = await setup(id);
    const list = await request(app).get('/campaigns');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        ref: C,
        title: 'Poetry',
        owner: 'group:default/platform',
        state: 'inProgress',
        progress: expect.objectContaining({ targets: 4, passing: 1 }),
      }),
    ]);
    const mine = await request(app).get(
      '/campaigns?targetOwner=group:default/ledger&state=inProgress',
    );
    expect(mine.body.items[0].ownerProgress).toMatchObject({
      targets: 2,
      failing: 2,
    });
    expect(
      (await request(app).get('/campaigns?owner=payments')).body.items,
    ).toEqual([]);

    const detail = await request(app).get(BASE);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      brief: 'Move from pip to Poetry.',
      checks: [
        {
          id: 'uses-poetry',
          remediation: 'Run `poetry init` and commit poetry.lock.',
        },
      ],
      completeWhen: 'allPass',
      nextReminderAt: '2026-03-08T00:00:00.000Z',
      transitions: [
        {
          from: null,
          to: 'inProgress',
          cause: 'start date 2026-03-01 reached',
        },
      ],
    });
    expect(detail.body.problems).toEqual([
      expect.stringContaining("spec.checks[1].ref: check 'gone'"),
      "spec.onCompletion.promoteTo.scorecard: scorecard:default/service-maturity does not exist; the campaign's checks cannot ratchet into it",
    ]);

    const page = await request(app).get(`${BASE}/targets?limit=2`);
    expect(page.body).toMatchObject({ total: 4, limit: 2, nextOffset: 2 });
    expect(page.body.items[0]).toMatchObject({
      entityRef: 'component:default/b',
      state: 'failing',
      failingChecks: [
        {
          checkId: 'uses-poetry',
          title: 'Uses Poetry',
          remediation: 'Run `poetry init` and commit poetry.lock.',
          failing: { fact: 'pushed.packageManager', actual: 'pip' },
        },
      ],
    });
    const ledger = await request(app)
      .get(`${BASE}/targets?owner=ledger&state=failing`)
      .set('authorization', callers.outsider);
    // The outsider cannot see secret-service: it is neither listed nor counted.
    expect(
      ledger.body.items.map((t: { entityRef: string }) => t.entityRef),
    ).toEqual(['component:default/c']);
    expect(ledger.body.total).toBe(1);

    const owners = await request(app).get(`${BASE}/owners`);
    expect(
      owners.body.items.map(
        (o: { owner: string; progress: { ratio: number } }) => [
          o.owner,
          o.progress.ratio,
        ],
      ),
    ).toEqual([
      ['group:default/ledger', 0],
      ['group:default/payments', 0.5],
    ]);
    const progress = await request(app).get(`${BASE}/progress`);
    expect(progress.body).toMatchObject({
      campaignRef: C,
      points: [{ day: '2026-03-02', targets: 4, done: 1 }],
      projection: { windowDays: 14 },
    });

    const entity = await request(app).get(
      '/entities/component/default/a/campaigns',
    );
    expect(entity.body.items).toEqual([
      expect.objectContaining({
        ref: C,
        target: expect.objectContaining({
          state: 'passing',
          firstPassedAt: '2026-03-02T09:00:00.000Z',
        }),
      }),
    ]);
  });

  it.each([
    ['/campaigns?state=finished', /state/],
    ['/campaigns?colour=red', /colour/],
    [`${BASE}/targets?limit=0`, /limit/],
    [`${BASE}/targets?state=done`, /state/],
    [`${BASE}/progress?days=400`, /days/],
  ])('answers %s with a 400 naming the parameter', async (url, message) => {
    const { app } = await setup(id);
    const res = await request(app).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('serves a cached read until campaign state changes, then the new state', async () => {
    const h = await setup(id);
    const first = await request(h.app).get(BASE);
    expect(first.body.progress.passing).toBe(1);
    expect((await request(h.app).get(BASE)).body).toEqual(first.body);
    await h.push([{ name: 'b', team: 'payments', poetry: true }]);
    const after = await request(h.app).get(BASE);
    expect(after.body.progress.passing).toBe(2);
    expect(
      (await request(h.app).get(`${BASE}/owners`)).body.items[1].progress,
    ).toMatchObject({ passing: 2, ratio: 1 });
  });

  it('404s for an unknown campaign, and for an entity the caller cannot see', async () => {
    const { app } = await setup(id);
    expect((await request(app).get('/campaigns/default/nope')).status).toBe(
      404,
    );
    const hidden = await request(app)
      .get('/entities/component/default/secret-service/campaigns')
      .set('authorization', callers.outsider);
    expect(hidden.status).toBe(404);
  });

  it('nudges with permission, rate-limited per owner; refuses without, sending nothing', async () => {
    const h = await setup(id);
    const bad = await request(h.app).post(`${BASE}/nudge`).send({ team: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/team/);
    expect(h.sent).toHaveLength(0);

    const ok = await request(h.app).post(`${BASE}/nudge`).send({});
    expect(ok.status).toBe(200);
    expect(ok.body.notified).toEqual([
      { owner: 'group:default/ledger', failingTargets: 2 },
      { owner: 'group:default/payments', failingTargets: 1 },
    ]);
    const again = await request(h.app)
      .post(`${BASE}/nudge`)
      .send({ owner: 'ledger' });
    expect(again.body).toEqual({
      notified: [],
      rateLimited: ['group:default/ledger'],
    });
    expect(h.sent).toHaveLength(2);

    h.deny();
    const denied = await request(h.app).post(`${BASE}/nudge`).send({});
    expect(denied.status).toBe(403);
    h.clock.set('2026-03-02T12:00:00.000Z');
    expect(h.sent).toHaveLength(2);
  });

  it('ends early with permission and a reason, once; refuses otherwise, writing nothing', async () => {
    const h = await setup(id);
    const empty = await request(h.app)
      .post(`${BASE}/end`)
      .send({ reason: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/reason/);
    expect((await request(h.app).post(`${BASE}/end`).send({})).status).toBe(
      400,
    );

    h.deny();
    const denied = await request(h.app)
      .post(`${BASE}/end`)
      .send({ reason: 'Superseded by the uv campaign' });
    expect(denied.status).toBe(403);
    expect((await h.store.getCampaign(C))?.state).toBe('inProgress');
    expect(await h.store.getTransitions(C)).toHaveLength(1);
  });

  it('ends early: the stored transition names the actor and the reason; a second end conflicts', async () => {
    const h = await setup(id);
    const ended = await request(h.app)
      .post(`${BASE}/end`)
      .set('authorization', callers.user)
      .send({ reason: 'Superseded by the uv campaign' });
    expect(ended.status).toBe(200);
    expect(ended.body.state).toBe('endedEarly');
    expect(ended.body.transitions.pop()).toEqual({
      from: 'inProgress',
      to: 'endedEarly',
      at: '2026-03-02T09:00:00.000Z',
      cause: 'ended early: Superseded by the uv campaign',
      actor: 'user:default/alice',
    });
    const twice = await request(h.app)
      .post(`${BASE}/end`)
      .send({ reason: 'again' });
    expect(twice.status).toBe(409);
    const nudge = await request(h.app).post(`${BASE}/nudge`).send({});
    expect(nudge.status).toBe(409);
    // Ended is final: a refresh with every target passing does not complete it.
    await h.push(
      ['a', 'b', 'c', 'secret-service'].map(name => ({
        name,
        team: 'ledger',
        poetry: true,
      })),
    );
    expect((await h.store.getCampaign(C))?.state).toBe('endedEarly');
  });
});
