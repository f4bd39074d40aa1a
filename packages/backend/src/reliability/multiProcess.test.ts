/*
 * Two full Backstage backends, each its own process on its own port, on one fresh PostgreSQL database
 * with the real scheduler, the real catalog (Ratchet's kinds, a generated estate read from a file
 * location), the real notifications backend and the maturity backend.
 *
 * 1. Both start; the catalog ingests the estate; a sweep runs.
 * 2. A sweep is triggered and the process working it (the one that logs claiming its lease) is killed
 *    with SIGKILL mid-sweep; the survivor must finish it once the lease runs out. Then a third process
 *    takes the killed one's place.
 * 3. With both alive, one component after another fails its build (pushes through POST /facts to either
 *    process, a third of them to both at once, as a retrying CI would): each is a level drop and a
 *    campaign regression, and the campaign reminds the owners every 10 s. Every owner's members must get
 *    exactly one notification per drop and per reminder cycle, in the notifications backend's table and
 *    as delivered.
 * 4. No torn rows and no sweep left running.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BackendProcess,
  callApi,
  startBackend,
  stopBackend,
  waitUntilReady,
} from './__testUtils__/backends';
import {
  freePort,
  killMidSweep,
  sleep,
  waitFor,
} from './__testUtils__/killMidSweep';
import {
  createTestDatabase,
  POSTGRES_ENV,
  postgresUnavailable,
  TestDatabase,
} from './__testUtils__/database';
import {
  backendConfig,
  CAMPAIGN_REF,
  CAMPAIGN_TASK_TIMEOUT_SECONDS,
  catalogYaml,
  CI_TOKEN,
  COMPONENT_COUNT,
  componentRef,
  MEMBERS_PER_TEAM,
  REMINDER_EVERY_SECONDS,
  SCHEDULER_JANITOR_SECONDS,
  SCORECARD_REF,
  TEAM_COUNT,
} from './__testUtils__/estate';
import {
  compareOnce,
  deliveries,
  expectedPerMember,
  ingested,
  notificationRows,
  reminderClaims,
  reminderProblems,
  sweepState,
  tornComponents,
} from './__testUtils__/storeChecks';

jest.setTimeout(175_000);

/** Components whose build fails, one after another: each is one notification cycle. */
const DROPS = 120;
/** Users, groups, components, the scorecard, the campaign and the file location. */
const ESTATE_SIZE = TEAM_COUNT * (1 + MEMBERS_PER_TEAM) + COMPONENT_COUNT + 3;

/** Every backend process started, for teardown and failure messages. */
const procs: BackendProcess[] = [];

const seconds = (ms: number) => (ms / 1000).toFixed(1);

// Three backends at once are too heavy to share the machine with the other suites: `./ratchet test` runs
// this file alone, in its own step, with RATCHET_MULTIPROCESS=1. Without PostgreSQL it is reported as
// skipped; with the variable set but no server answering, it says why and passes.
const describeWithPostgres =
  process.env[POSTGRES_ENV] && process.env.RATCHET_MULTIPROCESS === '1'
    ? describe
    : describe.skip;

describeWithPostgres(
  `two backend processes on one PostgreSQL database (skipped unless RATCHET_MULTIPROCESS=1 and ${POSTGRES_ENV} answers)`,
  () => {
    let skipReason: string | undefined;
    let db: TestDatabase | undefined;
    let dir: string;
    let catalogFile: string;

    beforeAll(async () => {
      skipReason = await postgresUnavailable(process.env[POSTGRES_ENV]);
      if (skipReason) return;
      db = await createTestDatabase(process.env[POSTGRES_ENV]!);
      dir = mkdtempSync(path.join(os.tmpdir(), 'ratchet-multiprocess-'));
      catalogFile = path.join(dir, 'catalog.yaml');
      writeFileSync(
        catalogFile,
        catalogYaml(new Date().toISOString().slice(0, 10)),
      );
    });

    afterAll(async () => {
      await Promise.all(procs.map(stopBackend));
      await db?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 60_000);

    async function start(name: string): Promise<BackendProcess> {
      const port = await freePort();
      const proc = startBackend({
        name,
        port,
        dir,
        config: backendConfig({ port, databaseUrl: db!.url, catalogFile }),
      });
      procs.push(proc);
      await waitUntilReady(proc, 90_000);
      return proc;
    }

    it('finishes a sweep after kill -9, rejoins a restarted process, notifies once per owner and cycle, tears nothing', async () => {
      if (skipReason) {
        process.stdout.write(`multiProcess: skipped — ${skipReason}\n`);
        return;
      }
      const t0 = Date.now();
      // 1. Up, ingested, swept. One after the other, as replicas roll out: started together on a fresh
      // database, Backstage's scheduler races to create its own tables.
      const a = await start('a');
      const b = await start('b');
      const startupMs = Date.now() - t0;
      await waitFor(
        'the estate in the catalog, every component at silver and a finished sweep',
        async () => {
          const now = await ingested(db!);
          return (
            now.catalog === ESTATE_SIZE &&
            now.silver === COMPONENT_COUNT &&
            !!(await sweepState(db!))?.done_at
          );
        },
        90_000,
        procs,
      );
      const readyMs = Date.now() - t0;

      // 2. kill -9 mid-sweep; the survivor finishes it after the lease.
      const kill = await killMidSweep(db!, [a, b]);
      const survivor = kill.victim === a ? b : a;
      const finishedAt = await waitFor(
        'the survivor to finish the sweep',
        async () => !!(await sweepState(db!))?.done_at,
        60_000,
        procs,
      );
      const finishedBy = [a, b].filter(p =>
        p.logs.some(
          l =>
            l.message === 'Maturity sweep finished' &&
            l.fields.generation === kill.state.generation,
        ),
      );
      expect(finishedBy.map(p => p.name)).toEqual([survivor.name]);
      const killToFinishMs = finishedAt - kill.killedAt;
      expect(killToFinishMs).toBeLessThan(60_000);
      const c = await start('c');
      const rejoinMs = Date.now() - finishedAt;

      // 3. Drops pushed alternately to both live processes, every third to both at once.
      const alive = [survivor, c];
      const dropStart = Date.now();
      const failBuild = (proc: BackendProcess, i: number) =>
        callApi(proc, CI_TOKEN, 'POST', '/api/maturity/facts', {
          items: [
            {
              entityRef: componentRef(i),
              source: 'pushed',
              facts: { ci: { lastBuild: 'failed' } },
            },
          ],
        });
      const dropped = Array.from({ length: DROPS }, (_, i) => i);
      let next = 0;
      const statuses: number[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < dropped.length) {
            const i = dropped[next++];
            const targets = i % 3 === 0 ? alive : [alive[i % 2]];
            const responses = await Promise.all(
              targets.map(p => failBuild(p, i)),
            );
            statuses.push(...responses.map(r => r.status));
          }
        }),
      );
      expect(statuses.filter(s => s !== 200)).toEqual([]);
      const dropsMs = Date.now() - dropStart;
      const dropScope = (i: number) =>
        `maturity:${componentRef(i)}:${SCORECARD_REF}`;
      const regressionScope = (i: number) =>
        `maturity-campaign-regression:${CAMPAIGN_REF}:${componentRef(i)}`;
      const perMember = DROPS * MEMBERS_PER_TEAM;
      const delivered = (topic: string) =>
        deliveries(procs).filter(d => d.topic === topic);
      await waitFor(
        'a notification to each member per drop and per regression',
        () =>
          delivered('maturity-level-drop').length >= perMember &&
          delivered('maturity-campaign-regression').length >= perMember,
        30_000,
        procs,
      );
      // Reminders: two cycles at least, the last one begun after the last drop, reminding every team; read
      // once its deliveries are in, between two cycles, so that claims and deliveries are read at one quiet
      // moment.
      const lastDrop = Date.now();
      await waitFor(
        'a reminder cycle after the last drop, delivered',
        async () => {
          const claims = await reminderClaims(db!);
          const last = claims[claims.length - 1];
          if (!last || last.at.getTime() < lastDrop) return false;
          const inCycle = claims.filter(cl => cl.cycle === last.cycle).length;
          return (
            new Set(claims.map(cl => cl.cycle)).size >= 2 &&
            inCycle === TEAM_COUNT &&
            delivered('maturity-campaign-reminder').filter(
              d => d.at >= last.at.getTime(),
            ).length >=
              TEAM_COUNT * MEMBERS_PER_TEAM
          );
        },
        // Three cycles, plus the pause when the killed process held the campaigns task's lock.
        (3 * REMINDER_EVERY_SECONDS +
          CAMPAIGN_TASK_TIMEOUT_SECONDS +
          SCHEDULER_JANITOR_SECONDS) *
          1000,
        procs,
      );
      let claims = await reminderClaims(db!);
      let reminders = delivered('maturity-campaign-reminder');
      const recheck = await reminderClaims(db!);
      if (recheck.length !== claims.length) {
        // A new cycle began while reading: read both again once it is delivered.
        await sleep(2_000);
        claims = await reminderClaims(db!);
        reminders = delivered('maturity-campaign-reminder');
      }

      // Exactly one notification per member of the owner per drop and per regression, stored and delivered.
      for (const [topic, scopeOf] of [
        ['maturity-level-drop', dropScope],
        ['maturity-campaign-regression', regressionScope],
      ] as const) {
        const expected = expectedPerMember(dropped, scopeOf);
        const rows = await notificationRows(db!, topic);
        expect({
          topic,
          ...compareOnce(
            expected,
            rows.map(r => `${r.user}|${r.scope}`),
          ),
          resent: rows.filter(r => r.updated !== null).length,
        }).toEqual({
          topic,
          missing: [],
          duplicated: [],
          unexpected: [],
          resent: 0,
        });
        expect({
          topic,
          ...compareOnce(
            expected,
            delivered(topic).map(d => `${d.user}|${d.scope}`),
          ),
        }).toEqual({ topic, missing: [], duplicated: [], unexpected: [] });
      }
      // Reminders: one stored row per member (each cycle re-sends it), one delivery per member and cycle.
      const reminderRows = await notificationRows(
        db!,
        'maturity-campaign-reminder',
      );
      expect(reminderRows).toHaveLength(TEAM_COUNT * MEMBERS_PER_TEAM);
      expect(reminderProblems(claims, reminders)).toEqual([]);
      const cycles = new Set(claims.map(cl => cl.cycle)).size;

      // 4. No torn rows; the sweep is not left running; the restarted process served its share.
      expect(
        (await tornComponents(db!, new Set(dropped))).slice(0, 10),
      ).toEqual([]);
      const finalState = (await sweepState(db!))!;
      expect(finalState.done_at).not.toBeNull();
      expect(finalState.lease_owner).toBeNull();
      expect(deliveries([c]).length).toBeGreaterThan(0);

      const total = deliveries(procs).length;
      process.stdout.write(
        `${[
          `multiProcess: startup of two backends ${seconds(
            startupMs,
          )} s; estate ingested and swept at ${seconds(readyMs)} s`,
          `multiProcess: kill -9 of ${kill.victim.name} mid-sweep (attempt ${
            kill.attempt
          }, ${
            kill.state.cursor
              ? `after ${kill.state.cursor}`
              : 'before its first chunk was committed'
          }); ${survivor.name} finished the sweep ${seconds(
            killToFinishMs,
          )} s later; restarted process ready ${seconds(
            rejoinMs,
          )} s after that`,
          `multiProcess: ${DROPS} level drops pushed in ${seconds(
            dropsMs,
          )} s (${statuses.length} pushes) + ${cycles} reminder cycles = ${
            DROPS + cycles
          } notification cycles; ${total} notifications delivered (${
            delivered('maturity-level-drop').length
          } drop, ${
            delivered('maturity-campaign-regression').length
          } regression, ${
            reminders.length
          } reminder), none duplicated or missing`,
          `multiProcess: global tasks the killed process held, freed by the scheduler's janitor: ${
            procs
              .flatMap(p => p.logs)
              .filter(l => l.message.startsWith('Task timed out and was lost'))
              .map(l => l.message.replace(/.*: /, ''))
              .join(', ') || 'none'
          }`,
          `multiProcess: whole run ${seconds(Date.now() - t0)} s`,
        ].join('\n')}\n`,
      );
    });
  },
);
