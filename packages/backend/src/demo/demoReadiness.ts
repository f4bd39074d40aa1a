/*
 * Demo only: readiness state for three payments services, written at demo start so the Readiness tab,
 * the reviewer queue and the org page have something to show:
 * - fx-rates: in playground, a launch date in 50 days;
 * - refund-worker: green-light items answered by Priya (payments), its green-light review waiting;
 * - card-tokenizer: ready for production, both sign-offs approved by Dmitri (platform), and a rollback
 *   answer that expires in 10 days.
 * Demo users: user:default/priya.raman (payments: owns them, answers) and user:default/dmitri.volkov
 * (platform: the checklist's reviewers). See README "Operational readiness in the demo".
 */
import {
  coreServices,
  createBackendModule,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseReadinessStore } from '@ratchet/backstage-plugin-maturity-backend';
import type { ChecklistEntityV1alpha1 } from '@ratchet/backstage-plugin-maturity-common';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'yaml';

const CHECKLIST = 'checklist:default/operational-readiness';
const OWNER = 'user:default/priya.raman';
const REVIEWER = 'user:default/dmitri.volkov';
const DAY = 86_400_000;
const CHECKLIST_FILE = resolvePackagePath(
  'backend',
  '../../examples/ratchet/operational-readiness.checklist.yaml',
);

type Store = ReturnType<typeof DatabaseReadinessStore.fromKnex>;
type Item = ChecklistEntityV1alpha1['spec']['areas'][number]['items'][number];

function answersFor(items: Item[], at: (item: Item) => Date) {
  return items
    .filter(item => !item.answeredBy)
    .map(item => ({
      itemId: item.id,
      answer: 'yes' as const,
      notes: 'Walked through with the team',
      evidence: [`https://wiki.ratchet.example/readiness/${item.id}`],
      answeredBy: OWNER,
      answeredAt: at(item).toISOString(),
      automatic: false,
    }));
}

function approvedReview(entityRef: string, phase: string, at: Date) {
  const iso = at.toISOString();
  const later = new Date(at.getTime() + 2 * DAY).toISOString();
  return {
    id: randomUUID(),
    entityRef,
    checklistRef: CHECKLIST,
    phase,
    status: 'approved' as const,
    requestedBy: OWNER,
    requestedAt: iso,
    requiredApprovals: 1,
    approvals: 1,
    votes: [
      {
        reviewer: REVIEWER,
        decision: 'approve' as const,
        at: later,
        comments: [],
      },
    ],
    approvedAt: later,
    answeredBy: [OWNER],
    events: [
      { at: iso, actor: OWNER, action: 'requested' as const },
      { at: later, actor: REVIEWER, action: 'approved' as const },
    ],
  };
}

async function seed(
  store: Store,
  checklist: ChecklistEntityV1alpha1,
  now: Date,
) {
  const items = checklist.spec.areas.flatMap(a => a.items);
  const upTo = (phase: string) => {
    const index = checklist.spec.phases.findIndex(p => p.id === phase);
    return items.filter(
      i =>
        checklist.spec.phases.findIndex(p => p.id === i.requiredFor) <= index,
    );
  };
  const day = (n: number) => new Date(now.getTime() + n * DAY);
  const write = (entityRef: string, change: Parameters<Store['change']>[2]) =>
    store.change(entityRef, CHECKLIST, change);

  await write('component:default/fx-rates', () => ({
    change: {
      phase: 'playground',
      targetLaunchDate: day(50).toISOString().slice(0, 10),
      answers: answersFor(upTo('playground'), () => day(-5)),
      audit: [
        {
          actor: OWNER,
          action: 'phase',
          phase: 'playground',
          before: { phase: null },
          after: { phase: 'playground' },
        },
      ],
    },
    result: null,
  }));

  const waiting = {
    ...approvedReview(
      'component:default/refund-worker',
      'green-light',
      day(-4),
    ),
    status: 'open' as const,
    approvals: 0,
    votes: [],
    approvedAt: undefined,
    events: [
      { at: day(-4).toISOString(), actor: OWNER, action: 'requested' as const },
    ],
  };
  delete waiting.approvedAt;
  await write('component:default/refund-worker', () => ({
    change: {
      phase: 'playground',
      targetLaunchDate: day(25).toISOString().slice(0, 10),
      answers: answersFor(upTo('green-light'), () => day(-6)),
      reviews: [waiting],
      audit: [
        {
          actor: OWNER,
          action: 'review-requested',
          phase: 'green-light',
          reviewId: waiting.id,
          before: null,
          after: { status: 'open' },
        },
      ],
    },
    result: null,
  }));

  // The rollback answer (P180D) was given 170 days ago: it expires in 10 days.
  await write('component:default/card-tokenizer', () => ({
    change: {
      phase: 'ready-for-production',
      targetLaunchDate: day(-20).toISOString().slice(0, 10),
      answers: answersFor(upTo('ready-for-production'), item =>
        item.id === 'rollback' ? day(-170) : day(-30),
      ),
      reviews: [
        approvedReview(
          'component:default/card-tokenizer',
          'ready-for-production',
          day(-28),
        ),
        approvedReview(
          'component:default/card-tokenizer',
          'green-light',
          day(-60),
        ),
      ],
      audit: [
        {
          actor: REVIEWER,
          action: 'review-approved',
          phase: 'ready-for-production',
          before: { status: 'open' },
          after: { status: 'approved' },
        },
      ],
    },
    result: null,
  }));
}

/** Seeds the readiness demo once, shortly after start (the maturity plugin has migrated its database by then). */
export default createBackendModule({
  pluginId: 'maturity',
  moduleId: 'demo-readiness',
  register(reg) {
    reg.registerInit({
      deps: {
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({ database, scheduler, logger }) {
        let done = false;
        await scheduler.scheduleTask({
          id: 'demo-readiness-seed',
          frequency: { seconds: 30 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 20 },
          scope: 'global',
          fn: async () => {
            if (done) return;
            // The demo's checklist as the catalog gets it (examples/ratchet); the plugin migrated by now.
            const checklist = parse(
              fs.readFileSync(CHECKLIST_FILE, 'utf8'),
            ) as ChecklistEntityV1alpha1;
            const store = DatabaseReadinessStore.fromKnex(
              await database.getClient(),
            );
            if ((await store.listRecords()).length === 0) {
              await seed(store, checklist, new Date());
              logger.info(
                'Seeded the readiness demo (fx-rates, refund-worker, card-tokenizer)',
              );
            }
            done = true;
          },
        });
      },
    });
  },
});
