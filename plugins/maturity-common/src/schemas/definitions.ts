import { RULE_OPERATORS } from '../kinds';
import {
  DATE_PATTERN,
  DURATION_PATTERN,
  FACT_REF_PATTERN,
  JsonSchema,
  idSchema,
  ref,
  text,
} from './jsonSchema';

/**
 * Definitions shared by the three kinds. Each generated schema file copies the ones it reaches, so that
 * an editor only ever has to load one file.
 */
export const sharedDefinitions: Record<string, JsonSchema> = {
  id: idSchema(
    'An identifier: lowercase letters and digits, words separated by single dashes.',
    ['has-owner', 'bronze', 'green-light'],
  ),
  date: {
    type: 'string',
    description: 'An ISO date, `YYYY-MM-DD`.',
    pattern: DATE_PATTERN,
    patternErrorMessage: 'must be a date YYYY-MM-DD (e.g. "2026-03-31")',
    examples: ['2026-03-31'],
  },
  duration: {
    type: 'string',
    description:
      'An ISO 8601 duration: `P` then years, months, weeks, days (`P7D`, `P1M`), optionally `T` then hours, minutes, seconds (`PT12H`).',
    pattern: DURATION_PATTERN,
    patternErrorMessage:
      'must be an ISO 8601 duration such as "P7D", "P2W", "P1M" or "PT12H"',
    examples: ['P7D', 'P2W', 'P90D', 'PT12H'],
  },
  entityRef: text(
    'An entity reference `kind:namespace/name`; the kind and namespace may be left out where a default applies.',
    ['group:default/platform', 'platform'],
  ),
  stringOrStrings: {
    description:
      'One value or a list of values; a list matches when any of its values matches.',
    anyOf: [
      { type: 'string', description: 'One value.', minLength: 1 },
      {
        type: 'array',
        description: 'Several values: any of them matches.',
        minItems: 1,
        items: { type: 'string', minLength: 1 },
      },
    ],
  },
  entityFilter: {
    type: 'object',
    description:
      'A catalog-style filter choosing entities. Every field that is present must match (AND); a field given as a list matches when any of its values matches (OR). Names are compared case-insensitively, as the catalog does.',
    additionalProperties: false,
    properties: {
      kind: ref(
        'stringOrStrings',
        'Entity kinds, e.g. `Component`, `API`, `System`, `Group`.',
      ),
      type: ref(
        'stringOrStrings',
        '`spec.type`, e.g. `service`, `website`, `library`.',
      ),
      lifecycle: ref(
        'stringOrStrings',
        '`spec.lifecycle`, e.g. `production`, `experimental`.',
      ),
      tags: ref(
        'stringOrStrings',
        'The entity has at least one of these `metadata.tags`.',
      ),
      owner: ref(
        'stringOrStrings',
        'Owner entity refs (`group:default/payments`) or names (`payments`).',
      ),
      system: ref(
        'stringOrStrings',
        'System entity refs or names (`spec.system`).',
      ),
      annotations: {
        type: 'object',
        description:
          'Annotations the entity must carry: a value of `"*"` only requires the annotation to be present, any other value must be equal.',
        additionalProperties: { type: 'string' },
        examples: [{ 'backstage.io/techdocs-ref': '*' }],
      },
      not: ref('entityFilter', 'Entities matching this filter are excluded.'),
    },
    examples: [
      { kind: 'Component', type: ['service', 'website'] },
      { kind: 'Component', lifecycle: 'production', not: { tags: 'legacy' } },
    ],
  },
  rule: {
    description:
      'A rule tree over facts: `all` (every nested rule passes), `any` (at least one passes), `not` (the nested rule fails), or a condition comparing one fact with a value.',
    anyOf: [
      ref('allRule'),
      ref('anyRule'),
      ref('notRule'),
      ref('ruleCondition'),
    ],
    examples: [
      { fact: 'catalog.spec.owner', operator: 'exists' },
      {
        all: [
          {
            fact: 'catalog.spec.lifecycle',
            operator: 'equal',
            value: 'production',
          },
          {
            fact: 'kubernetes.replicas.desired',
            operator: 'greaterThanInclusive',
            value: 2,
          },
        ],
      },
    ],
  },
  allRule: {
    type: 'object',
    description: 'All nested rules must pass.',
    required: ['all'],
    additionalProperties: false,
    properties: {
      all: {
        type: 'array',
        description: 'The rules that must all pass.',
        minItems: 1,
        items: ref('rule'),
      },
    },
  },
  anyRule: {
    type: 'object',
    description: 'At least one nested rule must pass.',
    required: ['any'],
    additionalProperties: false,
    properties: {
      any: {
        type: 'array',
        description: 'The rules of which at least one must pass.',
        minItems: 1,
        items: ref('rule'),
      },
    },
  },
  notRule: {
    type: 'object',
    description: 'The nested rule must fail.',
    required: ['not'],
    additionalProperties: false,
    properties: {
      not: ref('rule', 'The rule that must not pass.'),
    },
  },
  ruleCondition: {
    type: 'object',
    description:
      'A leaf of a rule: compares one fact with a value. `equal`/`notEqual`: deep equality; `lessThan(Inclusive)`/`greaterThan(Inclusive)`: numeric comparison with a number; `in`: the fact is one of the values of a list; `contains`: the fact (a list or a string) contains the value; `matches`: the fact matches a regular expression; `exists`: the fact is present (`true`, the default) or absent (`false`); `semverSatisfies`: the fact (a version) satisfies a semver range.',
    required: ['fact', 'operator'],
    additionalProperties: false,
    properties: {
      fact: {
        type: 'string',
        description:
          'The fact reference `<source>.<path>`, e.g. `catalog.spec.owner` or `kubernetes.replicas.desired`.',
        pattern: FACT_REF_PATTERN,
        patternErrorMessage:
          'must be a fact reference <source>.<path> (e.g. "catalog.spec.owner")',
        examples: [
          'catalog.spec.owner',
          'kubernetes.replicas.desired',
          'scm.files.pyproject.toml.exists',
        ],
      },
      operator: {
        type: 'string',
        description: 'How the fact is compared with `value`.',
        enum: [...RULE_OPERATORS],
      },
      value: {
        description:
          'The value compared against; its type depends on the operator: a number for the numeric operators, a list for `in`, a regular expression for `matches`, a semver range for `semverSatisfies`, a boolean (or nothing) for `exists`.',
        examples: [
          'production',
          2,
          ['python', 'go'],
          '^v[0-9]+',
          '>=3.11',
          true,
        ],
      },
    },
  },
  checkMessages: {
    type: 'object',
    description:
      'Messages shown to owners when a check passes or fails; `{{fact}}` placeholders are filled in.',
    additionalProperties: false,
    properties: {
      pass: text('Shown when the check passes.'),
      fail: text('Shown when the check fails.', [
        'Replicas: {{kubernetes.replicas.desired}}; run at least 2.',
      ]),
    },
  },
  checkReference: {
    type: 'object',
    description:
      'A reference to a check of a Scorecard or Campaign, by entity ref (or name) and check id. Name exactly one of `scorecard` or `campaign`.',
    required: ['check'],
    additionalProperties: false,
    properties: {
      scorecard: text(
        'A Scorecard entity ref or name (`scorecard:default/service-maturity` or `service-maturity`).',
        ['service-maturity'],
      ),
      campaign: text('A Campaign entity ref or name.', ['python-3-12']),
      check: ref('id', 'The id of the check inside that entity.'),
    },
  },
};

/** The properties every check has, whether it lives in a Scorecard or a Campaign (`CheckBase`). */
export function checkBaseProperties(): Record<string, JsonSchema> {
  return {
    id: ref(
      'id',
      'Identifier, unique within its Scorecard or Campaign: lowercase letters, digits and dashes.',
    ),
    title: text('Short human title, e.g. "Has an owning team".', [
      'Has an owning team',
    ]),
    description: text('Why this check matters (markdown).'),
    category: ref('id', "Category id, one of the Scorecard's categories."),
    rule: ref('rule', 'The rule deciding pass or fail.'),
    appliesTo: ref(
      'entityFilter',
      'Only entities matching this filter are checked; others are `not-applicable`.',
    ),
    appliesWhen: ref(
      'rule',
      "A rule over the entity's facts that must pass for the check to apply (e.g. `kubernetes.found` equal `true`); when it fails or a fact is missing, the check is `not-applicable`.",
    ),
    remediation: text('What to do to make the check pass (markdown).'),
    messages: ref('checkMessages', 'Pass and fail messages.'),
    effectiveFrom: ref(
      'date',
      'The check counts from this date on (ISO date); before it, it is evaluated but never fails a level.',
    ),
  };
}
