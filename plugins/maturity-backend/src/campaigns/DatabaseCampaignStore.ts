import type {
  CampaignProgress,
  CampaignTransition,
} from '@ratchet/backstage-plugin-maturity-common';
import { Knex } from 'knex';
import {
  chunk,
  isPostgres,
  WHERE_IN_CHUNK,
  whereInAny,
} from '../database/bulk';
import { insertRows } from '../database/insertRows';
import { toIsoTimestamp, toNumber } from '../database/values';
import {
  CAMPAIGNS,
  CampaignRow,
  CountRow,
  countColumns,
  OWNERS,
  progressOfRow,
  SNAPSHOTS,
  STATE_RANK,
  TARGET_COLUMNS,
  TargetRow,
  TARGETS,
  toCampaign,
  toTarget,
  TRANSITIONS,
} from './campaignRows';
import type {
  CampaignRecord,
  CampaignStore,
  NewTransition,
  SnapshotRecord,
  TargetQuery,
} from './CampaignStore';
import { progressOf, TargetRecord } from './targets';

/** Campaign state on the plugin's database (SQLite or PostgreSQL). */
export class DatabaseCampaignStore implements CampaignStore {
  readonly #db: Knex;

  /** Wraps a migrated client. */
  static fromKnex(db: Knex) {
    return new DatabaseCampaignStore(db);
  }

  private constructor(db: Knex) {
    this.#db = db;
  }

  async listCampaigns(): Promise<CampaignRecord[]> {
    const rows: CampaignRow[] = await this.#db(CAMPAIGNS).orderBy(
      'campaign_ref',
    );
    return rows.map(toCampaign);
  }

  async getCampaign(campaignRef: string) {
    const row: CampaignRow | undefined = await this.#db(CAMPAIGNS)
      .where({ campaign_ref: campaignRef })
      .first();
    return row && toCampaign(row);
  }

  async transition(campaignRef: string, step: NewTransition) {
    return this.#db.transaction(async tx => {
      const state = {
        version: tx.raw('version + 1'),
        state: step.to,
        state_since: step.at,
        updated_at: step.at,
        ...(step.to === 'completed'
          ? {
              completed_at: step.at,
              completed_checks: JSON.stringify(step.completedChecks ?? []),
            }
          : {}),
        // A re-opened campaign is no longer ratcheted in; its next completion dates the promotion anew.
        ...(step.from === 'completed' && step.to !== 'completed'
          ? { completed_at: null, completed_checks: null }
          : {}),
      };
      if (step.from === undefined) {
        const inserted = await tx(CAMPAIGNS)
          .insert({ campaign_ref: campaignRef, ...state, version: 1 })
          .onConflict('campaign_ref')
          .ignore()
          .returning('campaign_ref');
        if (inserted.length === 0) return false;
      } else {
        const updated = await tx(CAMPAIGNS)
          .where({ campaign_ref: campaignRef, state: step.from })
          .update(state);
        if (updated === 0) return false;
      }
      await tx(TRANSITIONS).insert({
        campaign_ref: campaignRef,
        from_state: step.from ?? null,
        to_state: step.to,
        at: step.at,
        cause: step.cause,
        actor: step.actor ?? null,
      });
      return true;
    });
  }

  async getTransitions(campaignRef: string): Promise<CampaignTransition[]> {
    const rows = await this.#db(TRANSITIONS)
      .where({ campaign_ref: campaignRef })
      .orderBy('id');
    return rows.map(r => ({
      from: r.from_state ?? null,
      to: r.to_state,
      at: toIsoTimestamp(r.at),
      cause: r.cause,
      ...(r.actor ? { actor: r.actor } : {}),
    }));
  }

  async getTargets(campaignRef: string, entityRefs?: string[]) {
    if (!entityRefs) {
      const rows: TargetRow[] = await this.#db(TARGETS).where({
        campaign_ref: campaignRef,
      });
      return rows.map(toTarget);
    }
    const out: TargetRecord[] = [];
    for (const part of chunk(entityRefs, WHERE_IN_CHUNK)) {
      const rows: TargetRow[] = await this.#db(TARGETS)
        .where({ campaign_ref: campaignRef })
        .whereIn('entity_ref', part);
      out.push(...rows.map(toTarget));
    }
    return out;
  }

  async applyTargets(
    campaignRef: string,
    changes: { upserts: TargetRecord[]; removals: string[]; at: Date },
  ): Promise<CampaignProgress> {
    return this.#db.transaction(async tx => {
      // Writers of one campaign take turns, so each recount sees the other's committed rows.
      const lock = tx(CAMPAIGNS)
        .where({ campaign_ref: campaignRef })
        .select('campaign_ref');
      await (isPostgres(tx) ? lock.forUpdate() : lock);
      for (const part of chunk(changes.removals, WHERE_IN_CHUNK)) {
        await tx(TARGETS)
          .where({ campaign_ref: campaignRef })
          .whereIn('entity_ref', part)
          .delete();
      }
      await insertRows(
        tx,
        TARGETS,
        TARGET_COLUMNS,
        changes.upserts.map(t => ({
          campaign_ref: campaignRef,
          entity_ref: t.entityRef,
          title: t.title ?? null,
          owner_ref: t.owner ?? '',
          state: t.state,
          state_rank: STATE_RANK[t.state],
          since: new Date(t.since),
          joined_at: new Date(t.joinedAt),
          first_passed_at: t.firstPassedAt ? new Date(t.firstPassedAt) : null,
          regressed: t.regressed ? 1 : 0,
          failing: JSON.stringify(t.failing),
        })),
        { conflict: ['campaign_ref', 'entity_ref'] },
      );
      return this.#recount(tx, campaignRef, changes.at);
    });
  }

  async #recount(tx: Knex.Transaction, campaignRef: string, at: Date) {
    const byOwner: Array<CountRow & { owner_ref: string }> = await tx(TARGETS)
      .where({ campaign_ref: campaignRef })
      .groupBy('owner_ref')
      .select('owner_ref', ...countColumns(tx));
    await tx(OWNERS).where({ campaign_ref: campaignRef }).delete();
    await insertRows(
      tx,
      OWNERS,
      {
        campaign_ref: 'text',
        owner_ref: 'text',
        targets: 'integer',
        passing: 'integer',
        exempt: 'integer',
        failing: 'integer',
        not_started: 'integer',
        regressed: 'integer',
      },
      byOwner.map(r => ({
        campaign_ref: campaignRef,
        owner_ref: r.owner_ref,
        targets: toNumber(r.targets),
        passing: toNumber(r.passing),
        exempt: toNumber(r.exempt),
        failing: toNumber(r.failing),
        not_started: toNumber(r.not_started),
        regressed: toNumber(r.regressed),
      })),
    );
    const total = progressOf(
      byOwner.reduce(
        (acc, r) => {
          const p = progressOfRow(r);
          acc.passing += p.passing;
          acc.exempt += p.exempt;
          acc.failing += p.failing;
          acc.notStarted += p.notStarted;
          acc.regressed += p.regressed;
          return acc;
        },
        { passing: 0, exempt: 0, failing: 0, notStarted: 0, regressed: 0 },
      ),
    );
    await tx(CAMPAIGNS)
      .where({ campaign_ref: campaignRef })
      .update({
        version: tx.raw('version + 1'),
        targets: total.targets,
        passing: total.passing,
        exempt: total.exempt,
        failing: total.failing,
        not_started: total.notStarted,
        regressed: total.regressed,
        updated_at: at,
      });
    return total;
  }

  async targetRefs(campaignRef: string): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.#db(TARGETS)
      .where({ campaign_ref: campaignRef })
      .select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async pageTargets(campaignRef: string, query: TargetQuery) {
    const base = () => {
      let q = this.#db(TARGETS).where({ campaign_ref: campaignRef });
      if (query.owner !== undefined) q = q.where({ owner_ref: query.owner });
      if (query.state) q = q.where({ state: query.state });
      if (query.entityRefs)
        q = whereInAny(this.#db, q, 'entity_ref', query.entityRefs);
      return q;
    };
    const [count] = await base().count({ n: '*' });
    const rows: TargetRow[] = await base()
      .orderBy([
        { column: 'state_rank' },
        { column: 'regressed', order: 'desc' },
        { column: 'entity_ref' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return { items: rows.map(toTarget), total: toNumber(count?.n) };
  }

  async ownerProgress(campaignRef: string) {
    const rows: Array<CountRow & { owner_ref: string }> = await this.#db(
      OWNERS,
    ).where({ campaign_ref: campaignRef });
    return rows.map(r => ({
      owner: r.owner_ref || null,
      progress: progressOfRow(r),
    }));
  }

  async progressOfOwner(owner: string) {
    const rows: Array<CountRow & { campaign_ref: string }> = await this.#db(
      OWNERS,
    ).where({ owner_ref: owner });
    return new Map(rows.map(r => [r.campaign_ref, progressOfRow(r)]));
  }

  async targetsOfEntity(entityRef: string) {
    const rows: TargetRow[] = await this.#db(TARGETS).where({
      entity_ref: entityRef,
    });
    return rows.map(toTarget);
  }

  async snapshot(campaignRef: string, day: string, p: CampaignProgress) {
    await insertRows(
      this.#db,
      SNAPSHOTS,
      {
        campaign_ref: 'text',
        day: 'text',
        targets: 'integer',
        done: 'integer',
        failing: 'integer',
        not_started: 'integer',
      },
      [
        {
          campaign_ref: campaignRef,
          day,
          targets: p.targets,
          done: p.passing + p.exempt,
          failing: p.failing,
          not_started: p.notStarted,
        },
      ],
      { conflict: ['campaign_ref', 'day'] },
    );
    await this.#db(CAMPAIGNS)
      .where({ campaign_ref: campaignRef })
      .update({ version: this.#db.raw('version + 1') });
  }

  async getSnapshots(
    campaignRef: string,
    sinceDay: string,
  ): Promise<SnapshotRecord[]> {
    const rows = await this.#db(SNAPSHOTS)
      .where({ campaign_ref: campaignRef })
      .where('day', '>=', sinceDay)
      .orderBy('day');
    return rows.map(r => ({
      day: r.day,
      targets: toNumber(r.targets),
      done: toNumber(r.done),
      failing: toNumber(r.failing),
      notStarted: toNumber(r.not_started),
    }));
  }

  async setLastReminder(campaignRef: string, at: Date) {
    await this.#db(CAMPAIGNS)
      .where({ campaign_ref: campaignRef })
      .update({ last_reminder_at: at, version: this.#db.raw('version + 1') });
  }

  async generation(): Promise<string> {
    const [row] = await this.#db(CAMPAIGNS)
      .count({ n: '*' })
      .sum({ v: 'version' })
      .max({ at: 'updated_at' });
    return `${toNumber(row?.n)}:${toNumber(row?.v)}:${String(row?.at ?? '')}`;
  }

  async deleteCampaign(campaignRef: string) {
    await this.#db.transaction(async tx => {
      for (const table of [TARGETS, OWNERS, SNAPSHOTS, TRANSITIONS, CAMPAIGNS])
        await tx(table).where({ campaign_ref: campaignRef }).delete();
    });
  }
}
