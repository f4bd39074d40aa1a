/* Benchmark checks over runtime (kubernetes) and pushed (CI, coverage, quality) facts. */
import type { CheckTemplate } from './template';

/** Reliability, resources, CI and code quality checks. */
export const RUNTIME_AND_PUSHED_CHECKS: CheckTemplate[] = [
  strict => ({
    id: 'redundant',
    title: 'Runs redundantly',
    rule: strict
      ? {
          all: [
            {
              fact: 'kubernetes.replicas.desired',
              operator: 'greaterThanInclusive',
              value: 3,
            },
            {
              fact: 'kubernetes.replicas.ready',
              operator: 'greaterThanInclusive',
              value: 2,
            },
          ],
        }
      : {
          fact: 'kubernetes.replicas.desired',
          operator: 'greaterThanInclusive',
          value: 2,
        },
    appliesTo: { kind: 'Component', type: 'service', lifecycle: 'production' },
  }),
  strict => ({
    id: 'scales',
    title: 'Scales with load',
    rule: {
      any: [
        { fact: 'kubernetes.hpa.enabled', operator: 'equal', value: true },
        {
          fact: 'kubernetes.replicas.desired',
          operator: 'greaterThanInclusive',
          value: strict ? 5 : 3,
        },
      ],
    },
    appliesTo: { type: 'service' },
  }),
  strict => ({
    id: 'few-oom-kills',
    title: 'Few OOM kills',
    rule: {
      fact: 'kubernetes.oomKills24h',
      operator: 'lessThanInclusive',
      value: strict ? 0 : 2,
    },
    appliesTo: { type: 'service' },
    messages: {
      fail: '{{catalog.metadata.name}} had {{kubernetes.oomKills24h}} OOM kills in 24h',
    },
  }),
  strict => ({
    id: 'probes',
    title: 'Has health probes',
    rule: {
      all: [
        { fact: 'kubernetes.probes.liveness', operator: 'equal', value: true },
        { fact: 'kubernetes.probes.readiness', operator: 'equal', value: true },
        ...(strict
          ? [
              {
                fact: 'kubernetes.restarts24h',
                operator: 'lessThan' as const,
                value: 10,
              },
            ]
          : []),
      ],
    },
    appliesTo: { type: 'service' },
  }),
  strict => ({
    id: 'resources',
    title: 'Has sensible resources',
    rule: {
      all: [
        {
          fact: 'kubernetes.resources.memoryLimitMi',
          operator: 'lessThanInclusive',
          value: strict ? 2048 : 4096,
        },
        {
          fact: 'kubernetes.resources.cpuRequestMillis',
          operator: 'greaterThan',
          value: 0,
        },
        {
          fact: 'kubernetes.containers.length',
          operator: 'lessThanInclusive',
          value: strict ? 2 : 3,
        },
        {
          fact: 'kubernetes.containers.0.image',
          operator: 'matches',
          value: '^registry\\.acme\\.io/',
        },
      ],
    },
    appliesTo: { type: 'service' },
  }),
  strict => ({
    id: 'disruption-budget',
    title: 'Has a PodDisruptionBudget',
    rule: {
      fact: 'kubernetes.podDisruptionBudget',
      operator: 'equal',
      value: true,
    },
    appliesTo: {
      tags: strict ? ['tier-1', 'tier-2'] : 'tier-1',
      type: 'service',
    },
  }),
  strict => ({
    id: 'coverage',
    title: 'Tests cover the code',
    rule: {
      fact: 'pushed.coverage.line',
      operator: 'greaterThanInclusive',
      value: strict ? 80 : 60,
    },
    messages: {
      pass: 'Line coverage is {{pushed.coverage.line}}%',
      fail: 'Line coverage is {{pushed.coverage.line}}%, below the bar',
    },
  }),
  strict => ({
    id: 'ci-health',
    title: 'CI is green',
    rule: {
      all: [
        {
          fact: 'pushed.ci.passRate',
          operator: 'greaterThanInclusive',
          value: strict ? 0.95 : 0.85,
        },
        { fact: 'pushed.ci.lastBuild', operator: 'equal', value: 'success' },
      ],
    },
  }),
  strict => ({
    id: 'quality-gate',
    title: 'Passes the quality gate',
    rule: {
      any: [
        { fact: 'pushed.sonar.qualityGate', operator: 'equal', value: 'OK' },
        {
          all: [
            {
              fact: 'pushed.sonar.bugs',
              operator: 'lessThan',
              value: strict ? 3 : 10,
            },
            {
              not: {
                fact: 'pushed.ci.lastBuild',
                operator: 'equal',
                value: 'failed',
              },
            },
          ],
        },
      ],
    },
    appliesTo: {
      annotations: strict ? { 'sonarqube.org/project-key': '*' } : undefined,
    },
  }),
  strict => ({
    id: 'framework-current',
    title: 'Uses a current framework',
    rule: strict
      ? {
          all: [
            {
              fact: 'pushed.frameworkVersion',
              operator: 'semverSatisfies',
              value: '^3.0.0',
            },
            {
              fact: 'pushed.dora.deploysPerWeek',
              operator: 'greaterThanInclusive',
              value: 1,
            },
            {
              fact: 'pushed.dora.leadTimeHours',
              operator: 'lessThan',
              value: 168,
            },
          ],
        }
      : {
          fact: 'pushed.frameworkVersion',
          operator: 'semverSatisfies',
          value: '^2.0.0 || ^3.0.0',
        },
    appliesTo: {
      owner: strict
        ? ['payments', 'group:default/checkout', 'identity']
        : undefined,
      kind: 'Component',
    },
  }),
];
