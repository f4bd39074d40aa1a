import type {
  CampaignDetail,
  CampaignOwnerProgressList,
  CampaignProgress,
  CampaignProgressHistory,
  CampaignSummary,
  CampaignTarget,
  TargetedCampaign,
} from '@ratchet/backstage-plugin-maturity-common';
import type { MaturityApi } from '../api';

const progress = (
  counts: Omit<CampaignProgress, 'ratio' | 'targets'>,
): CampaignProgress => {
  const targets =
    counts.passing + counts.exempt + counts.failing + counts.notStarted;
  return {
    ...counts,
    targets,
    ratio: targets ? (counts.passing + counts.exempt) / targets : null,
  };
};

/** An open campaign half-way done. */
export const poetrySummary: CampaignSummary = {
  ref: 'campaign:default/pip-to-poetry',
  namespace: 'default',
  name: 'pip-to-poetry',
  title: 'Move Python services from pip to Poetry',
  description: 'Every Python service installs from a committed poetry.lock.',
  owner: 'group:default/platform',
  tags: ['python'],
  state: 'inProgress',
  stateSince: '2026-10-01T00:00:00Z',
  startDate: '2026-10-01',
  dueDate: '2027-01-15',
  progress: progress({
    passing: 3,
    exempt: 0,
    failing: 2,
    notStarted: 1,
    regressed: 1,
  }),
  projectedCompletion: '2027-01-02',
  promoteTo: {
    scorecard: 'scorecard:default/service-maturity',
    level: 'silver',
    category: 'operations',
    promotedAt: null,
  },
};

/** A campaign that has not started. */
export const scheduledSummary: CampaignSummary = {
  ...poetrySummary,
  ref: 'campaign:default/pii-classification',
  name: 'pii-classification',
  title: 'Classify PII and PCI data',
  state: 'scheduled',
  startDate: '2027-02-01',
  dueDate: '2027-04-01',
  progress: progress({
    passing: 0,
    exempt: 0,
    failing: 0,
    notStarted: 4,
    regressed: 0,
  }),
  projectedCompletion: null,
  promoteTo: undefined,
};

/** A completed campaign that ratcheted into a scorecard. */
export const completedSummary: CampaignSummary = {
  ...poetrySummary,
  ref: 'campaign:default/header-propagation',
  name: 'header-propagation',
  title: 'Propagate trace headers',
  state: 'completed',
  stateSince: '2026-12-01T10:00:00Z',
  progress: progress({
    passing: 5,
    exempt: 1,
    failing: 0,
    notStarted: 0,
    regressed: 0,
  }),
  promoteTo: {
    scorecard: 'scorecard:default/service-maturity',
    level: 'silver',
    promotedAt: '2026-12-01T10:00:00Z',
  },
};

/** The detail of {@link poetrySummary}. */
export const poetryDetail: CampaignDetail = {
  ...poetrySummary,
  brief: '## Why\n\nBuilds are **not reproducible** without a lock file.',
  targetFilter: { kind: 'Component', tags: 'python' },
  checks: [
    {
      id: 'has-poetry-lock',
      title: 'Commits poetry.lock',
      remediation: 'Run `poetry lock` and commit `poetry.lock`.',
    },
    {
      id: 'no-requirements-txt',
      title: 'No longer uses requirements.txt',
      remediation: 'Delete `requirements.txt`.',
    },
  ],
  reminders: { every: 'P7D', beforeDue: ['P7D'], afterDue: true },
  completeWhen: 'dueDate',
  transitions: [
    {
      from: null,
      to: 'scheduled',
      at: '2026-09-20T00:00:00Z',
      cause: 'created',
    },
    {
      from: 'scheduled',
      to: 'inProgress',
      at: '2026-10-01T00:00:00Z',
      cause: 'startDate reached',
    },
  ],
  lastReminderAt: '2026-11-30T09:00:00Z',
  nextReminderAt: '2026-12-07T09:00:00Z',
  problems: [],
};

/** A failing target of {@link poetryDetail} with what to do. */
export const failingTarget: CampaignTarget = {
  entityRef: 'component:default/statement-generator',
  title: 'Statement generator',
  owner: 'group:default/payments',
  state: 'failing',
  since: '2026-11-02T00:00:00Z',
  firstPassedAt: '2026-10-20T00:00:00Z',
  regressed: true,
  failingChecks: [
    {
      checkId: 'has-poetry-lock',
      title: 'Commits poetry.lock',
      status: 'fail',
      message: 'No poetry.lock on the default branch.',
      remediation: 'Run `poetry lock` and commit `poetry.lock`.',
    },
  ],
};

/** A passing target. */
export const passingTarget: CampaignTarget = {
  entityRef: 'component:default/fraud-scorer',
  owner: 'group:default/risk',
  state: 'passing',
  since: '2026-10-10T00:00:00Z',
  firstPassedAt: '2026-10-10T00:00:00Z',
  regressed: false,
  failingChecks: [],
};

/** The burn-up of {@link poetryDetail}. */
export const poetryHistory: CampaignProgressHistory = {
  campaignRef: poetrySummary.ref,
  startDate: '2026-10-01',
  dueDate: '2027-01-15',
  points: [
    { day: '2026-12-04', targets: 6, done: 2, failing: 3, notStarted: 1 },
    { day: '2026-12-05', targets: 6, done: 3, failing: 2, notStarted: 1 },
  ],
  projection: {
    ratePerDay: 0.1,
    completionDate: '2027-01-02',
    windowDays: 14,
  },
};

/** The per-owner progress of {@link poetryDetail}. */
export const poetryOwners: CampaignOwnerProgressList = {
  campaignRef: poetrySummary.ref,
  items: [
    {
      owner: 'group:default/payments',
      progress: progress({
        passing: 1,
        exempt: 0,
        failing: 2,
        notStarted: 1,
        regressed: 1,
      }),
    },
    {
      owner: 'group:default/risk',
      progress: progress({
        passing: 2,
        exempt: 0,
        failing: 0,
        notStarted: 0,
        regressed: 0,
      }),
    },
  ],
};

/** {@link poetrySummary} as its failing target sees it. */
export const targetedPoetry: TargetedCampaign = {
  ...poetrySummary,
  target: failingTarget,
  checks: poetryDetail.checks,
};

/** The campaign methods of a MaturityApi test double. */
export const campaignApiDefaults: Pick<
  MaturityApi,
  | 'listCampaigns'
  | 'getCampaign'
  | 'listCampaignTargets'
  | 'getCampaignProgress'
  | 'listCampaignOwners'
  | 'nudgeCampaign'
  | 'endCampaign'
  | 'getEntityCampaigns'
> = {
  listCampaigns: async () => [
    poetrySummary,
    scheduledSummary,
    completedSummary,
  ],
  getCampaign: async () => poetryDetail,
  listCampaignTargets: async (_campaign, query = {}) => {
    const all = [failingTarget, passingTarget].filter(
      t => !query.state || t.state === query.state,
    );
    return {
      items: all,
      total: all.length,
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
      nextOffset: null,
    };
  },
  getCampaignProgress: async () => poetryHistory,
  listCampaignOwners: async () => poetryOwners,
  nudgeCampaign: async () => ({
    notified: [{ owner: 'group:default/payments', failingTargets: 2 }],
    rateLimited: [],
  }),
  endCampaign: async (_campaign, request) => ({
    ...poetryDetail,
    state: 'endedEarly',
    transitions: [
      ...poetryDetail.transitions,
      {
        from: 'inProgress',
        to: 'endedEarly',
        at: '2026-12-06T00:00:00Z',
        cause: request.reason,
      },
    ],
  }),
  getEntityCampaigns: async entityRef => ({
    entityRef,
    items: [targetedPoetry],
  }),
};
