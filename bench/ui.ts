/*
 * The maturity pages in a browser with 10,000 entities: the real demo backend (packages/backend, its real
 * catalog ingesting a generated estate, the maturity plugin evaluating the examples/ratchet scorecards)
 * serving a production build of packages/app, and headless Chromium (/usr/bin/chromium, never a
 * downloaded one) timing each page from navigation start to interactive (defined in ui/interactive.ts).
 *
 *   yarn bench:ui [--rounds 5] [--entities 10000] [--groups 50] [--port 7017] [--no-build] [--keep]
 *   yarn bench:ui --backend http://localhost:7017 [--rounds 5]
 *
 * Pages: /maturity → Service Maturity's org report → an entity's Maturity tab → a check page, each as a
 * full page load and as an in-app navigation (clicking the link the previous page shows), `--rounds`
 * times after one warm-up round. Every API response is recorded: the largest body and the most entities
 * any one response carried (ui/report.ts says what one page is).
 *
 * Why a production build served by the backend's app plugin, not `yarn start app`: it builds in 10–30 s
 * here where the dev server's first compile takes about a minute (e2e/playwright.config.ts), it is what
 * users load (minified, React in production mode: the dev build's extra checks would be measured too), it
 * has no file watcher that other people's edits could trigger mid-run, and it needs one process and one
 * port instead of two. `--no-build` reuses packages/app/dist.
 *
 * `--backend` measures a backend that is already up and evaluated instead of starting one (to repeat the
 * browser part without the ~3 minutes of ingestion): `--keep` leaves the generated catalog and
 * app-config.runtime.yaml in the run's directory, and from packages/backend
 *   NODE_ENV=development node --require @backstage/cli/config/nodeTransform.cjs src/index.ts \
 *     --config ../../app-config.yaml \
 *     --config ../../bench/ui/app-config.bench.yaml --config <directory>/app-config.runtime.yaml
 * starts the same backend again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machineLoad } from './lib/stats';
import {
  attachBackend,
  readiness,
  startBackend,
  waitUntilEvaluated,
} from './ui/backend';
import type { Backend } from './ui/backend';
import { measure, openSession, Session, signInAsGuest } from './ui/browser';
import { writeBenchCatalog } from './ui/catalog';
import { installCleanup, onExit, portIsFree, run } from './ui/processes';
import { printReport } from './ui/report';

const ROOT = path.resolve(__dirname, '..');
const SCORECARD = 'service-maturity';
const REPORT_PATH = `/maturity/scorecards/default/${SCORECARD}`;
/** Ports the browser tests of CI use; a benchmark must never take them. */
const RESERVED_PORTS = new Set([3000, 7007]);

interface CheckInfo {
  id: string;
  title: string;
}

/** The entities and checks the rounds visit: the report's first rows, and checks with failing entities. */
async function pickTargets(backend: Backend, count: number) {
  const ranking = await backend.get<{ items: Array<{ entityRef: string }> }>(
    `/api/maturity/scorecards/default/${SCORECARD}/entities?order=level&limit=${Math.max(
      10,
      count,
    )}&offset=0`,
  );
  const detail = await backend.get<{ checks: CheckInfo[] }>(
    `/api/maturity/scorecards/default/${SCORECARD}`,
  );
  const failing: CheckInfo[] = [];
  for (const check of detail.checks) {
    const info = await backend.get<{ counts: { fail: number } }>(
      `/api/maturity/scorecards/default/${SCORECARD}/checks/${check.id}?limit=1`,
    );
    // The check page lists the failing entities (status "fail"; errors are behind the status filter):
    // a check without any has no rows to wait for.
    if (info.counts.fail > 0) failing.push(check);
  }
  if (ranking.items.length < count || failing.length === 0)
    throw new Error(
      `too few entities (${ranking.items.length}) or failing checks (${failing.length}) to visit`,
    );
  return {
    entities: ranking.items.slice(0, count).map(i => i.entityRef.split('/')[1]),
    checks: failing,
  };
}

const targets = {
  list: {
    path: '^/maturity/?$',
    markers: [`tbody a[href="${REPORT_PATH}"]`],
  },
  report: {
    path: `^${REPORT_PATH}/?$`,
    heading: 'Service Maturity',
    markers: [
      '[role="img"][aria-label^="Level distribution of"]',
      '[role="img"][aria-label*="over the last 30 days"]',
      'table td[aria-label*="% passing"]',
      'tbody a[href^="/catalog/"][href$="/maturity"]',
      `tbody a[href^="${REPORT_PATH}/checks/"]`,
    ],
  },
  entity: (name: string) => ({
    path: `^/catalog/default/component/${name}/maturity/?$`,
    markers: [
      '[role="group"][aria-label="Service Maturity standing"]',
      'table[aria-label="Service Maturity rubric"]',
      '[aria-label="Service Maturity level over the last 30 days"]',
    ],
  }),
  check: (check: CheckInfo) => ({
    path: `^${REPORT_PATH}/checks/${check.id}/?$`,
    heading: check.title,
    markers: [
      'pre[aria-label="Rule"]',
      '[aria-label="Pass rate over the last 30 days"]',
      'tbody a[href^="/catalog/"][href$="/maturity"]',
    ],
  }),
};

async function fullLoadRound(
  session: Session,
  round: number,
  entity: string,
  check: CheckInfo,
) {
  const steps = [
    { page: 'scorecard list', url: '/maturity', target: targets.list },
    { page: 'org report', url: REPORT_PATH, target: targets.report },
    {
      page: 'entity Maturity tab',
      url: `/catalog/default/component/${entity}/maturity`,
      target: targets.entity(entity),
    },
    {
      page: 'check page',
      url: `${REPORT_PATH}/checks/${check.id}`,
      target: targets.check(check),
    },
  ];
  for (const step of steps) await measure(session, { ...step, round });
}

/** list → report → the round's ranking row → a check of its rubric with failing entities → the list. */
async function inAppRound(
  session: Session,
  round: number,
  checks: CheckInfo[],
) {
  await measure(session, {
    page: 'org report',
    round,
    target: targets.report,
    click: page => page.locator(`tbody a[href="${REPORT_PATH}"]`).click(),
  });
  const row = session.page
    .locator('tbody a[href^="/catalog/"][href$="/maturity"]')
    // The table shows 10 rows per page.
    .nth(round % 10);
  const href = (await row.getAttribute('href')) ?? '';
  const entity = href.split('/').slice(-2)[0];
  await measure(session, {
    page: 'entity Maturity tab',
    round,
    target: targets.entity(entity),
    click: () => row.click(),
  });
  // The rubric lists the checks that apply to this entity; take one whose page has failing entities.
  const rubric = session.page.locator(
    `table[aria-label="Service Maturity rubric"] a[href^="${REPORT_PATH}/checks/"]`,
  );
  const hrefs = await rubric.evaluateAll(links =>
    links.map(link => link.getAttribute('href') ?? ''),
  );
  const candidates = checks.filter(c =>
    hrefs.some(h => h.endsWith(`/checks/${c.id}`)),
  );
  const check = candidates[round % Math.max(1, candidates.length)] ?? checks[0];
  await measure(session, {
    page: 'check page',
    round,
    target: targets.check(check),
    click: page =>
      page
        .locator(
          `table[aria-label="Service Maturity rubric"] a[href="${REPORT_PATH}/checks/${check.id}"]`,
        )
        .first()
        .click(),
  });
  await measure(session, {
    page: 'scorecard list',
    round,
    target: targets.list,
    click: page => page.locator('nav a[href="/maturity"]').first().click(),
  });
}

function parseArgs(argv: string[]) {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const number = (name: string, fallback: number) =>
    Number(option(name) ?? fallback);
  return {
    rounds: number('--rounds', 5),
    entities: number('--entities', 10_000),
    groups: number('--groups', 50),
    port: number('--port', 7017),
    backend: option('--backend'),
    build: !argv.includes('--no-build'),
    keep: argv.includes('--keep'),
  };
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(0);

/** Builds the app, generates the catalog, starts the backend and waits until everything is rated. */
async function prepare(
  args: ReturnType<typeof parseArgs>,
  directory: string,
  onStarted: (backend: Backend) => void,
): Promise<{ backend: Backend; components: number }> {
  if (args.backend) {
    const backend = attachBackend(args.backend);
    const state = await readiness(backend);
    console.log(
      `measuring the running backend at ${backend.baseUrl}: ${state.components} Components, ${state.rated} rated`,
    );
    return { backend, components: state.components };
  }
  if (RESERVED_PORTS.has(args.port) || !(await portIsFree(args.port)))
    throw new Error(`port ${args.port} is reserved or taken; pass --port`);
  const dist = path.join(ROOT, 'packages', 'app', 'dist', 'index.html');
  if (args.build || !fs.existsSync(dist)) {
    const started = Date.now();
    console.log('building packages/app (production)...');
    await run({
      command: process.execPath,
      args: [
        require.resolve('@backstage/cli/bin/backstage-cli'),
        'package',
        'build',
      ],
      cwd: path.join(ROOT, 'packages', 'app'),
      logFile: path.join(directory, 'app-build.log'),
    });
    console.log(`  built in ${seconds(started)} s`);
  }
  const catalog = writeBenchCatalog({
    directory,
    root: ROOT,
    components: args.entities,
    groups: args.groups,
  });
  console.log(
    `generated ${catalog.components} Components (${catalog.rated} services and websites) owned by ${catalog.groups.length} groups in ${directory}`,
  );
  let started = Date.now();
  const backend = await startBackend({
    root: ROOT,
    directory,
    port: args.port,
    catalog,
    onSpawned: onStarted,
  });
  console.log(
    `backend up at ${backend.baseUrl} in ${seconds(
      started,
    )} s; waiting for the catalog and the evaluation...`,
  );
  started = Date.now();
  await waitUntilEvaluated(backend, catalog, 20 * 60_000);
  console.log(`evaluated in ${seconds(started)} s; ${machineLoad()}`);
  return { backend, components: catalog.components };
}

async function main(argv: string[]) {
  const args = parseArgs(argv);
  installCleanup();
  const chromiumPath = process.env.RATCHET_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath))
    throw new Error(
      `no Chromium at ${chromiumPath} (set RATCHET_CHROMIUM); this benchmark never downloads one`,
    );
  console.log(`node ${process.version}; ${machineLoad()}`);

  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'ratchet-bench-ui-'));
  let started: Backend | undefined;
  let session: Session | undefined;
  let succeeded = false;
  // Also on Ctrl-C, which skips the finally below: say where the logs are.
  onExit(() => {
    if (fs.existsSync(directory))
      console.log(`logs and generated catalog kept in ${directory}`);
  });
  try {
    const { backend, components } = await prepare(args, directory, b => {
      started = b;
    });
    const visit = await pickTargets(backend, args.rounds + 1);
    session = await openSession({
      baseUrl: backend.baseUrl,
      executablePath: chromiumPath,
      artifactsDir: directory,
    });
    await signInAsGuest(session.page, '/maturity');
    console.log(`signed in as guest; ${machineLoad()}`);
    for (let round = 0; round <= args.rounds; round++)
      await fullLoadRound(
        session,
        round,
        visit.entities[round],
        visit.checks[round % visit.checks.length],
      );
    // In-app rounds start on the list page, loaded in full once.
    await session.page.goto('/maturity');
    await session.page.locator(`tbody a[href="${REPORT_PATH}"]`).waitFor();
    for (let round = 0; round <= args.rounds; round++)
      await inAppRound(session, round, visit.checks);

    const verdict = printReport(session.measurements, {
      entities: components,
      rounds: args.rounds,
      appMode: 'production build served by the backend',
    });
    succeeded = verdict.failures.length === 0;
    if (!succeeded) process.exitCode = 1;
  } finally {
    await session?.close().catch(() => undefined);
    await started?.process?.stop();
    if (succeeded && !args.keep)
      fs.rmSync(directory, { recursive: true, force: true });
  }
}

main(process.argv.slice(2))
  .catch(error => {
    console.error(error);
    process.exitCode = 1;
  })
  // Playwright and stray handles must not keep a finished benchmark alive.
  .finally(() => process.exit());
