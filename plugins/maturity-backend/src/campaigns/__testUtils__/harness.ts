import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { applyDatabaseMigrations } from '../../database/migrations';
import { compileDefinitions } from '../../evaluation/definitions/compileDefinitions';
import { EvaluationService } from '../../evaluation/EvaluationService';
import { DatabaseResultStore } from '../../evaluation/results/DatabaseResultStore';
import { DatabaseFactStore } from '../../facts/DatabaseFactStore';
import { DatabaseSendLog } from '../../notifications/sendLog';
import { CampaignNotifier } from '../CampaignNotifier';
import { CampaignService } from '../CampaignService';
import { DatabaseCampaignStore } from '../DatabaseCampaignStore';

/** A Poetry campaign over production services, with one own check that reads a pushed fact. */
export function poetryCampaign(spec: Partial<JsonObject> = {}): Entity {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Campaign',
    metadata: { name: 'pip-to-poetry', namespace: 'default', title: 'Poetry' },
    spec: {
      owner: 'group:default/platform',
      brief: 'Move from pip to Poetry.',
      targets: { kind: 'Component', type: 'service' },
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
      ],
      startDate: '2026-03-01',
      dueDate: '2026-03-31',
      reminders: { every: 'P7D', beforeDue: ['P3D'], afterDue: true },
      onCompletion: { when: 'allPass' },
      ...spec,
    } as JsonObject,
  };
}

/** Catalog facts of a service owned by `team`, and the pushed package manager. */
export function serviceFacts(
  name: string,
  team: string | null,
  type = 'service',
) {
  return {
    kind: 'Component',
    metadata: { name, namespace: 'default', title: name.toUpperCase() },
    spec: { type, lifecycle: 'production' },
    owner: team
      ? { exists: true, ref: `group:default/${team}`, kind: 'Group' }
      : { exists: false },
  };
}

/** One "replica": its own stores and services over a shared database, with a shared clock. */
export function campaignInstance(
  knex: Knex,
  clock: { now: () => Date },
  definitions: () => Entity[],
  sent: NotificationSendOptions[],
) {
  const logger = mockServices.logger.mock();
  const facts = DatabaseFactStore.fromKnex(knex);
  const results = DatabaseResultStore.fromKnex(knex);
  const provider = {
    getDefinitions: async () => compileDefinitions(definitions(), clock.now),
  };
  const store = DatabaseCampaignStore.fromKnex(knex);
  const notifications: NotificationService = {
    send: async options => {
      sent.push(options);
    },
  };
  const campaigns = CampaignService.create({
    store,
    results,
    definitions: provider,
    facts,
    logger,
    now: clock.now,
  });
  const notifier = CampaignNotifier.create({
    store,
    sendLog: DatabaseSendLog.fromKnex(knex, { now: clock.now }),
    notifications,
    logger,
    now: clock.now,
  });
  const evaluation = EvaluationService.create({
    facts,
    results,
    definitions: provider,
    logger,
    now: clock.now,
  });
  return { facts, results, store, campaigns, notifier, evaluation };
}

/** A migrated database, a settable clock and one instance. */
export async function campaignHarness(
  databases: TestDatabases,
  databaseId: Parameters<TestDatabases['init']>[0],
  entities: Entity[],
) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  let now = new Date('2026-03-02T09:00:00.000Z');
  const clock = {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
  const definitions = [...entities];
  const sent: NotificationSendOptions[] = [];
  const instance = campaignInstance(knex, clock, () => definitions, sent);

  /** Writes catalog (and pushed) facts, evaluates them, and lets campaigns see the results. */
  async function push(
    services: Array<{
      name: string;
      team: string | null;
      poetry?: boolean;
      type?: string;
    }>,
  ) {
    await instance.facts.writeFacts(
      services.flatMap(s => [
        {
          entityRef: `component:default/${s.name}`,
          source: 'catalog',
          facts: serviceFacts(s.name, s.team, s.type),
        },
        {
          entityRef: `component:default/${s.name}`,
          source: 'pushed',
          facts: { packageManager: s.poetry ? 'poetry' : 'pip' },
        },
      ]),
    );
    const refs = services.map(s => `component:default/${s.name}`);
    const summary = await instance.evaluation.evaluateEntities(refs);
    await instance.campaigns.resultsWritten({ entityRefs: refs });
    return summary;
  }
  return { knex, clock, definitions, sent, push, ...instance };
}
