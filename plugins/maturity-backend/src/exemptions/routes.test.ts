import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { SCORECARD } from '../__testUtils__/estate';

jest.setTimeout(60_000);

const LEDGER = 'component:default/ledger';
const SECRET = 'component:default/secret-service';
const DAY = 86_400_000;

type Fixture = Awaited<ReturnType<typeof createFixture>>;

async function requestExemption(
  fixture: Fixture,
  body: Record<string, unknown> = {},
  caller = callers.user,
) {
  return request(fixture.app)
    .post('/exemptions')
    .set('authorization', caller)
    .send({
      entityRef: LEDGER,
      definitionRef: 'test-maturity',
      checkId: 'has-docs',
      reason: 'Docs in the wiki',
      ...body,
    });
}

async function docsCheck(fixture: Fixture, entity = 'ledger') {
  const res = await request(fixture.app).get(
    `/entities/component/default/${entity}`,
  );
  const [scorecard] = res.body.scorecards;
  return {
    level: scorecard.level.id,
    check: scorecard.checks.find((c: { id: string }) => c.id === 'has-docs'),
  };
}

describe.each(databases.eachSupportedId())(
  'exemption routes, %p',
  databaseId => {
    it('runs request → approve: the check becomes exempt and the level rises at once, all audited', async () => {
      const fixture = await createFixture(databaseId);
      const requested = await requestExemption(fixture);
      expect(requested.status).toBe(201);
      expect(requested.body).toMatchObject({
        entityRef: LEDGER,
        definitionRef: SCORECARD,
        checkId: 'has-docs',
        status: 'requested',
        requestedBy: 'user:default/alice',
        active: false,
      });
      expect((await docsCheck(fixture)).check.exemption).toMatchObject({
        status: 'requested',
      });

      const approved = await request(fixture.app)
        .post(`/exemptions/${requested.body.id}/approve`)
        .set('authorization', callers.approver)
        .send({ comment: 'Fine until the migration' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/bob',
        decisionComment: 'Fine until the migration',
        active: true,
      });
      const after = await docsCheck(fixture);
      expect(after.level).toBe('silver');
      expect(after.check).toMatchObject({
        status: 'exempt',
        exemption: { id: requested.body.id, active: true },
      });

      const audit = await request(fixture.app)
        .get('/audit')
        .set('authorization', callers.approver);
      expect(audit.status).toBe(200);
      expect(
        audit.body.items.map((a: { action: string; actor: string }) => [
          a.action,
          a.actor,
        ]),
      ).toEqual([
        ['exemption.approved', 'user:default/bob'],
        ['exemption.requested', 'user:default/alice'],
      ]);
      expect(audit.body.items[0].subject).toEqual({
        exemptionId: requested.body.id,
        entityRef: LEDGER,
        definitionRef: SCORECARD,
        checkId: 'has-docs',
      });
    });

    it('refuses self-approval with 403 and a message', async () => {
      const fixture = await createFixture(databaseId);
      const { body } = await requestExemption(fixture);
      const res = await request(fixture.app)
        .post(`/exemptions/${body.id}/approve`)
        .set('authorization', callers.user);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /cannot approve an exemption you requested yourself/,
      );
    });

    it('stops counting an expired exemption: on read at once, in stored levels by the expiry task', async () => {
      const fixture = await createFixture(databaseId);
      const expiresAt = new Date(
        fixture.clock.now().getTime() + DAY,
      ).toISOString();
      const { body } = await requestExemption(fixture, { expiresAt });
      await request(fixture.app)
        .post(`/exemptions/${body.id}/approve`)
        .set('authorization', callers.approver);
      expect((await docsCheck(fixture)).check.status).toBe('exempt');

      fixture.clock.advance(2 * DAY);
      const gate = await request(fixture.app)
        .get('/gate')
        .query({ entity: LEDGER, scorecard: SCORECARD, minLevel: 'silver' });
      expect(gate.body.pass).toBe(false);
      const after = await docsCheck(fixture);
      expect(after).toMatchObject({
        level: 'bronze',
        check: { status: 'fail' },
      });
      expect(after.check.exemption).toBeUndefined();

      expect(await fixture.services.exemptions.reevaluateExpired()).toBe(1);
      const list = await request(fixture.app)
        .get('/exemptions')
        .query({ entityRef: LEDGER });
      expect(list.body.items).toEqual([
        expect.objectContaining({
          id: body.id,
          status: 'approved',
          active: false,
        }),
      ]);
      const audit = await request(fixture.app)
        .get('/audit')
        .query({ limit: 1 });
      expect(audit.body.items[0]).toMatchObject({
        action: 'exemption.expired',
        actor: 'system',
      });
    });

    it('denies and revokes; a revoked exemption stops counting at once', async () => {
      const fixture = await createFixture(databaseId);
      const first = await requestExemption(fixture);
      const denied = await request(fixture.app)
        .post(`/exemptions/${first.body.id}/deny`)
        .set('authorization', callers.approver)
        .send({ comment: 'Write the docs' });
      expect(denied.body).toMatchObject({
        status: 'denied',
        decisionComment: 'Write the docs',
      });
      const again = await request(fixture.app)
        .post(`/exemptions/${first.body.id}/approve`)
        .set('authorization', callers.approver);
      expect(again.status).toBe(409);

      const second = await requestExemption(fixture, { reason: 'Second try' });
      await request(fixture.app)
        .post(`/exemptions/${second.body.id}/approve`)
        .set('authorization', callers.approver);
      expect((await docsCheck(fixture)).level).toBe('silver');
      const revoked = await request(fixture.app)
        .post(`/exemptions/${second.body.id}/revoke`)
        .set('authorization', callers.approver);
      expect(revoked.body.status).toBe('revoked');
      expect(await docsCheck(fixture)).toMatchObject({
        level: 'bronze',
        check: { status: 'fail' },
      });
    });

    it('answers 409 for a second open request and 400/404 for unknown things', async () => {
      const fixture = await createFixture(databaseId);
      await requestExemption(fixture);
      expect((await requestExemption(fixture)).status).toBe(409);
      const check = await requestExemption(fixture, { checkId: 'nope' });
      expect(check.status).toBe(400);
      expect(check.body.error.message).toMatch(/no check 'nope'/);
      expect(
        (await requestExemption(fixture, { definitionRef: 'nope' })).status,
      ).toBe(400);
      expect((await requestExemption(fixture, { reason: '' })).status).toBe(
        400,
      );
      expect(
        (await requestExemption(fixture, { expiresAt: 'tomorrow' })).status,
      ).toBe(400);
      const past = await requestExemption(fixture, {
        checkId: 'coverage',
        expiresAt: '2000-01-01T00:00:00Z',
      });
      expect(past.status).toBe(400);
      const missing = await request(fixture.app).post(
        '/exemptions/00000000-0000-0000-0000-000000000000/approve',
      );
      expect(missing.status).toBe(404);
    });

    it('enforces the request and approve permissions and catalog visibility', async () => {
      const fixture = await createFixture(databaseId);
      const hidden = await requestExemption(
        fixture,
        { entityRef: SECRET },
        callers.outsider,
      );
      expect(hidden.status).toBe(404);
      const { body } = await requestExemption(fixture, { entityRef: SECRET });
      const hiddenApprove = await request(fixture.app)
        .post(`/exemptions/${body.id}/approve`)
        .set('authorization', callers.outsider);
      expect(hiddenApprove.status).toBe(404);

      fixture.setDecision(AuthorizeResult.DENY);
      const denied = await requestExemption(fixture);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/maturity.exemption.request/);
      const approve = await request(fixture.app)
        .post(`/exemptions/${body.id}/approve`)
        .set('authorization', callers.approver);
      expect(approve.status).toBe(403);
      expect(approve.body.error.message).toMatch(/maturity.exemption.approve/);
      expect(
        (
          await request(fixture.app)
            .post(`/exemptions/${body.id}/deny`)
            .set('authorization', callers.approver)
        ).status,
      ).toBe(403);
      expect(
        (
          await request(fixture.app)
            .post(`/exemptions/${body.id}/revoke`)
            .set('authorization', callers.approver)
        ).status,
      ).toBe(403);
      expect(
        (
          await request(fixture.app)
            .get('/audit')
            .set('authorization', callers.approver)
        ).status,
      ).toBe(403);
    });

    it('lists exemptions by entity, scorecard and status, over visible entities', async () => {
      const fixture = await createFixture(databaseId);
      await requestExemption(fixture);
      const secret = await requestExemption(
        fixture,
        { entityRef: SECRET, checkId: 'coverage' },
        callers.service,
      );
      expect(secret.body.requestedBy).toBe('external:test-service');

      const all = await request(fixture.app).get('/exemptions');
      expect(all.body.items).toHaveLength(2);
      const byEntity = await request(fixture.app)
        .get('/exemptions')
        .query({ entityRef: SECRET });
      expect(
        byEntity.body.items.map((e: { checkId: string }) => e.checkId),
      ).toEqual(['coverage']);
      const byScorecard = await request(fixture.app)
        .get('/exemptions')
        .query({ scorecard: 'other' });
      expect(byScorecard.body.items).toEqual([]);
      const approved = await request(fixture.app)
        .get('/exemptions')
        .query({ status: 'approved' });
      expect(approved.body.items).toEqual([]);
      const outsider = await request(fixture.app)
        .get('/exemptions')
        .set('authorization', callers.outsider);
      expect(
        outsider.body.items.map((e: { entityRef: string }) => e.entityRef),
      ).toEqual([LEDGER]);
      expect(
        (
          await request(fixture.app)
            .get('/exemptions')
            .query({ status: 'gone' })
        ).status,
      ).toBe(400);
    });

    it('shows only entries about entities a conditional policy allows', async () => {
      const fixture = await createFixture(databaseId);
      await requestExemption(fixture);
      await requestExemption(fixture, { entityRef: SECRET });
      fixture.setDecision(AuthorizeResult.CONDITIONAL, [SECRET]);
      const res = await request(fixture.app)
        .get('/audit')
        .set('authorization', callers.approver);
      expect(res.status).toBe(200);
      expect(
        res.body.items.map(
          (a: { subject: { entityRef: string } }) => a.subject.entityRef,
        ),
      ).toEqual([SECRET]);
    });
  },
);
