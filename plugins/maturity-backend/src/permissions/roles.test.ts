import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';

jest.setTimeout(60_000);

const LEDGER = 'component:default/ledger';
const OTHER = 'component:default/website';
/** A service token with a subject, as the mock auth service reads it (an external-access token's subject). */
const serviceHeader = (sub: string) =>
  `Bearer mock-service-token:${JSON.stringify({ sub })}`;
const CI = serviceHeader('ratchet-demo-ci');

type Fixture = Awaited<ReturnType<typeof createFixture>> & {
  /** The permission the current case denies, for routes that set up state first. */
  denied?: string;
};

/** Every permission allowed except `denied` (definitive), or conditional on `allowedRefs` per entity. */
function policy(fixture: Fixture, denied: string | undefined) {
  fixture.permissions.authorize.mockImplementation(async requests =>
    requests.map(r => ({
      result:
        r.permission.name === denied
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })),
  );
  fixture.permissions.authorizeConditional.mockImplementation(async requests =>
    requests.map(r => ({
      result:
        r.permission.name === denied
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })),
  );
}

/** A conditional policy: resource permissions are allowed only on `allowed` entities, decided per entity. */
function conditional(fixture: Fixture, allowed: string[]) {
  fixture.permissions.authorize.mockImplementation(async requests =>
    requests.map(r => ({
      result:
        'resourceRef' in r && r.resourceRef && allowed.includes(r.resourceRef)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })),
  );
  fixture.permissions.authorizeConditional.mockImplementation(async requests =>
    requests.map(() => ({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {},
      },
    })),
  );
}

async function requestExemption(fixture: Fixture, entityRef = LEDGER) {
  return request(fixture.app)
    .post('/exemptions')
    .set('authorization', callers.user)
    .send({
      entityRef,
      definitionRef: 'test-maturity',
      checkId: 'has-docs',
      reason: 'Docs in the wiki',
    });
}

/** Each guarded route with the one permission it needs; `call` makes a request that is otherwise valid. */
const ROUTES: Array<{
  route: string;
  permission: string;
  call: (fixture: Fixture) => Promise<request.Response>;
}> = [
  {
    route: 'POST /exemptions',
    permission: 'maturity.exemption.request',
    call: fixture => requestExemption(fixture),
  },
  ...(['approve', 'deny', 'revoke'] as const).map(action => ({
    route: `POST /exemptions/{id}/${action}`,
    permission: 'maturity.exemption.approve',
    call: async (fixture: Fixture) => {
      policy(fixture, undefined);
      const { body } = await requestExemption(fixture);
      policy(fixture, fixture.denied);
      return request(fixture.app)
        .post(`/exemptions/${body.id}/${action}`)
        .set('authorization', callers.approver)
        .send({ comment: 'ok' });
    },
  })),
  {
    route: 'GET /audit',
    permission: 'maturity.exemption.approve',
    call: fixture =>
      request(fixture.app).get('/audit').set('authorization', callers.user),
  },
  {
    route: 'POST /evaluate',
    permission: 'maturity.evaluate',
    call: fixture =>
      request(fixture.app)
        .post('/evaluate')
        .set('authorization', callers.user)
        .send({ entityRef: LEDGER }),
  },
  {
    route: 'POST /facts',
    permission: 'maturity.facts.push',
    call: fixture =>
      request(fixture.app)
        .post('/facts')
        .set('authorization', callers.service)
        .send({
          items: [{ entityRef: LEDGER, source: 'ci', facts: { coverage: 80 } }],
        }),
  },
];

const PERMISSIONS = [
  'maturity.exemption.request',
  'maturity.exemption.approve',
  'maturity.evaluate',
  'maturity.facts.push',
  'maturity.campaign.nudge',
  'maturity.campaign.end',
  'maturity.readiness.answer',
  'maturity.readiness.review',
];

describe.each(databases.eachSupportedId())('roles, %p', databaseId => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await createFixture(databaseId, {
      config: {
        maturity: {
          push: {
            allowedSources: [
              { subject: 'ratchet-demo-ci', sources: ['pushed'] },
              { subject: 'external:test-service', sources: ['ci', 'pushed'] },
            ],
          },
        },
      },
    });
  });

  // Each case starts without exemptions (one open request per check and entity is allowed).
  beforeEach(async () => {
    await fixture.knex('maturity_exemptions').delete();
    policy(fixture, undefined);
  });

  describe.each(ROUTES)('$route', ({ permission, call }) => {
    it(`is denied (403) when only ${permission} is denied`, async () => {
      fixture.denied = permission;
      policy(fixture, permission);
      const res = await call(fixture);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    });

    it.each(PERMISSIONS.filter(p => p !== permission))(
      'is allowed when only %s is denied',
      async other => {
        fixture.denied = other;
        policy(fixture, other);
        const res = await call(fixture);
        expect(res.status).toBeLessThan(300);
      },
    );
  });

  it('refuses exemption decisions and audit reads to service principals (the CI token), changing nothing', async () => {
    policy(fixture, undefined);
    const { body } = await requestExemption(fixture);
    for (const action of ['approve', 'deny', 'revoke']) {
      const res = await request(fixture.app)
        .post(`/exemptions/${body.id}/${action}`)
        .set('authorization', CI)
        .send({});
      expect(res.status).toBe(403);
    }
    const audit = await request(fixture.app)
      .get('/audit')
      .set('authorization', CI);
    expect(audit.status).toBe(403);
    const row = await fixture
      .knex('maturity_exemptions')
      .where({ id: body.id })
      .first();
    expect(row.status).toBe('requested');
  });

  it('decides write routes per entity under a conditional policy', async () => {
    conditional(fixture, [LEDGER]);
    fixture.permissions.authorize.mockClear();
    expect((await requestExemption(fixture, LEDGER)).status).toBe(201);
    expect((await requestExemption(fixture, OTHER)).status).toBe(403);
    const evaluate = (entityRef: string) =>
      request(fixture.app)
        .post('/evaluate')
        .set('authorization', callers.user)
        .send({ entityRef });
    expect((await evaluate(LEDGER)).status).toBe(200);
    expect((await evaluate(OTHER)).status).toBe(403);

    policy(fixture, undefined);
    const other = await requestExemption(fixture, OTHER);
    conditional(fixture, [LEDGER]);
    const approveOther = await request(fixture.app)
      .post(`/exemptions/${other.body.id}/approve`)
      .set('authorization', callers.approver)
      .send({});
    expect(approveOther.status).toBe(403);
    expect(fixture.permissions.authorize).toHaveBeenCalledWith(
      [expect.objectContaining({ resourceRef: OTHER })],
      expect.anything(),
    );
  });

  it('limits pushes to the sources configured for the token', async () => {
    policy(fixture, undefined);
    const push = (authorization: string, source: string) =>
      request(fixture.app)
        .post('/facts')
        .set('authorization', authorization)
        .send({
          items: [{ entityRef: LEDGER, source, facts: { coverage: 81 } }],
        });
    expect((await push(CI, 'pushed')).status).toBe(200);
    const refused = await push(CI, 'ci');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      "ratchet-demo-ci may not push to 'ci'",
    );
    expect((await push(callers.service, 'ci')).status).toBe(200);
    const unlisted = serviceHeader('someone');
    expect((await push(unlisted, 'pushed')).status).toBe(403);
    // Collected and attestation sources are refused to every caller.
    for (const source of ['catalog', 'attestation']) {
      expect((await push(callers.service, source)).status).toBe(400);
    }
  });
});
