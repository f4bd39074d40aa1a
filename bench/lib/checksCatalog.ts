/* Benchmark checks over catalog and repository (scm) facts. */
import type { CheckTemplate } from './template';

/** Ownership, documentation, naming, lifecycle and repository hygiene checks. */
export const CATALOG_AND_SCM_CHECKS: CheckTemplate[] = [
  strict => ({
    id: 'has-owner',
    title: 'Has an owning team',
    category: 'ownership',
    rule: strict
      ? {
          all: [
            { fact: 'catalog.owner.exists', operator: 'equal', value: true },
            { fact: 'catalog.owner.kind', operator: 'equal', value: 'group' },
          ],
        }
      : { fact: 'catalog.owner.exists', operator: 'equal', value: true },
  }),
  strict => ({
    id: 'has-description',
    title: 'Has a description',
    rule: {
      fact: 'catalog.metadata.description',
      operator: 'exists',
      value: true,
    },
    appliesTo: strict ? undefined : { kind: 'Component' },
  }),
  strict => ({
    id: 'has-techdocs',
    title: 'Has TechDocs',
    rule: {
      fact: 'catalog.metadata.annotations.backstage.io/techdocs-ref',
      operator: 'exists',
    },
    appliesTo: {
      kind: strict ? ['Component', 'API'] : 'Component',
      not: { lifecycle: 'experimental' },
    },
    messages: {
      fail: '{{catalog.metadata.name}} has no backstage.io/techdocs-ref annotation',
    },
  }),
  strict => ({
    id: 'name-convention',
    title: 'Name is kebab-case',
    rule: {
      fact: 'catalog.metadata.name',
      operator: 'matches',
      value: strict ? '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' : '^[a-z][a-z0-9-]*$',
    },
  }),
  strict => ({
    id: 'known-lifecycle',
    title: 'Lifecycle is a known one',
    rule: {
      fact: 'catalog.spec.lifecycle',
      operator: 'in',
      value: strict
        ? ['production', 'staging']
        : ['production', 'staging', 'experimental'],
    },
  }),
  strict => ({
    id: 'not-deprecated',
    title: 'Is not deprecated',
    rule: strict
      ? {
          not: {
            any: [
              {
                fact: 'catalog.spec.lifecycle',
                operator: 'equal',
                value: 'deprecated',
              },
              {
                fact: 'catalog.metadata.tags',
                operator: 'contains',
                value: 'legacy',
              },
            ],
          },
        }
      : {
          not: {
            fact: 'catalog.spec.lifecycle',
            operator: 'equal',
            value: 'deprecated',
          },
        },
  }),
  strict => ({
    id: 'on-call',
    title: 'Has an on-call rotation',
    rule: {
      fact: 'catalog.metadata.annotations.pagerduty.com/service-id',
      operator: 'exists',
    },
    appliesTo: {
      type: 'service',
      lifecycle: strict ? ['production', 'staging'] : 'production',
    },
  }),
  strict => ({
    id: 'readme',
    title: 'Has a README',
    rule: strict
      ? {
          all: [
            {
              fact: 'scm.files.README.md.exists',
              operator: 'equal',
              value: true,
            },
            {
              fact: 'scm.files.CODEOWNERS.exists',
              operator: 'equal',
              value: true,
            },
          ],
        }
      : { fact: 'scm.files.README.md.exists', operator: 'equal', value: true },
  }),
  strict => ({
    id: 'ci-workflow',
    title: 'Builds in CI',
    rule: {
      fact: 'scm.files..github/workflows/ci.yml.exists',
      operator: 'equal',
      value: true,
    },
    appliesTo: strict ? undefined : { kind: 'Component' },
  }),
  strict => ({
    id: 'branch-protection',
    title: 'Default branch is protected',
    rule: {
      all: [
        { fact: 'scm.branchProtection', operator: 'equal', value: true },
        {
          fact: 'scm.defaultBranch',
          operator: strict ? 'equal' : 'in',
          value: strict ? 'main' : ['main', 'master'],
        },
      ],
    },
  }),
  strict => ({
    id: 'python-runtime',
    title: 'Runs a supported Python',
    rule: {
      all: [
        {
          fact: 'scm.runtime.python',
          operator: 'semverSatisfies',
          value: strict ? '>=3.12' : '>=3.10',
        },
        {
          fact: 'scm.files.pyproject.toml.exists',
          operator: 'equal',
          value: true,
        },
      ],
    },
    appliesTo: { tags: 'python' },
  }),
  strict => ({
    id: 'node-runtime',
    title: 'Runs a supported Node.js',
    rule: {
      fact: 'scm.runtime.node',
      operator: 'semverSatisfies',
      value: strict ? '^22' : '>=20 <23',
    },
    appliesTo: { tags: 'typescript' },
  }),
  strict => ({
    id: 'no-critical-vulnerabilities',
    title: 'No critical vulnerabilities',
    rule: strict
      ? {
          all: [
            {
              fact: 'scm.dependencies.vulnerable.critical',
              operator: 'equal',
              value: 0,
            },
            {
              fact: 'scm.dependencies.vulnerable.high',
              operator: 'lessThanInclusive',
              value: 2,
            },
          ],
        }
      : {
          fact: 'scm.dependencies.vulnerable.critical',
          operator: 'lessThan',
          value: 1,
        },
  }),
  strict => ({
    id: 'dependencies-fresh',
    title: 'Dependencies are up to date',
    rule: {
      fact: 'scm.dependencies.outdated',
      operator: 'lessThanInclusive',
      value: strict ? 5 : 20,
    },
    messages: {
      fail: '{{scm.dependencies.outdated}} of {{scm.dependencies.count}} dependencies are outdated',
    },
  }),
  strict => ({
    id: 'recently-maintained',
    title: 'Committed to recently',
    rule: {
      fact: 'scm.lastCommitDaysAgo',
      operator: 'lessThan',
      value: strict ? 90 : 180,
    },
    appliesTo: { not: { lifecycle: 'deprecated' } },
  }),
];
