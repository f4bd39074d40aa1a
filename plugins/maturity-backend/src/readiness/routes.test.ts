import request from 'supertest';
import { databases } from '../__testUtils__/fixture';
import {
  as,
  createReadinessFixture,
  USERS,
} from './__testUtils__/routeFixture';
import {
  act,
  audit,
  ENTITY,
  Fixture,
  gate,
  phase,
  put,
  RUNBOOK,
} from './__testUtils__/routeRequests';

jest.setTimeout(120_000);

async function checkStatus(f: Fixture, checkId: string) {
  const res = await request(f.app)
    .get('/entities/component/default/payments')
    .set('authorization', as.owner);
  const scorecard = res.body.scorecards.find(
    (s: { ref: string }) => s.ref === 'scorecard:default/readiness-test',
  );
  return scorecard.checks.find((c: { id: string }) => c.id === checkId).status;
}

describe.each(databases.eachSupportedId())(
  'readiness routes, %p',
  databaseId => {
    it('owner answers and requests a review, a reviewer vetoes, the owner fixes, reviewers approve, the gate opens; all audited', async () => {
      const f = await createReadinessFixture(databaseId);
      const first = await request(f.app)
        .get(ENTITY)
        .set('authorization', as.owner);
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        checklistRef: 'checklist:default/launch',
        phase: null,
        viewer: { canAnswer: true, canReview: false },
        next: { phase: 'playground', allowed: true },
      });
      // The automatic item follows its check (payments has docs).
      expect(first.body.areas[1].items[0]).toMatchObject({
        id: 'has-ci',
        automatic: true,
        answer: 'yes',
        check: { status: 'pass' },
      });

      expect((await phase(f, { phase: 'playground' })).status).toBe(200);
      expect(await checkStatus(f, 'ha-attested')).not.toBe('pass');
      expect(
        (await put(f, 'ha-plan', { answer: 'yes', notes: 'two zones' })).status,
      ).toBe(200);
      // The answer is an attestation fact at once, and the check reading it re-evaluated.
      expect(await checkStatus(f, 'ha-attested')).toBe('pass');
      expect((await phase(f, { phase: 'green-light' })).status).toBe(200);
      expect((await put(f, 'runbook', { answer: 'no' })).status).toBe(200);

      const requested = await request(f.app)
        .post(`${ENTITY}/reviews`)
        .set('authorization', as.owner)
        .send({ phase: 'ready-for-production' });
      expect(requested.status).toBe(201);
      const id = requested.body.id;
      expect(requested.body).toMatchObject({
        status: 'open',
        requiredApprovals: 2,
        answeredBy: [USERS.owner],
      });

      const vetoed = await act(
        f,
        id,
        {
          action: 'veto',
          reason: 'No runbook yet',
          comments: [{ itemId: 'runbook', comment: 'Write it' }],
        },
        as.rita,
      );
      expect(vetoed.body).toMatchObject({
        status: 'vetoed',
        veto: { reviewer: USERS.rita, reason: 'No runbook yet' },
      });
      expect(
        (await act(f, id, { action: 'approve' }, as.ravi)).body.status,
      ).toBe('vetoed');
      expect((await gate(f)).body).toMatchObject({
        pass: false,
        signOff: 'vetoed',
      });

      expect((await put(f, 'runbook', RUNBOOK)).status).toBe(200);
      expect(
        (
          await act(
            f,
            id,
            { action: 'lift-veto', reason: 'Runbook is good' },
            as.rita,
          )
        ).body,
      ).toMatchObject({ status: 'open', approvals: 1 });
      expect((await gate(f)).body.pass).toBe(false);
      expect(await checkStatus(f, 'signed-off')).toBe('fail');
      const approved = await act(f, id, { action: 'approve' }, as.rita);
      expect(approved.body).toMatchObject({ status: 'approved', approvals: 2 });
      // The sign-off is an attestation fact with its age, read by the scorecard's check at once.
      expect(await checkStatus(f, 'signed-off')).toBe('pass');
      expect((await gate(f)).body).toMatchObject({
        pass: true,
        openItems: [],
        signOff: 'approved',
        currentPhase: 'green-light',
      });

      const entered = await phase(f, { phase: 'ready-for-production' });
      expect(entered.status).toBe(200);
      expect(entered.body.phase).toBe('ready-for-production');

      expect(
        (await audit(f)).map((e: { action: string }) => e.action).reverse(),
      ).toEqual([
        'phase',
        'answer',
        'phase',
        'answer',
        'review-requested',
        'review-vetoed',
        'review-approved',
        'answer',
        'review-veto-lifted',
        'review-approved',
        'phase',
      ]);
      const csv = await request(f.app)
        .get(`${ENTITY}/audit/export`)
        .set('authorization', as.owner);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text.split('\r\n')[0]).toBe(
        'id,at,actor,entityRef,checklistRef,action,itemId,phase,reviewId,before,after',
      );
      expect(csv.text.split('\r\n')).toHaveLength(13);
    });

    it('re-opens an approved review when an answer changes', async () => {
      const f = await createReadinessFixture(databaseId);
      await phase(f, { phase: 'playground' });
      await put(f, 'ha-plan', { answer: 'yes' });
      await phase(f, { phase: 'green-light' });
      const { body } = await request(f.app)
        .post(`${ENTITY}/reviews`)
        .set('authorization', as.owner)
        .send({ phase: 'ready-for-production' });
      await act(f, body.id, { action: 'approve' }, as.rita);
      expect(
        (await act(f, body.id, { action: 'approve' }, as.ravi)).body.status,
      ).toBe('approved');
      await put(f, 'ha-plan', { answer: 'yes', notes: 'now three zones' });
      const review = await request(f.app)
        .get(`/readiness/reviews/${body.id}`)
        .set('authorization', as.rita);
      expect(review.body).toMatchObject({ status: 'open', approvals: 0 });
      expect(review.body.events.at(-1)).toMatchObject({
        action: 'reopened',
        itemId: 'ha-plan',
        actor: USERS.owner,
      });
    });

    it('enforces who answers and who reviews, per route', async () => {
      const f = await createReadinessFixture(databaseId);
      // answer, launch date, phase, review request: owners only.
      for (const who of [as.outsider, as.rita]) {
        expect((await put(f, 'ha-plan', { answer: 'yes' }, who)).status).toBe(
          403,
        );
        expect((await phase(f, { phase: 'playground' }, who)).status).toBe(403);
        expect(
          (
            await request(f.app)
              .patch(ENTITY)
              .set('authorization', who)
              .send({ targetLaunchDate: '2027-01-01' })
          ).status,
        ).toBe(403);
      }
      expect(
        (
          await request(f.app)
            .patch(ENTITY)
            .set('authorization', as.owner)
            .send({ targetLaunchDate: '2027-01-01' })
        ).body.targetLaunchDate,
      ).toBe('2027-01-01');
      await phase(f, { phase: 'playground' });
      await put(f, 'ha-plan', { answer: 'yes' });
      await phase(f, { phase: 'green-light' });
      expect(
        (
          await request(f.app)
            .post(`${ENTITY}/reviews`)
            .set('authorization', as.rita)
            .send({ phase: 'ready-for-production' })
        ).status,
      ).toBe(403);
      const { body } = await request(f.app)
        .post(`${ENTITY}/reviews`)
        .set('authorization', as.owner)
        .send({ phase: 'ready-for-production' });
      // Review actions: the checklist's reviewers only; withdraw: owners only.
      const denied = await act(f, body.id, { action: 'approve' }, as.owner);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(
        /members of group:default\/architects review/,
      );
      expect(
        (await act(f, body.id, { action: 'veto', reason: 'x' }, as.outsider))
          .status,
      ).toBe(403);
      expect(
        (await act(f, body.id, { action: 'withdraw' }, as.rita)).status,
      ).toBe(403);
      expect(
        (await act(f, body.id, { action: 'approve' }, as.rita)).status,
      ).toBe(200);
      expect(
        (await act(f, body.id, { action: 'withdraw' }, as.owner)).body.status,
      ).toBe('withdrawn');
      // What the caller may do is shown on the record.
      const reviewerView = await request(f.app)
        .get(ENTITY)
        .set('authorization', as.rita);
      expect(reviewerView.body.viewer).toEqual({
        canAnswer: false,
        canReview: true,
      });
    });

    it('refuses bad input with a 4xx naming the field or rule, and writes nothing', async () => {
      const f = await createReadinessFixture(databaseId);
      await phase(f, { phase: 'playground' });
      const before = (await audit(f)).length;
      const cases: Array<[Promise<request.Response>, number, RegExp]> = [
        [
          put(f, 'nope', { answer: 'yes' }),
          400,
          /^itemId: unknown item "nope"/,
        ],
        [
          put(f, 'ha-plan', { answer: 'not-applicable' }),
          400,
          /^justification: required/,
        ],
        [
          put(f, 'runbook', { answer: 'yes', evidence: ['not a url'] }),
          400,
          /^evidence\[0\]: "not a url" is not an http\(s\) URL/,
        ],
        [
          put(f, 'runbook', { answer: 'yes' }),
          400,
          /^evidence: item "runbook" requires/,
        ],
        [
          put(f, 'ha-plan', {
            answer: 'yes',
            checklistRef: 'checklist:default/other',
          }),
          400,
          /^checklistRef:/,
        ],
        [
          put(f, 'has-ci', { answer: 'yes' }),
          409,
          /answered automatically.*exemption/,
        ],
        [put(f, 'ha-plan', { answer: 'maybe' }), 400, /answer/],
        [
          phase(f, { phase: 'ready-for-production' }),
          409,
          /^phase: phases cannot be skipped/,
        ],
        [
          phase(f, { phase: 'green-light' }),
          409,
          /item "ha-plan" \(required for green-light\) is unanswered/,
        ],
        [phase(f, { phase: 'launch' }), 400, /^phase: unknown phase "launch"/],
        [
          request(f.app)
            .patch(ENTITY)
            .set('authorization', as.owner)
            .send({ targetLaunchDate: '2027-13-45' }),
          400,
          /targetLaunchDate/,
        ],
        [
          request(f.app)
            .post(`${ENTITY}/reviews`)
            .set('authorization', as.owner)
            .send({ phase: 'ready-for-production' }),
          409,
          /next phase \("green-light"\)/,
        ],
        [
          request(f.app)
            .get('/readiness/gate')
            .query({ entity: 'component:default/payments', phase: 'prod' })
            .set('authorization', as.owner),
          400,
          /^phase: unknown phase/,
        ],
      ];
      for (const [pending, status, message] of cases) {
        const res = await pending;
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({ status, message: expect.stringMatching(message) });
      }
      expect((await audit(f)).length).toBe(before);
      expect(
        (await request(f.app).get(ENTITY).set('authorization', as.owner)).body
          .areas[0].items[0].state,
      ).toBe('unanswered');
    });
  },
);
