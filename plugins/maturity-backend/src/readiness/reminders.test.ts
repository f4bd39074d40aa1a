import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { databases } from '../__testUtils__/fixture';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseSendLog } from '../notifications/sendLog';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { addIsoDuration } from './duration';
import {
  checklist,
  ENTITY,
  OWNER,
  review,
  T0,
} from './__testUtils__/testChecklist';
import { sendReadinessReminders } from './reminders';

jest.setTimeout(60_000);

const DAY = 86_400_000;

describe.each(databases.eachSupportedId())(
  'readiness reminders, %p',
  databaseId => {
    it('sends each reminder once per cycle, also with two replicas running at once', async () => {
      const knex = await databases.init(databaseId);
      await applyDatabaseMigrations(knex);
      let now = T0;
      const store = DatabaseReadinessStore.fromKnex(knex, { now: () => now });
      // The runbook (P90D) was answered 80 days ago: it expires in 10 days; the launch is in 20 days.
      const answeredAt = new Date(T0.getTime() - 80 * DAY).toISOString();
      await store.change(ENTITY, checklist.ref, () => ({
        change: {
          phase: 'green-light',
          targetLaunchDate: new Date(T0.getTime() + 20 * DAY)
            .toISOString()
            .slice(0, 10),
          answers: [
            {
              itemId: 'runbook',
              answer: 'yes',
              evidence: ['https://wiki.example.com/rb'],
              answeredBy: OWNER,
              answeredAt,
              automatic: false,
            },
          ],
          reviews: [
            review({
              checklistRef: checklist.ref,
              requestedAt: new Date(T0.getTime() - 4 * DAY).toISOString(),
            }),
          ],
          audit: [],
        },
        result: null,
      }));
      const sent: NotificationSendOptions[] = [];
      const replica = () =>
        sendReadinessReminders({
          store: DatabaseReadinessStore.fromKnex(knex, { now: () => now }),
          checklists: {
            byRef: async ref => (ref === checklist.ref ? checklist : undefined),
          },
          owners: async refs =>
            new Map(refs.map(r => [r, 'group:default/team-a'])),
          sendLog: DatabaseSendLog.fromKnex(knex, { now: () => now }),
          notifications: {
            send: async n => {
              sent.push(n);
            },
          },
          logger: mockServices.logger.mock(),
          now,
          reviewWaitDays: 3,
        });

      const runs = await Promise.all([replica(), replica()]);
      expect(
        runs.reduce(
          (n, r) => n + r.expiring + r.launches + r.waitingReviews,
          0,
        ),
      ).toBe(3);
      expect(
        sent.map(n => [
          n.payload.topic,
          (n.recipients as { entityRef: string }).entityRef,
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['maturity-readiness-expiring', 'group:default/team-a'],
          ['maturity-readiness-launches', 'group:default/team-a'],
          ['maturity-readiness-waitingReviews', 'group:default/architects'],
        ]),
      );
      expect(
        sent.find(n => n.payload.topic === 'maturity-readiness-expiring')
          ?.payload.title,
      ).toContain(
        addIsoDuration(new Date(answeredAt), 'P90D').toISOString().slice(0, 10),
      );

      // The same day again: nothing new. Three days later: only the review, in its next cycle.
      expect(await replica()).toEqual({
        expiring: 0,
        launches: 0,
        waitingReviews: 0,
      });
      now = new Date(T0.getTime() + 3 * DAY);
      expect(await replica()).toEqual({
        expiring: 0,
        launches: 0,
        waitingReviews: 1,
      });
      expect(sent).toHaveLength(4);
    });
  },
);
