import request from 'supertest';
import { callers, createFixture, databases } from '../__testUtils__/fixture';
import { CAMPAIGN, ESTATE, SCORECARD } from '../__testUtils__/estate';

jest.setTimeout(60_000);

const BASE = '/campaigns/default/docs-drive';

describe.each(databases.eachSupportedId())(
  'campaigns in the composed plugin, %p',
  databaseId => {
    it('precomputes progress from the evaluation itself and keeps it current on the next one', async () => {
      const fixture = await createFixture(databaseId, {
        clockStart: new Date('2026-06-01T10:00:00.000Z'),
      });
      // No refresh task ran: the numbers come from the evaluation's results hook.
      const detail = await request(fixture.app).get(BASE);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        ref: CAMPAIGN,
        state: 'inProgress',
        progress: { targets: 4, passing: 2, failing: 2 },
        checks: [{ id: 'has-docs', from: 'scorecard:default/test-maturity' }],
      });
      const owners = await request(fixture.app).get(`${BASE}/owners`);
      expect(owners.body.items[0]).toMatchObject({
        // orphan's owner group is not in the catalog: the target counts as unowned.
        owner: null,
        progress: { targets: 1, failing: 1 },
      });

      // An approved exemption re-evaluates ledger; its campaign state follows in the same request.
      const requested = await request(fixture.app)
        .post('/exemptions')
        .set('authorization', callers.user)
        .send({
          entityRef: 'component:default/ledger',
          definitionRef: CAMPAIGN,
          checkId: 'has-docs',
          reason: 'Docs live in the wiki until Q3',
        });
      expect(requested.status).toBe(201);
      const approved = await request(fixture.app)
        .post(`/exemptions/${requested.body.id}/approve`)
        .set('authorization', callers.approver)
        .send({});
      expect(approved.status).toBe(200);
      const after = await request(fixture.app).get(
        `${BASE}/targets?state=exempt`,
      );
      expect(after.body.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/ledger',
          state: 'exempt',
          owner: 'group:default/payments',
        }),
      ]);
      const entity = await request(fixture.app).get(
        '/entities/component/default/ledger/campaigns',
      );
      expect(entity.body.items[0]).toMatchObject({
        ref: CAMPAIGN,
        progress: { exempt: 1, failing: 1 },
        target: { state: 'exempt' },
      });
    });

    it('ratchets a completed campaign into its promoteTo level without a scorecard edit; a later regression drops the level', async () => {
      const systemDrive = {
        apiVersion: 'ratchet.dev/v1alpha1',
        kind: 'Campaign',
        metadata: { name: 'system-drive', namespace: 'default' },
        spec: {
          owner: 'group:default/platform',
          brief: 'Every payments service belongs to a system',
          targets: { kind: 'Component', type: 'service', owner: 'payments' },
          checks: [
            {
              id: 'uses-poetry',
              title: 'Uses Poetry',
              rule: {
                fact: 'pushed.packageManager',
                operator: 'equal',
                value: 'poetry',
              },
            },
          ],
          startDate: '2026-01-01',
          dueDate: '2026-12-31',
          onCompletion: {
            when: 'allPass',
            promoteTo: {
              scorecard: 'test-maturity',
              level: 'bronze',
              category: 'quality',
            },
          },
        },
      };
      let refreshes = 0;
      const fixture = await createFixture(databaseId, {
        entities: [...ESTATE, systemDrive],
        clockStart: new Date('2026-06-01T10:00:00.000Z'),
        refreshDefinitions: async () => {
          refreshes += 1;
        },
      });
      const push = (entity: string, packageManager: string) =>
        request(fixture.app)
          .post('/facts')
          .set('authorization', callers.service)
          .send({
            items: [
              {
                entityRef: `component:default/${entity}`,
                source: 'pushed',
                facts: { packageManager },
              },
            ],
          });
      const level = async () =>
        (
          await request(fixture.app).get(
            '/entities/component/default/payment-gateway',
          )
        ).body.scorecards[0].level.id;
      const before = await level();
      expect(before).toBe('silver');
      // Both payments services move to Poetry: the campaign completes in that evaluation.
      expect((await push('payment-gateway', 'poetry')).status).toBe(200);
      expect((await push('ledger', 'poetry')).status).toBe(200);
      const campaign = await request(fixture.app).get(
        '/campaigns/default/system-drive',
      );
      expect(campaign.body).toMatchObject({
        state: 'completed',
        promoteTo: {
          scorecard: SCORECARD,
          level: 'bronze',
          promotedAt: '2026-06-01T10:00:00.000Z',
        },
      });
      // Completion runs the definitions task at once (the plugin triggers it on the scheduler); here, what
      // it does when a definition's hash changed.
      expect(refreshes).toBe(1);
      await fixture.services.evaluation.evaluateDefinitions([SCORECARD]);
      const scorecard = await request(fixture.app).get(
        '/scorecards/default/test-maturity',
      );
      expect(scorecard.body.checks).toContainEqual(
        expect.objectContaining({
          id: 'system-drive.uses-poetry',
          level: 'bronze',
          category: 'quality',
          fromCampaign: 'campaign:default/system-drive',
          ratchetedAt: '2026-06-01T10:00:00.000Z',
        }),
      );
      expect(await level()).toBe('silver');

      // A regression after completion: the level drops, the campaign stays completed, the target is marked.
      expect((await push('payment-gateway', 'pip')).status).toBe(200);
      expect(await level()).toBe(null);
      const after = await request(fixture.app).get(
        '/campaigns/default/system-drive/targets?state=failing',
      );
      expect(after.body.items).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/payment-gateway',
          regressed: true,
        }),
      ]);
      expect(
        (await request(fixture.app).get('/campaigns/default/system-drive')).body
          .state,
      ).toBe('completed');
      expect(refreshes).toBe(1);
    });
  },
);
