import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import {
  applyDatabaseMigrations,
  MIGRATIONS_DIRECTORY,
} from '../database/migrations';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import type { StoredAnswer } from './model';
import { ENTITY, OWNER, R1, review } from './__testUtils__/testChecklist';

jest.setTimeout(60_000);

// PostgreSQL only through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, never a container.
const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
  disableDocker: true,
});

const CHECKLIST = 'checklist:default/launch';
const T0 = new Date('2026-12-01T09:00:00.000Z');

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await applyDatabaseMigrations(knex);
  let now = T0;
  const clock = {
    now: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
  return {
    knex,
    clock,
    store: DatabaseReadinessStore.fromKnex(knex, { now: clock.now }),
  };
}

const answer = (
  itemId: string,
  extra: Partial<StoredAnswer> = {},
): StoredAnswer => ({
  itemId,
  answer: 'yes',
  evidence: ['https://wiki.example.com/runbook'],
  answeredBy: OWNER,
  answeredAt: T0.toISOString(),
  automatic: false,
  ...extra,
});

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore, %p',
  databaseId => {
    it('reads an empty record for an entity never written', async () => {
      const { store } = await setup(databaseId);
      expect(await store.getState(ENTITY, CHECKLIST)).toEqual({
        record: {
          entityRef: ENTITY,
          checklistRef: CHECKLIST,
          phase: null,
          targetLaunchDate: null,
          updatedAt: null,
          answers: {},
        },
        reviews: [],
      });
    });

    it('writes answers, phase, launch date, reviews and audit in one change', async () => {
      const { store } = await setup(databaseId);
      const { state, result } = await store.change(
        ENTITY,
        CHECKLIST,
        ({ record }) => ({
          change: {
            answers: [
              answer('runbook', { notes: 'see wiki' }),
              answer('ha-plan', {
                answer: 'not-applicable',
                justification: 'stateless batch job',
                evidence: [],
              }),
            ],
            phase: 'playground',
            targetLaunchDate: '2027-01-15',
            reviews: [review({ checklistRef: CHECKLIST })],
            audit: [
              {
                actor: OWNER,
                action: 'answer',
                itemId: 'runbook',
                before: null,
                after: { answer: 'yes' },
              },
              {
                actor: OWNER,
                action: 'phase',
                phase: 'playground',
                before: { phase: record.phase },
                after: { phase: 'playground' },
              },
            ],
          },
          result: 'done',
        }),
      );
      expect(result).toBe('done');
      expect(state.record).toMatchObject({
        phase: 'playground',
        targetLaunchDate: '2027-01-15',
        updatedAt: T0.toISOString(),
        answers: {
          runbook: answer('runbook', { notes: 'see wiki' }),
          'ha-plan': {
            answer: 'not-applicable',
            justification: 'stateless batch job',
            evidence: [],
            automatic: false,
          },
        },
      });
      expect(state.reviews).toEqual([review({ checklistRef: CHECKLIST })]);
      expect(await store.getState(ENTITY, CHECKLIST)).toEqual(state);
      const trail = await store.auditAll(ENTITY);
      expect(trail.map(e => [e.action, e.itemId ?? e.phase, e.at])).toEqual([
        ['answer', 'runbook', T0.toISOString()],
        ['phase', 'playground', T0.toISOString()],
      ]);
      expect(trail[1]).toMatchObject({
        before: { phase: null },
        after: { phase: 'playground' },
      });
    });

    it('writes nothing when the decision throws', async () => {
      const { store } = await setup(databaseId);
      await expect(
        store.change(ENTITY, CHECKLIST, () => {
          throw new ConflictError('phase: no');
        }),
      ).rejects.toThrow('phase: no');
      expect(await store.auditAll(ENTITY)).toEqual([]);
      expect(await store.listRecords()).toEqual([]);
    });

    it('updates an answer and a review in place; the audit only grows', async () => {
      const { store, clock } = await setup(databaseId);
      const r = review({ checklistRef: CHECKLIST });
      await store.change(ENTITY, CHECKLIST, () => ({
        change: {
          answers: [answer('runbook')],
          reviews: [r],
          audit: [
            {
              actor: OWNER,
              action: 'review-requested',
              reviewId: r.id,
              before: null,
              after: { status: 'open' },
            },
          ],
        },
        result: null,
      }));
      clock.advance(60_000);
      const approved = { ...r, status: 'approved' as const, approvals: 2 };
      const { state } = await store.change(ENTITY, CHECKLIST, () => ({
        change: {
          answers: [
            answer('runbook', {
              answer: 'no',
              answeredAt: clock.now().toISOString(),
            }),
          ],
          reviews: [approved],
          audit: [
            {
              actor: R1,
              action: 'review-approved',
              reviewId: r.id,
              before: { status: 'open' },
              after: { status: 'approved' },
            },
          ],
        },
        result: null,
      }));
      expect(state.record.answers.runbook.answer).toBe('no');
      expect(state.reviews).toEqual([approved]);
      expect(await store.getReview(r.id)).toEqual(approved);
      expect(await store.listReviews(['approved'])).toEqual([approved]);
      expect(await store.listReviews(['open'])).toEqual([]);
      const page = await store.audit(ENTITY, { limit: 1 });
      expect(page.map(e => e.action)).toEqual(['review-approved']);
      expect(
        (await store.audit(ENTITY, { limit: 5, before: page[0].id })).map(
          e => e.action,
        ),
      ).toEqual(['review-requested']);
    });

    it('serialises concurrent changes of one record', async () => {
      const { store } = await setup(databaseId);
      // Each change reads the count of answers and writes the next one: a lost update would reuse an id.
      await Promise.all(
        Array.from({ length: 5 }, () =>
          store.change(ENTITY, CHECKLIST, ({ record }) => {
            const n = Object.keys(record.answers).length;
            return {
              change: { answers: [answer(`item-${n}`)], audit: [] },
              result: n,
            };
          }),
        ),
      );
      const { record } = await store.getState(ENTITY, CHECKLIST);
      expect(Object.keys(record.answers).sort()).toEqual([
        'item-0',
        'item-1',
        'item-2',
        'item-3',
        'item-4',
      ]);
    });

    it('counts records by phase, finds launches in a window and reads many records', async () => {
      const { store } = await setup(databaseId);
      const other = 'component:default/ledger';
      await store.change(ENTITY, CHECKLIST, () => ({
        change: {
          phase: 'green-light',
          targetLaunchDate: '2027-01-10',
          answers: [answer('runbook')],
          audit: [],
        },
        result: null,
      }));
      await store.change(other, CHECKLIST, () => ({
        change: {
          phase: 'green-light',
          targetLaunchDate: '2027-06-01',
          audit: [],
        },
        result: null,
      }));
      expect(await store.countByPhase()).toEqual([
        { checklistRef: CHECKLIST, phase: 'green-light', count: 2 },
      ]);
      expect(
        (await store.launchesBetween('2027-01-01', '2027-02-01')).map(
          r => r.entityRef,
        ),
      ).toEqual([ENTITY]);
      const many = await store.getRecords([
        { entityRef: ENTITY, checklistRef: CHECKLIST },
        { entityRef: other, checklistRef: CHECKLIST },
      ]);
      expect(many.get(ENTITY)?.answers.runbook.answer).toBe('yes');
      expect(many.get(other)?.answers).toEqual({});
    });

    it('migrates down and up again', async () => {
      const { knex } = await setup(databaseId);
      await knex.migrate.down({
        directory: MIGRATIONS_DIRECTORY,
        name: '20261206120000_readiness.js',
      });
      expect(await knex.schema.hasTable('maturity_readiness_audit')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: MIGRATIONS_DIRECTORY });
      expect(await knex.schema.hasTable('maturity_readiness_records')).toBe(
        true,
      );
    });
  },
);
