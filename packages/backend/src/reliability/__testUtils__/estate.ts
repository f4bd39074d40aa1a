/*
 * The generated estate of multiProcess.test.ts and the config of each backend process. Every component
 * passes `ci-not-failed` until a push says its last build failed: that one push drops it from silver to
 * bronze (a level-drop notification to its owner), fails the campaign check it passed (a regression
 * alert) and makes it a failing target the campaign reminds its owner of in every cycle.
 */
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { stringify } from 'yaml';

/** Teams; every component is owned by one of them. */
export const TEAM_COUNT = 6;
/** Members of each team: every notification to a team reaches each of them. */
export const MEMBERS_PER_TEAM = 2;
/** Components in the catalog. */
export const COMPONENT_COUNT = 300;

/** The scorecard and the campaign. */
export const SCORECARD_REF = 'scorecard:default/reliability';
export const CAMPAIGN_REF = 'campaign:default/green-builds';
/** Reminder cadence of the campaign: 10,000 planned cycles (the planner's cap) cover more than a day. */
export const REMINDER_EVERY_SECONDS = 10;
/**
 * The campaigns task's timeout. A global task whose runner is killed stays locked until it times out and
 * a scheduler janitor (each process runs one a minute) frees it: reminders pause that long.
 */
export const CAMPAIGN_TASK_TIMEOUT_SECONDS = 10;
/** How long the janitor of Backstage's scheduler waits between runs. */
export const SCHEDULER_JANITOR_SECONDS = 60;

/** The static external-access token of the test's CI. */
export const CI_TOKEN = 'reliability-ci-token-0123456789';

export const teamRef = (t: number) => `group:default/team-${t}`;
export const componentName = (i: number) => `svc-${String(i).padStart(3, '0')}`;
export const componentRef = (i: number) =>
  `component:default/${componentName(i)}`;
/** The owner of component `i`. */
export const ownerOf = (i: number) => teamRef(i % TEAM_COUNT);
/** The user refs of a team's members. */
export const membersOf = (team: string) => {
  const t = Number(team.split('-').pop());
  return Array.from(
    { length: MEMBERS_PER_TEAM },
    (_, m) => `user:default/member-${t}-${m}`,
  );
};

/** Passes while the last build did not fail, including before any push. */
const CI_NOT_FAILED = {
  any: [
    { fact: 'pushed.ci.lastBuild', operator: 'exists', value: false },
    { fact: 'pushed.ci.lastBuild', operator: 'notEqual', value: 'failed' },
  ],
};

function entities(today: string): Entity[] {
  const out: Entity[] = [];
  for (let t = 0; t < TEAM_COUNT; t++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}` },
      spec: { type: 'team', children: [] },
    });
    for (const user of membersOf(teamRef(t))) {
      out.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: user.split('/')[1] },
        spec: { memberOf: [`team-${t}`] },
      });
    }
  }
  for (let i = 0; i < COMPONENT_COUNT; i++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: componentName(i) },
      spec: { type: 'service', lifecycle: 'production', owner: ownerOf(i) },
    });
  }
  out.push({
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Scorecard',
    metadata: { name: 'reliability', title: 'Reliability' },
    spec: {
      owner: teamRef(0),
      levels: [
        { id: 'bronze', title: 'Bronze' },
        { id: 'silver', title: 'Silver' },
      ],
      categories: [{ id: 'delivery', title: 'Delivery' }],
      checks: [
        {
          id: 'has-owner',
          title: 'Has an owner',
          level: 'bronze',
          category: 'delivery',
          rule: {
            fact: 'catalog.owner.exists',
            operator: 'equal',
            value: true,
          },
        },
        {
          id: 'ci-not-failed',
          title: 'Last build did not fail',
          level: 'silver',
          category: 'delivery',
          rule: CI_NOT_FAILED,
        },
      ],
    },
  });
  const due = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  out.push({
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Campaign',
    metadata: { name: 'green-builds', title: 'Green builds' },
    spec: {
      owner: teamRef(0),
      brief: 'Keep every build green.',
      targets: { kind: 'Component' },
      checks: [
        {
          id: 'build-green',
          title: 'Build is green',
          rule: CI_NOT_FAILED,
          remediation: 'Fix the build.',
        },
      ],
      startDate: today,
      dueDate: due,
      // Not completed while every target passes (before the first drop): reminders follow the drops.
      onCompletion: { when: 'dueDate' },
      reminders: { every: `PT${REMINDER_EVERY_SECONDS}S` },
    },
  });
  return out;
}

/** The catalog file: every entity as one YAML document. */
export function catalogYaml(today: string): string {
  return entities(today)
    .map(e => stringify(e))
    .join('---\n');
}

/** The config of one backend process. */
export function backendConfig(options: {
  port: number;
  databaseUrl: string;
  catalogFile: string;
}): JsonObject {
  const every = (seconds: number, timeoutSeconds = 30) => ({
    frequency: { seconds },
    timeout: { seconds: timeoutSeconds },
    initialDelay: { seconds: 1 },
  });
  return {
    // The notifications backend links to the app.
    app: { baseUrl: 'http://localhost:3000' },
    backend: {
      // Which process works the sweep: the debug line a step logs when it claims the lease.
      logger: {
        overrides: [
          {
            matchers: { message: 'Maturity sweep step claimed the lease' },
            level: 'debug',
          },
        ],
      },
      baseUrl: `http://localhost:${options.port}`,
      listen: { port: options.port, host: '127.0.0.1' },
      database: {
        client: 'pg',
        connection: options.databaseUrl,
        pluginDivisionMode: 'schema',
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: CI_TOKEN, subject: 'reliability-ci' },
          },
        ],
      },
    },
    catalog: {
      processingInterval: { seconds: 30 },
      rules: [
        { allow: ['Component', 'Group', 'User', 'Location'] },
        { allow: ['Scorecard', 'Campaign'] },
      ],
      locations: [{ type: 'file', target: options.catalogFile }],
    },
    maturity: {
      schedules: {
        // Sweeps when the test triggers one (the first soon after start); its timeout bounds how long a
        // killed runner keeps the task locked (the sweep itself continues in steps on the lease).
        sweep: {
          frequency: { hours: 6 },
          timeout: { seconds: 20 },
          initialDelay: { seconds: 5 },
        },
        sweepSteps: every(1),
        definitions: every(2),
        catalogFacts: every(60),
        catalogChanges: every(2),
        campaigns: every(2, CAMPAIGN_TASK_TIMEOUT_SECONDS),
      },
    },
  };
}
