/*
 * The readiness bench estate: N components owned by 50 teams, one Checklist of 10 areas × 10 items
 * (3 phases, sign-off on the last two; one item answered automatically by a catalog check), a scorecard
 * whose check reads one attestation fact, and every entity's record preloaded in bulk (phase, launch
 * date, ~100 answers, a review for a third of them).
 */
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';

/** The checklist's ref. */
export const CHECKLIST_REF = 'checklist:default/bench-readiness';
const PHASES = ['playground', 'green-light', 'ready-for-production'];
const AREAS = 10;
const ITEMS = 10;

/** The item ids, area by area. */
export const itemIds = (): string[] =>
  Array.from(
    { length: AREAS * ITEMS },
    (_, i) => `item-${Math.floor(i / ITEMS)}-${i % ITEMS}`,
  );

/** The Checklist, the scorecard reading the attestation fact, and the components. */
export function readinessEntities(count: number): Entity[] {
  const checklist: Entity = {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Checklist',
    metadata: { name: 'bench-readiness', namespace: 'default' },
    spec: {
      owner: 'group:default/team-0',
      phases: PHASES.map((id, i) => ({
        id,
        title: id,
        signOffRequired: i > 0,
      })),
      areas: Array.from({ length: AREAS }, (_, a) => ({
        id: `area-${a}`,
        title: `Area ${a}`,
        items: Array.from({ length: ITEMS }, (__, i) => ({
          id: `item-${a}-${i}`,
          prompt: `Question ${a}.${i}?`,
          requiredFor: PHASES[Math.min(2, Math.floor(i / 4))],
          ...(i === 9 && { reattestEvery: 'P90D' }),
          ...(a === 0 &&
            i === 0 && {
              answeredBy: { scorecard: 'bench-readiness', check: 'has-owner' },
            }),
        })),
      })),
      reviewers: { group: 'group:default/reviewers', requiredApprovals: 1 },
    },
  };
  const scorecard: Entity = {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Scorecard',
    metadata: { name: 'bench-readiness', namespace: 'default' },
    spec: {
      owner: 'group:default/team-0',
      levels: [{ id: 'gold', title: 'Gold' }],
      categories: [{ id: 'readiness', title: 'Readiness' }],
      checks: [
        {
          id: 'has-owner',
          title: 'Has an owner',
          level: 'gold',
          category: 'readiness',
          rule: {
            fact: 'catalog.owner.exists',
            operator: 'equal',
            value: true,
          },
        },
        {
          id: 'rollback-attested',
          title: 'Rollback attested',
          level: 'gold',
          category: 'readiness',
          rule: {
            fact: `attestation.checklists.${CHECKLIST_REF}.items.item-0-1.answer`,
            operator: 'equal',
            value: 'yes',
          },
        },
      ],
    },
  };
  const components: Entity[] = Array.from({ length: count }, (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `svc-${i}`, namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: `group:default/team-${i % 50}`,
    },
  }));
  return [checklist, scorecard, ...components];
}

/** Preloads every entity's record, answers and some reviews in bulk. */
export async function preloadRecords(
  knex: Knex,
  count: number,
  now: Date,
  launchShare = 0.1,
): Promise<void> {
  const ids = itemIds();
  const day = (n: number) => new Date(now.getTime() + n * 86_400_000);
  const records = [];
  const reviews = [];
  for (let i = 0; i < count; i++) {
    const entityRef = `component:default/svc-${i}`;
    records.push({
      entity_ref: entityRef,
      checklist_ref: CHECKLIST_REF,
      phase: PHASES[i % 3],
      // Only new services have a launch date: a share of the estate, spread over -20..+99 days.
      target_launch_date:
        i % Math.round(1 / launchShare) === 0
          ? day((i % 120) - 20)
              .toISOString()
              .slice(0, 10)
          : null,
      updated_at: now,
    });
    if (i % 3 === 1) {
      const id = randomUUID();
      const review = {
        id,
        entityRef,
        checklistRef: CHECKLIST_REF,
        phase: 'ready-for-production',
        status: 'open',
        requestedBy: 'user:default/owner',
        requestedAt: day(-(i % 10)).toISOString(),
        requiredApprovals: 1,
        approvals: 0,
        votes: [],
        answeredBy: ['user:default/owner'],
        events: [],
      };
      reviews.push({
        id,
        entity_ref: entityRef,
        checklist_ref: CHECKLIST_REF,
        phase: review.phase,
        status: 'open',
        requested_at: day(-(i % 10)),
        updated_at: now,
        state: JSON.stringify(review),
      });
    }
  }
  await knex.batchInsert('maturity_readiness_records', records, 500);
  await knex.batchInsert('maturity_readiness_reviews', reviews, 500);
  for (let i = 0; i < count; i += 50) {
    const rows = [];
    for (let e = i; e < Math.min(count, i + 50); e++) {
      for (const [k, itemId] of ids.entries()) {
        if (k === 0 || (e + k) % 7 === 0) continue; // automatic item; some left open
        rows.push({
          entity_ref: `component:default/svc-${e}`,
          checklist_ref: CHECKLIST_REF,
          item_id: itemId,
          answer: (e + k) % 11 === 0 ? 'no' : 'yes',
          justification: null,
          notes: 'preloaded',
          evidence: '["https://wiki.example.com/e"]',
          answered_by: 'user:default/owner',
          answered_at: day(-((e + k) % 100)),
          automatic: false,
        });
      }
    }
    await knex.batchInsert('maturity_readiness_answers', rows, 500);
  }
}

/**
 * The in-memory catalog with lookups by ref from an index (the test mock scans every entity per lookup,
 * which at 10,000 entities would measure the mock instead of the plugin). Whole entities are returned
 * whatever fields are asked for: the plugin only reads them.
 */
export function indexedCatalog(entities: Entity[]): CatalogService {
  const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  const client = new InMemoryCatalogClient({ entities });
  const lookup = (
    ref: string | { kind: string; namespace: string; name: string },
  ) =>
    byRef.get(
      stringifyEntityRef(typeof ref === 'string' ? parseEntityRef(ref) : ref),
    );
  return Object.assign(client, {
    getEntityByRef: async (
      ref: string | { kind: string; namespace: string; name: string },
    ) => lookup(ref),
    getEntitiesByRefs: async (request: { entityRefs: string[] }) => ({
      items: request.entityRefs.map(ref => byRef.get(ref)),
    }),
  }) as unknown as CatalogService;
}
