import { JsonSchema, flag, ref, text } from './jsonSchema';
import { checkBaseProperties } from './definitions';

const owner = (what: string) =>
  ref(
    'entityRef',
    `The owning Group entity ref of the ${what}, e.g. \`group:default/platform\` or \`platform\`.`,
  );

const namedItem = (
  description: string,
  idDescription: string,
  extra: Record<string, JsonSchema>,
  required: string[] = [],
): JsonSchema => ({
  type: 'object',
  description,
  required: ['id', 'title', ...required],
  additionalProperties: false,
  properties: {
    id: ref('id', idDescription),
    title: text('Display name.'),
    description: text('What it means or covers.'),
    ...extra,
  },
});

/** The definitions specific to the Scorecard kind. */
export const scorecardDefinitions: Record<string, JsonSchema> = {
  scorecardSpec: {
    type: 'object',
    description: 'The spec of a Scorecard.',
    required: ['owner', 'levels', 'categories', 'checks'],
    additionalProperties: false,
    properties: {
      owner: owner('Scorecard'),
      appliesTo: ref(
        'entityFilter',
        'Entities the Scorecard rates (defaults to every Component).',
      ),
      levels: {
        type: 'array',
        description:
          'Ordered levels, lowest first. An entity is at a level when every check of it and below passes.',
        minItems: 1,
        items: ref('scorecardLevel'),
      },
      categories: {
        type: 'array',
        description: 'Categories checks are grouped in.',
        items: ref('scorecardCategory'),
      },
      checks: {
        type: 'array',
        description:
          'The checks. Checks of completed Campaigns join at the level their `onCompletion.promoteTo` names (the ratchet is declared only there).',
        items: ref('scorecardCheck'),
      },
    },
  },
  scorecardLevel: namedItem(
    'A maturity level; a Scorecard lists them from lowest to highest.',
    'Identifier referenced by checks, e.g. `bronze`.',
    {
      color: text('A CSS colour for the badge, e.g. `#cd7f32`.', ['#cd7f32']),
    },
  ),
  scorecardCategory: namedItem(
    'A category groups checks across levels (Ownership, Security, …).',
    'Identifier referenced by checks, e.g. `security`.',
    {},
  ),
  scorecardCheck: {
    type: 'object',
    description:
      'A check inside a Scorecard: it belongs to exactly one level and one category.',
    required: ['id', 'title', 'level', 'category', 'rule'],
    additionalProperties: false,
    properties: {
      ...checkBaseProperties(),
      level: ref('id', 'Level id at which the check is required.'),
      category: ref('id', "Category id, one of the Scorecard's categories."),
    },
  },
};

/** The definitions specific to the Campaign kind. */
export const campaignDefinitions: Record<string, JsonSchema> = {
  campaignSpec: {
    type: 'object',
    description: 'The spec of a Campaign.',
    required: ['owner', 'brief', 'targets', 'checks', 'startDate', 'dueDate'],
    additionalProperties: false,
    properties: {
      owner: owner('Campaign'),
      brief: text(
        'Why, what and how (markdown): shown on the campaign page and in reminders.',
      ),
      targets: ref('entityFilter', 'The entities the campaign targets.'),
      checks: {
        type: 'array',
        description:
          'The checks each target must pass: own checks (`id`, `title`, `rule`, …) or references to existing checks (`ref`).',
        minItems: 1,
        items: ref('campaignCheck'),
      },
      startDate: ref(
        'date',
        'When the campaign starts (ISO date, `YYYY-MM-DD`).',
      ),
      dueDate: ref(
        'date',
        'When every target should pass (ISO date, after `startDate`).',
      ),
      reminders: ref('campaignReminders', 'Reminder cadence.'),
      onCompletion: ref('campaignCompletion', 'What happens on completion.'),
      draft: flag(
        'A draft campaign is visible but sends no reminders and has no effect.',
        false,
      ),
    },
  },
  campaignCheck: {
    description:
      'A Campaign check: either its own check, or a reference to a check of a Scorecard or Campaign.',
    anyOf: [ref('campaignOwnCheck'), ref('campaignCheckReference')],
  },
  campaignOwnCheck: {
    type: 'object',
    description: 'A check defined by the Campaign itself.',
    required: ['id', 'title', 'rule'],
    additionalProperties: false,
    properties: checkBaseProperties(),
  },
  campaignCheckReference: {
    type: 'object',
    description: 'A Campaign check that reuses an existing check.',
    required: ['ref'],
    additionalProperties: false,
    properties: {
      ref: ref('checkReference', 'The referenced check.'),
    },
  },
  campaignReminders: {
    type: 'object',
    description: 'When owners of failing entities are reminded.',
    required: ['every'],
    additionalProperties: false,
    properties: {
      every: ref(
        'duration',
        'How often owners of failing entities are reminded while the campaign runs (ISO 8601 duration, e.g. `P7D`).',
      ),
      beforeDue: {
        type: 'array',
        description:
          'Extra reminders this long before the due date (ISO 8601 durations, e.g. `[P7D, P1D]`).',
        uniqueItems: true,
        items: ref('duration'),
      },
      afterDue: flag(
        'Keep reminding after the due date while entities still fail (default true).',
        true,
      ),
    },
  },
  campaignCompletion: {
    type: 'object',
    description: 'What happens when the campaign completes.',
    additionalProperties: false,
    properties: {
      promoteTo: {
        type: 'object',
        description:
          "The ratchet: on completion the campaign's checks join this Scorecard level (the only place a promotion is declared).",
        required: ['scorecard', 'level'],
        additionalProperties: false,
        properties: {
          scorecard: text('The Scorecard entity ref or name.', [
            'service-maturity',
          ]),
          level: ref('id', 'The level id the checks become required at.'),
          category: ref('id', 'The category id they are shown under.'),
        },
      },
      when: {
        type: 'string',
        description:
          '`allPass` (default): the campaign completes when every target passes every check; past the due date with targets not done it is delayed. `dueDate`: it completes on the day after the due date, whatever is done.',
        enum: ['allPass', 'dueDate'],
      },
    },
  },
};

/** The definitions specific to the Checklist kind. */
export const checklistDefinitions: Record<string, JsonSchema> = {
  checklistSpec: {
    type: 'object',
    description: 'The spec of a Checklist.',
    required: ['owner', 'phases', 'areas', 'reviewers'],
    additionalProperties: false,
    properties: {
      owner: owner('Checklist'),
      appliesTo: ref(
        'entityFilter',
        'Entities the checklist applies to (defaults to every Component).',
      ),
      phases: {
        type: 'array',
        description: 'Ordered phases.',
        minItems: 1,
        items: ref('checklistPhase'),
      },
      areas: {
        type: 'array',
        description: 'The areas and their items.',
        minItems: 1,
        items: ref('checklistArea'),
      },
      reviewers: ref('checklistReviewers', 'Who signs off.'),
    },
  },
  checklistPhase: namedItem(
    'A phase of a launch, e.g. playground → green-light → ready-for-production; listed in order.',
    'Identifier referenced by items, e.g. `green-light`.',
    {
      signOffRequired: flag(
        'A reviewer sign-off is needed to enter this phase (a reviewer can veto).',
        false,
      ),
    },
  ),
  checklistArea: namedItem(
    'An area of the checklist (Deployment, Testing, …).',
    'Identifier, e.g. `deployment`.',
    {
      items: {
        type: 'array',
        description: 'The items of the area.',
        minItems: 1,
        items: ref('checklistItem'),
      },
    },
    ['items'],
  ),
  checklistItem: {
    type: 'object',
    description: 'One question or requirement of the checklist.',
    required: ['id', 'prompt', 'requiredFor'],
    additionalProperties: false,
    properties: {
      id: ref('id', 'Identifier, unique within the checklist.'),
      prompt: text(
        'The question the team answers, e.g. "How do you plan to implement HA?".',
      ),
      guidance: text('How to answer well, what reviewers look for (markdown).'),
      requiredFor: ref(
        'id',
        'The first phase in which this item must be answered (a phase id).',
      ),
      evidenceRequired: flag(
        'An answer must carry evidence (a link or a document).',
        false,
      ),
      reattestEvery: ref(
        'duration',
        'An answer expires after this long and must be re-attested (ISO 8601 duration, e.g. `P90D`).',
      ),
      answeredBy: ref(
        'checkReference',
        'A check that answers this item automatically: when it passes, the item is answered.',
      ),
    },
  },
  checklistReviewers: {
    type: 'object',
    description: 'Who signs off a readiness review.',
    required: ['group'],
    additionalProperties: false,
    properties: {
      group: ref('entityRef', 'The reviewing Group entity ref.'),
      requiredApprovals: {
        type: 'integer',
        description:
          'How many distinct reviewers must approve (default 1); any single reviewer can veto.',
        minimum: 1,
        default: 1,
      },
    },
  },
};
