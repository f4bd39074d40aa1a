import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { compileDefinitions } from '../evaluation/definitions/compileDefinitions';
import { testScorecard } from '../evaluation/definitions/testDefinitions';
import {
  createLevelDropNotifier,
  entityMaturityLink,
} from './levelDropNotifier';

describe('createLevelDropNotifier', () => {
  it('tells the owner group which checks regressed, with a link to the Maturity tab', async () => {
    const sent: NotificationSendOptions[] = [];
    const notify = createLevelDropNotifier({
      notifications: { send: async options => void sent.push(options) },
      definitions: {
        getDefinitions: async () => compileDefinitions([testScorecard]),
      },
      logger: mockServices.logger.mock(),
    });
    await notify([
      {
        entityRef: 'component:default/payment-gateway',
        scorecardRef: 'scorecard:default/basics',
        from: 'silver',
        to: 'bronze',
        ownerRef: 'group:default/payments',
        regressed: [
          {
            entityRef: 'component:default/payment-gateway',
            definitionRef: 'scorecard:default/basics',
            checkId: 'error-rate',
            fromStatus: 'pass',
            toStatus: 'fail',
            message: 'Error rate is 20%',
            at: '2026-11-24T00:00:00.000Z',
          },
        ],
      },
      // Without a known owner there is nobody to tell: no notification.
      {
        entityRef: 'component:default/orphan',
        scorecardRef: 'scorecard:default/basics',
        from: 'bronze',
        to: null,
        regressed: [],
      },
    ]);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/payments' },
        payload: expect.objectContaining({
          title: 'payment-gateway dropped from Silver to Bronze on Basics',
          description:
            'Checks that regressed: Error rate below 1%: Error rate is 20%',
          link: '/catalog/default/component/payment-gateway/maturity',
          topic: 'maturity-level-drop',
        }),
      },
    ]);
  });

  it('links to the entity page of any kind', () => {
    expect(entityMaturityLink('group:default/payments')).toBe(
      '/catalog/default/group/payments/maturity',
    );
  });
});
