/*
 * Operational readiness under load: the maturity plugin (composeMaturity: real stores, evaluation,
 * facts intake, routes) on a better-sqlite3 file or PostgreSQL, served over real HTTP, with N entities
 * that each have a readiness record of 100 items. Measures the entity tab's data (GET record), the org
 * page (GET overview) and an answer written → its attestation fact stored → the check reading it
 * re-evaluated (PUT answer, which returns after all three; verified after each write).
 *
 *   yarn bench:readiness [--entities 10000] [--samples 200] [--db sqlite-file|postgres] [--launch-share 0.1]
 *
 * --launch-share: the share of entities with a target launch date (new services; spread over -20..+99 days).
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import type { AddressInfo } from 'node:net';
import {
  composeMaturity,
  builtInFactSources,
} from '../plugins/maturity-backend/src/plugin';
import { BenchDatabaseKind, openBenchDatabase } from './lib/databases';
import { benchLogger } from './lib/logger';
import { printTable, quantile } from './lib/stats';
import {
  CHECKLIST_REF,
  indexedCatalog,
  preloadRecords,
  readinessEntities,
} from './readiness/estate';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

async function sample(
  n: number,
  fn: (i: number) => Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

const row = (what: string, times: number[], target: number) => [
  what,
  String(times.length),
  quantile(times, 0.5).toFixed(1),
  quantile(times, 0.95).toFixed(1),
  String(target),
  quantile(times, 0.95) < target ? 'ok' : 'OVER',
];

async function main() {
  const entities = Number(arg('entities', '10000'));
  const samples = Number(arg('samples', '200'));
  const kind = arg('db', 'sqlite-file') as BenchDatabaseKind;
  const launchShare = Number(arg('launch-share', '0.1'));
  const db = await openBenchDatabase(kind);
  const now = new Date();
  console.log(
    `readiness bench: ${entities} entities × 100 items on ${kind} (${db.where})`,
  );
  let t = process.hrtime.bigint();
  await preloadRecords(db.knex, entities, now, launchShare);
  console.log(
    `preloaded records in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(
      1,
    )} s`,
  );

  const catalog = indexedCatalog(readinessEntities(entities));
  const auth = mockServices.auth();
  const maturity = await composeMaturity({
    db: db.knex,
    logger: benchLogger(),
    auth,
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    catalog,
    sources: builtInFactSources({
      config: new ConfigReader({}),
      catalog,
      auth,
    }),
  });
  t = process.hrtime.bigint();
  await maturity.collector.collect('catalog');
  await maturity.evaluation.evaluateEntities(
    Array.from({ length: entities }, (_, i) => `component:default/svc-${i}`),
  );
  console.log(
    `collected and evaluated in ${(
      Number(process.hrtime.bigint() - t) / 1e9
    ).toFixed(1)} s`,
  );

  const app = express().use(maturity.router);
  const server = app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const headers = {
    authorization: mockCredentials.user.header('user:default/owner'),
    'content-type': 'application/json',
  };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok)
      throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const pick = (i: number) => (i * 7919) % entities;

  // Warm-up: the first calls pay for the checklist read and JIT.
  await call('GET', '/readiness/entities/component/default/svc-0');
  await call('GET', '/readiness/overview');

  const tab = await sample(samples, i =>
    call('GET', `/readiness/entities/component/default/svc-${pick(i)}`).then(
      () => undefined,
    ),
  );
  const org = await sample(Math.max(20, samples / 10), () =>
    call('GET', '/readiness/overview').then(() => undefined),
  );
  let flip = 'no';
  const answers = await sample(Math.max(20, samples / 2), async i => {
    flip = flip === 'yes' ? 'no' : 'yes';
    await call(
      'PUT',
      `/readiness/entities/component/default/svc-${pick(i)}/items/item-0-1`,
      { answer: flip },
    );
  });
  // Each PUT returned after the fact write and the re-evaluation; check the last one really is reflected.
  const last = `component:default/svc-${pick(answers.length - 1)}`;
  const [fact] = await db
    .knex('maturity_facts')
    .where({ entity_ref: last, source: 'attestation' })
    .select('facts');
  const stored = JSON.parse(fact.facts).checklists[CHECKLIST_REF].items[
    'item-0-1'
  ].answer;
  const view = await call(
    'GET',
    `/entities/component/default/svc-${pick(answers.length - 1)}`,
  );
  const check = view.scorecards[0].checks.find(
    (c: { id: string }) => c.id === 'rollback-attested',
  );
  console.log(
    `last answer "${flip}": attestation fact "${stored}", check rollback-attested ${check.status}`,
  );
  if (stored !== flip || check.status !== (flip === 'yes' ? 'pass' : 'fail')) {
    throw new Error('the answer is not reflected in its fact and check');
  }

  printTable(
    ['measure', 'n', 'p50 ms', 'p95 ms', 'target p95', ''],
    [
      row('entity tab data (GET record)', tab, 50),
      row('org page (GET overview)', org, 200),
      row('answer → fact → check (PUT)', answers, 100),
    ],
  );
  server.close();
  await db.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
