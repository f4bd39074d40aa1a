/*
 * What multiProcess.test.ts reads back from the shared database (one schema per plugin) and from the
 * processes' logs, and the checks it makes of them.
 */
import type { BackendProcess } from './backends';
import type { TestDatabase } from './database';
import {
  COMPONENT_COUNT,
  componentRef,
  membersOf,
  ownerOf,
  SCORECARD_REF,
  TEAM_COUNT,
  teamRef,
} from './estate';

/** The row of the resumable sweep. */
export interface SweepState {
  generation: number;
  cursor: string | null;
  done_at: Date | null;
  lease_owner: string | null;
  lease_until: Date | null;
}

/** The sweep row, or undefined before the first sweep. */
export async function sweepState(
  db: TestDatabase,
): Promise<SweepState | undefined> {
  const [row] = await db.query<SweepState & Record<string, unknown>>(
    `select generation, cursor, done_at, lease_owner, lease_until
       from maturity.maturity_sweep_state where id = 'sweep'`,
  );
  return row;
}

/** Entities in the catalog, and entities with collected catalog facts. */
export async function ingested(db: TestDatabase) {
  const [catalog] = await db.query<{ n: number }>(
    `select count(*)::int as n from catalog.final_entities where final_entity is not null`,
  );
  const [facts] = await db.query<{ n: number }>(
    `select count(*)::int as n from maturity.maturity_facts where source = 'catalog'`,
  );
  const [silver] = await db.query<{ n: number }>(
    `select count(*)::int as n from maturity.maturity_levels where scorecard_ref = ? and level = 'silver'`,
    [SCORECARD_REF],
  );
  return { catalog: catalog.n, facts: facts.n, silver: silver.n };
}

/**
 * Components whose stored level is not the one their stored results give, or whose results are not what
 * the pushes made them (`dropped` failed their build): "torn" rows.
 */
export async function tornComponents(
  db: TestDatabase,
  dropped: Set<number>,
): Promise<string[]> {
  const results = await db.query<{
    entity_ref: string;
    check_id: string;
    status: string;
  }>(
    `select entity_ref, check_id, status from maturity.maturity_results where definition_ref = ?`,
    [SCORECARD_REF],
  );
  const levels = await db.query<{ entity_ref: string; level: string | null }>(
    `select entity_ref, level from maturity.maturity_levels where scorecard_ref = ?`,
    [SCORECARD_REF],
  );
  const statuses = new Map<string, Map<string, string>>();
  for (const r of results) {
    const of = statuses.get(r.entity_ref) ?? new Map<string, string>();
    of.set(r.check_id, r.status);
    statuses.set(r.entity_ref, of);
  }
  const levelOf = new Map(levels.map(l => [l.entity_ref, l.level]));
  const problems: string[] = [];
  for (let i = 0; i < COMPONENT_COUNT; i++) {
    const ref = componentRef(i);
    const checks = statuses.get(ref) ?? new Map<string, string>();
    const owner = checks.get('has-owner');
    const ci = checks.get('ci-not-failed');
    let fromResults: string | null = null;
    if (owner === 'pass') fromResults = ci === 'pass' ? 'silver' : 'bronze';
    const stored = levelOf.has(ref) ? levelOf.get(ref) : 'missing';
    const expectedCi = dropped.has(i) ? 'fail' : 'pass';
    if (checks.size !== 2 || owner !== 'pass' || ci !== expectedCi) {
      problems.push(
        `${ref}: results ${JSON.stringify([
          ...checks,
        ])}, expected has-owner pass, ci-not-failed ${expectedCi}`,
      );
    } else if (stored !== fromResults) {
      problems.push(`${ref}: level ${stored}, its results give ${fromResults}`);
    }
  }
  return problems;
}

/** One delivery a process's notifications backend logged. */
export interface Delivery {
  process: string;
  user: string;
  topic: string;
  scope: string;
  at: number;
}

/** Every delivery logged by the processes. */
export function deliveries(procs: BackendProcess[]): Delivery[] {
  return procs.flatMap(p =>
    p.logs
      .filter(l => l.message === 'Notification delivered')
      .map(l => ({
        process: p.name,
        user: String(l.fields.user),
        topic: String(l.fields.topic),
        scope: String(l.fields.scope),
        at: l.at,
      })),
  );
}

/** Notification rows of a topic in the notifications backend's table. */
export async function notificationRows(db: TestDatabase, topic: string) {
  return db.query<{ user: string; scope: string; updated: Date | null }>(
    `select "user", scope, updated from notifications.notification where topic = ?`,
    [topic],
  );
}

/** `user|scope` keys: what is expected once, what is missing, what came more than once or unasked. */
export function compareOnce(expected: string[], actual: string[]) {
  const counts = new Map<string, number>();
  for (const key of actual) counts.set(key, (counts.get(key) ?? 0) + 1);
  const wanted = new Set(expected);
  return {
    missing: expected.filter(key => !counts.has(key)),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([key]) => key),
    unexpected: [...counts.keys()].filter(key => !wanted.has(key)),
  };
}

/** `user|scope` for every member of the owner of each dropped component, with `scopeOf` its scope. */
export function expectedPerMember(
  dropped: number[],
  scopeOf: (i: number) => string,
): string[] {
  return dropped.flatMap(i =>
    membersOf(ownerOf(i)).map(user => `${user}|${scopeOf(i)}`),
  );
}

/** One claimed reminder: the cycle and owner of a `campaign-reminder|<campaign>|<cycle>|<owner>` key. */
export interface ReminderClaim {
  cycle: string;
  owner: string;
  at: Date;
}

/** The campaign reminders claimed in the send log, oldest first. */
export async function reminderClaims(
  db: TestDatabase,
): Promise<ReminderClaim[]> {
  const rows = await db.query<{ send_key: string; sent_at: Date }>(
    `select send_key, sent_at from maturity.maturity_send_log
      where kind = 'campaign-reminder' order by sent_at, send_key`,
  );
  return rows.map(r => {
    const [, , cycle, owner] = r.send_key.split('|');
    return { cycle, owner, at: r.sent_at };
  });
}

/**
 * Checks the reminder cycles: each cycle reminds every owner that had failing targets before (owners only
 * join, as drops only add failing targets), the last one every team, and each member of an owner got
 * exactly one reminder per cycle claimed for it.
 */
export function reminderProblems(
  claims: ReminderClaim[],
  delivered: Delivery[],
): string[] {
  const problems: string[] = [];
  const cycles: Array<{ cycle: string; owners: Set<string> }> = [];
  for (const claim of claims) {
    let last = cycles[cycles.length - 1];
    if (!last || last.cycle !== claim.cycle) {
      last = { cycle: claim.cycle, owners: new Set() };
      cycles.push(last);
    }
    last.owners.add(claim.owner);
  }
  for (let k = 1; k < cycles.length; k++) {
    for (const owner of cycles[k - 1].owners) {
      if (!cycles[k].owners.has(owner)) {
        problems.push(
          `cycle ${cycles[k].cycle} missed ${owner}, reminded in ${
            cycles[k - 1].cycle
          }`,
        );
      }
    }
  }
  const final = cycles[cycles.length - 1];
  if (!final || final.owners.size !== TEAM_COUNT) {
    problems.push(
      `the last cycle reminded ${
        final?.owners.size ?? 0
      } of ${TEAM_COUNT} teams`,
    );
  }
  for (let t = 0; t < TEAM_COUNT; t++) {
    const claimed = claims.filter(c => c.owner === teamRef(t)).length;
    for (const user of membersOf(teamRef(t))) {
      const got = delivered.filter(d => d.user === user).length;
      if (got !== claimed) {
        problems.push(
          `${user}: ${got} reminders for ${claimed} cycles of ${teamRef(t)}`,
        );
      }
    }
  }
  return problems;
}
