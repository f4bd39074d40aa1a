/*
 * The estate of `yarn bench:campaigns`: the generated catalog (bench/lib/generate.ts) with facts, results
 * and levels as bench:api preloads them, plus one Campaign targeting every entity, whose targets, progress
 * and burn-up are written by the real CampaignService from the evaluation's results hook, as in the plugin.
 */
import type { Entity } from '@backstage/catalog-model';
import knexFactory from 'knex';
import path from 'node:path';
import { CampaignService } from '../../plugins/maturity-backend/src/campaigns/CampaignService';
import { DatabaseCampaignStore } from '../../plugins/maturity-backend/src/campaigns/DatabaseCampaignStore';
import { applyDatabaseMigrations } from '../../plugins/maturity-backend/src/database/migrations';
import { DefinitionHashStore } from '../../plugins/maturity-backend/src/evaluation/definitions/CatalogDefinitionProvider';
import { compileDefinitions } from '../../plugins/maturity-backend/src/evaluation/definitions/compileDefinitions';
import { EvaluationService } from '../../plugins/maturity-backend/src/evaluation/EvaluationService';
import { DatabaseResultStore } from '../../plugins/maturity-backend/src/evaluation/results/DatabaseResultStore';
import { DatabaseFactStore } from '../../plugins/maturity-backend/src/facts/DatabaseFactStore';
import { generateEntities } from '../lib/generate';
import { benchLogger } from '../lib/logger';
import { factWritesBySource } from '../lib/mutate';
import { benchScorecard } from '../lib/scorecard';

/** The campaign under test. */
export const BENCH_CAMPAIGN_REF = 'campaign:default/bench-campaign';

/** A campaign over every generated Component and API, reusing two scorecard checks. */
export function benchCampaign(): Entity {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Campaign',
    metadata: {
      name: 'bench-campaign',
      namespace: 'default',
      title: 'Benchmark campaign',
    },
    spec: {
      owner: 'group:default/platform',
      brief: 'Every service documents itself and has an owner.',
      targets: { kind: ['Component', 'API'] },
      checks: [
        { ref: { scorecard: 'bench-maturity', check: 'has-owner' } },
        { ref: { scorecard: 'bench-maturity', check: 'has-techdocs' } },
      ],
      startDate: '2026-01-01',
      dueDate: '2099-12-31',
      reminders: { every: 'P7D' },
    },
  };
}

/** Writes facts, results, levels and campaign state into the plugin's SQLite file in `directory`. */
export async function preloadWithCampaign(
  directory: string,
  entityCount: number,
) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(directory, 'maturity.sqlite') },
    useNullAsDefault: true,
  });
  try {
    await applyDatabaseMigrations(knex);
    const generated = generateEntities(entityCount);
    const facts = DatabaseFactStore.fromKnex(knex);
    for (const batch of factWritesBySource(generated).values())
      await facts.writeFacts(batch);
    const definitions = compileDefinitions([benchScorecard(), benchCampaign()]);
    const provider = { getDefinitions: async () => definitions };
    const results = DatabaseResultStore.fromKnex(knex);
    const store = DatabaseCampaignStore.fromKnex(knex);
    const campaigns = CampaignService.create({
      store,
      results,
      definitions: provider,
      facts,
      logger: benchLogger(true),
    });
    const evaluation = EvaluationService.create({
      facts,
      results,
      definitions: provider,
      logger: benchLogger(true),
      onResultsChanged: change => campaigns.resultsWritten(change),
    });
    const started = Date.now();
    const summary = await evaluation.sweep();
    const sweepMs = Date.now() - started;
    await campaigns.refreshAll();
    await new DefinitionHashStore(knex).markEvaluated(
      definitions,
      definitions.map(d => d.ref),
    );
    const record = await store.getCampaign(BENCH_CAMPAIGN_REF);
    return {
      generated,
      evaluations: summary.evaluations,
      sweepMs,
      progress: record?.progress,
    };
  } finally {
    await knex.destroy();
  }
}
