// The OpenAPI spec of openapi.yaml as a typed constant, and the typed router over it. Written in the
// shape `backstage-repo-tools package schema openapi generate --server` produces (the tool is not
// installed here); openapi.test.ts fails whenever this constant and openapi.yaml differ.
import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import type { EndpointMap } from './endpoints';

/** The maturity API's OpenAPI document. */
export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'maturity',
    version: '1',
    description:
      "Ratchet's maturity engine: scorecards, entity results and levels, check details, roll-ups, history, exemptions, on-demand evaluation, a CI gate and pushed facts. Reads follow what the caller may see in the catalog; writes are permission-checked.",
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
    contact: {},
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    examples: {},
    headers: {},
    parameters: {
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      checkId: {
        name: 'checkId',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      exemptionId: {
        name: 'id',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
        },
      },
      days: {
        name: 'days',
        in: 'query',
        required: false,
        description: 'How many days back, today included (default 90).',
        schema: {
          type: 'integer',
          minimum: 1,
          maximum: 365,
        },
      },
      ownerFilter: {
        name: 'owner',
        in: 'query',
        required: false,
        description:
          'Only entities owned by this group (a ref or name), resolved from the catalog like `catalog.owner.ref`.',
        schema: {
          type: 'string',
        },
      },
      systemFilter: {
        name: 'system',
        in: 'query',
        required: false,
        description:
          'Only entities of this system (a ref or name), resolved from the catalog.',
        schema: {
          type: 'string',
        },
      },
      lifecycleFilter: {
        name: 'lifecycle',
        in: 'query',
        required: false,
        description:
          'Only entities with this `spec.lifecycle` (case-insensitive).',
        schema: {
          type: 'string',
        },
      },
      kindFilter: {
        name: 'kind',
        in: 'query',
        required: false,
        description: 'Only entities of this kind (case-insensitive).',
        schema: {
          type: 'string',
        },
      },
    },
    requestBodies: {},
    responses: {
      ErrorResponse: {
        description: 'An error response from the backend.',
        content: {
          'application/json; charset=utf-8': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
            required: ['method', 'url'],
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'number',
              },
            },
            required: ['statusCode'],
          },
        },
        required: ['error', 'request', 'response'],
      },
      CheckStatus: {
        type: 'string',
        enum: ['pass', 'fail', 'error', 'not-applicable', 'exempt'],
      },
      ResultStatus: {
        type: 'string',
        description:
          'A check status, or `pending` when the check has not been evaluated for the entity yet.',
        enum: ['pass', 'fail', 'error', 'not-applicable', 'exempt', 'pending'],
      },
      StatusCounts: {
        type: 'object',
        properties: {
          pass: {
            type: 'integer',
          },
          fail: {
            type: 'integer',
          },
          error: {
            type: 'integer',
          },
          'not-applicable': {
            type: 'integer',
          },
          exempt: {
            type: 'integer',
          },
        },
        required: ['pass', 'fail', 'error', 'not-applicable', 'exempt'],
      },
      FailingCondition: {
        type: 'object',
        description:
          'The condition of the rule that decided a failure or could not be evaluated.',
        properties: {
          path: {
            type: 'string',
          },
          fact: {
            type: 'string',
          },
          operator: {
            type: 'string',
          },
          expected: {},
          actual: {},
        },
        required: ['path', 'fact', 'operator'],
      },
      Level: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          color: {
            type: 'string',
          },
        },
        required: ['id', 'title'],
      },
      Category: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
        },
        required: ['id', 'title'],
      },
      LevelReached: {
        type: 'object',
        description:
          'The level an entity reached; id and title are null below the first level (index -1).',
        properties: {
          id: {
            type: 'string',
            nullable: true,
          },
          title: {
            type: 'string',
            nullable: true,
          },
          index: {
            type: 'integer',
          },
        },
        required: ['id', 'title', 'index'],
      },
      LevelCount: {
        type: 'object',
        description:
          'How many entities are at a level; level null counts those below the first level.',
        properties: {
          level: {
            type: 'string',
            nullable: true,
          },
          count: {
            type: 'integer',
          },
        },
        required: ['level', 'count'],
      },
      ScorecardSummary: {
        type: 'object',
        properties: {
          ref: {
            type: 'string',
          },
          namespace: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          levels: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Level',
            },
          },
          categories: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Category',
            },
          },
          checkCount: {
            type: 'integer',
          },
          entityCount: {
            type: 'integer',
            description: 'Rated entities the caller can see.',
          },
          distribution: {
            type: 'array',
            description:
              'Level counts over the rated entities the caller can see, `none` first.',
            items: {
              $ref: '#/components/schemas/LevelCount',
            },
          },
        },
        required: [
          'ref',
          'namespace',
          'name',
          'title',
          'owner',
          'levels',
          'categories',
          'checkCount',
          'entityCount',
          'distribution',
        ],
      },
      CheckDefinition: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          level: {
            type: 'string',
          },
          category: {
            type: 'string',
          },
          remediation: {
            type: 'string',
          },
          rule: {
            type: 'object',
            description: 'The rule tree as authored.',
          },
          ruleText: {
            type: 'string',
            description: 'The rule tree as indented readable text.',
          },
          appliesTo: {
            type: 'object',
            description: "The check's entity filter, when it has one.",
          },
          effectiveFrom: {
            type: 'string',
          },
          fromCampaign: {
            type: 'string',
            description:
              'For checks ratcheted in from a completed campaign, its ref.',
          },
          problems: {
            type: 'array',
            description:
              'Conditions that cannot be evaluated (they evaluate to error).',
            items: {
              type: 'string',
            },
          },
        },
        required: ['id', 'title', 'rule', 'ruleText', 'problems'],
      },
      ScorecardDetail: {
        allOf: [
          {
            $ref: '#/components/schemas/ScorecardSummary',
          },
          {
            type: 'object',
            properties: {
              appliesTo: {
                type: 'object',
              },
              checks: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/CheckDefinition',
                },
              },
            },
            required: ['checks'],
          },
        ],
      },
      ExemptionStatus: {
        type: 'string',
        enum: ['requested', 'approved', 'denied', 'revoked'],
      },
      Exemption: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          definitionRef: {
            type: 'string',
          },
          checkId: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          requestedBy: {
            type: 'string',
          },
          requestedAt: {
            type: 'string',
            format: 'date-time',
          },
          status: {
            $ref: '#/components/schemas/ExemptionStatus',
          },
          decidedBy: {
            type: 'string',
          },
          decidedAt: {
            type: 'string',
            format: 'date-time',
          },
          decisionComment: {
            type: 'string',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
          active: {
            type: 'boolean',
            description: 'Approved and not expired now.',
          },
        },
        required: [
          'id',
          'entityRef',
          'definitionRef',
          'checkId',
          'reason',
          'requestedBy',
          'requestedAt',
          'status',
          'active',
        ],
      },
      ExemptionPage: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Exemption',
            },
          },
          total: {
            type: 'integer',
            description: 'The exemptions the caller can see in all pages.',
          },
          limit: {
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          nextOffset: {
            type: 'integer',
            nullable: true,
          },
        },
        required: ['items', 'total', 'limit', 'offset', 'nextOffset'],
      },
      CheckResultView: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          level: {
            type: 'string',
          },
          category: {
            type: 'string',
          },
          remediation: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/ResultStatus',
          },
          message: {
            type: 'string',
          },
          failing: {
            $ref: '#/components/schemas/FailingCondition',
          },
          since: {
            type: 'string',
            format: 'date-time',
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
          },
          effective: {
            type: 'boolean',
            description:
              "False before the check's effectiveFrom date; such a check never costs a level.",
          },
          exemption: {
            $ref: '#/components/schemas/Exemption',
          },
        },
        required: ['id', 'title', 'status', 'message', 'effective'],
      },
      BlockingCheck: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          level: {
            type: 'string',
          },
          category: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/ResultStatus',
          },
          message: {
            type: 'string',
          },
          remediation: {
            type: 'string',
          },
        },
        required: ['id', 'title', 'level', 'status', 'message'],
      },
      NextLevel: {
        type: 'object',
        description:
          'The next level and the checks of it and below that stand in the way.',
        properties: {
          level: {
            $ref: '#/components/schemas/Level',
          },
          index: {
            type: 'integer',
          },
          blocking: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BlockingCheck',
            },
          },
        },
        required: ['level', 'index', 'blocking'],
      },
      ResultCounts: {
        type: 'object',
        properties: {
          passed: {
            type: 'integer',
          },
          failed: {
            type: 'integer',
          },
          errored: {
            type: 'integer',
          },
          total: {
            type: 'integer',
          },
        },
        required: ['passed', 'failed', 'errored', 'total'],
      },
      EntityScorecard: {
        type: 'object',
        properties: {
          ref: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          evaluated: {
            type: 'boolean',
            description:
              'False until the entity has been evaluated against this scorecard.',
          },
          level: {
            $ref: '#/components/schemas/LevelReached',
          },
          levels: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Level',
            },
          },
          categories: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Category',
            },
          },
          counts: {
            $ref: '#/components/schemas/ResultCounts',
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CheckResultView',
            },
          },
          nextLevel: {
            type: 'object',
            allOf: [
              {
                $ref: '#/components/schemas/NextLevel',
              },
            ],
            nullable: true,
          },
        },
        required: [
          'ref',
          'title',
          'evaluated',
          'level',
          'levels',
          'categories',
          'counts',
          'checks',
          'nextLevel',
        ],
      },
      EntityCampaign: {
        type: 'object',
        properties: {
          ref: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          startDate: {
            type: 'string',
          },
          dueDate: {
            type: 'string',
          },
          counts: {
            $ref: '#/components/schemas/ResultCounts',
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CheckResultView',
            },
          },
        },
        required: ['ref', 'title', 'startDate', 'dueDate', 'counts', 'checks'],
      },
      EntityView: {
        type: 'object',
        properties: {
          entityRef: {
            type: 'string',
          },
          scorecards: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityScorecard',
            },
          },
          campaigns: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityCampaign',
            },
          },
        },
        required: ['entityRef', 'scorecards', 'campaigns'],
      },
      CheckEntity: {
        type: 'object',
        properties: {
          entityRef: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/CheckStatus',
          },
          message: {
            type: 'string',
          },
          failing: {
            $ref: '#/components/schemas/FailingCondition',
          },
          since: {
            type: 'string',
            format: 'date-time',
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: ['entityRef', 'status', 'message', 'since', 'evaluatedAt'],
      },
      CheckDetail: {
        type: 'object',
        properties: {
          scorecardRef: {
            type: 'string',
          },
          check: {
            $ref: '#/components/schemas/CheckDefinition',
          },
          counts: {
            $ref: '#/components/schemas/StatusCounts',
          },
          passRate: {
            type: 'number',
            nullable: true,
            description:
              '(pass + exempt) / (pass + exempt + fail + error) over visible entities; null when none counts.',
          },
          entities: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  $ref: '#/components/schemas/CheckEntity',
                },
              },
              total: {
                type: 'integer',
              },
              limit: {
                type: 'integer',
              },
              offset: {
                type: 'integer',
              },
              nextOffset: {
                type: 'integer',
                nullable: true,
              },
            },
            required: ['items', 'total', 'limit', 'offset', 'nextOffset'],
          },
        },
        required: ['scorecardRef', 'check', 'counts', 'passRate', 'entities'],
      },
      CategoryShare: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          passed: {
            type: 'integer',
            description: 'Results that pass or are exempt.',
          },
          total: {
            type: 'integer',
            description:
              'Results that pass, are exempt, fail or error (not-applicable ones are left out).',
          },
          share: {
            type: 'number',
            nullable: true,
          },
        },
        required: ['id', 'passed', 'total', 'share'],
      },
      RollupGroup: {
        type: 'object',
        properties: {
          key: {
            type: 'string',
            nullable: true,
            description:
              'The owner, system or domain ref, `org` for the whole organisation, null for entities without one.',
          },
          entityCount: {
            type: 'integer',
          },
          distribution: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/LevelCount',
            },
          },
          categories: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CategoryShare',
            },
          },
        },
        required: ['key', 'entityCount', 'distribution', 'categories'],
      },
      Rollup: {
        type: 'object',
        properties: {
          scorecardRef: {
            type: 'string',
          },
          groupBy: {
            type: 'string',
            enum: ['owner', 'system', 'domain', 'org'],
          },
          levels: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Level',
            },
          },
          categories: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Category',
            },
          },
          groups: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/RollupGroup',
            },
          },
        },
        required: ['scorecardRef', 'groupBy', 'levels', 'categories', 'groups'],
      },
      ScorecardEntity: {
        type: 'object',
        description:
          'An entity rated by a scorecard, with its level, for rankings and team views.',
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
            nullable: true,
          },
          system: {
            type: 'string',
            nullable: true,
          },
          lifecycle: {
            type: 'string',
            nullable: true,
          },
          level: {
            $ref: '#/components/schemas/LevelReached',
          },
          counts: {
            $ref: '#/components/schemas/ResultCounts',
          },
        },
        required: [
          'entityRef',
          'owner',
          'system',
          'lifecycle',
          'level',
          'counts',
        ],
      },
      ScorecardEntityPage: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardEntity',
            },
          },
          total: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          nextOffset: {
            type: 'integer',
            nullable: true,
          },
        },
        required: ['items', 'total', 'limit', 'offset', 'nextOffset'],
      },
      ScorecardCheckCounts: {
        type: 'object',
        description:
          'A check of a scorecard with its result counts over the entities asked for.',
        properties: {
          checkId: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          level: {
            type: 'string',
          },
          category: {
            type: 'string',
          },
          counts: {
            $ref: '#/components/schemas/StatusCounts',
          },
          failing: {
            type: 'integer',
            description: 'fail + error.',
          },
          passRate: {
            type: 'number',
            nullable: true,
            description:
              '(pass + exempt) / (pass + exempt + fail + error); null when none counts.',
          },
        },
        required: ['checkId', 'title', 'counts', 'failing', 'passRate'],
      },
      ScorecardCheckPage: {
        type: 'object',
        properties: {
          scorecardRef: {
            type: 'string',
          },
          entityCount: {
            type: 'integer',
            description:
              'The visible rated entities passing the filters, which the counts are over.',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardCheckCounts',
            },
          },
          total: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          nextOffset: {
            type: 'integer',
            nullable: true,
          },
        },
        required: [
          'scorecardRef',
          'entityCount',
          'items',
          'total',
          'limit',
          'offset',
          'nextOffset',
        ],
      },
      ScorecardHistory: {
        type: 'object',
        properties: {
          scorecardRef: {
            type: 'string',
          },
          days: {
            type: 'integer',
          },
          points: {
            type: 'array',
            description:
              'One point per day that has a snapshot, oldest first, plus today from the current levels when today has no snapshot yet.',
            items: {
              type: 'object',
              properties: {
                day: {
                  type: 'string',
                },
                distribution: {
                  type: 'array',
                  items: {
                    $ref: '#/components/schemas/LevelCount',
                  },
                },
              },
              required: ['day', 'distribution'],
            },
          },
        },
        required: ['scorecardRef', 'days', 'points'],
      },
      Transition: {
        type: 'object',
        properties: {
          checkId: {
            type: 'string',
          },
          fromStatus: {
            type: 'string',
            allOf: [
              {
                $ref: '#/components/schemas/CheckStatus',
              },
            ],
            nullable: true,
          },
          toStatus: {
            $ref: '#/components/schemas/CheckStatus',
          },
          message: {
            type: 'string',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
        },
        required: ['checkId', 'fromStatus', 'toStatus', 'message', 'at'],
      },
      EntityHistory: {
        type: 'object',
        properties: {
          entityRef: {
            type: 'string',
          },
          scorecardRef: {
            type: 'string',
          },
          days: {
            type: 'integer',
          },
          snapshots: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                day: {
                  type: 'string',
                },
                level: {
                  type: 'string',
                  nullable: true,
                },
                levelIndex: {
                  type: 'integer',
                },
                passed: {
                  type: 'integer',
                },
                total: {
                  type: 'integer',
                },
              },
              required: ['day', 'level', 'levelIndex', 'passed', 'total'],
            },
          },
          transitions: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Transition',
            },
          },
        },
        required: [
          'entityRef',
          'scorecardRef',
          'days',
          'snapshots',
          'transitions',
        ],
      },
      CheckHistory: {
        type: 'object',
        properties: {
          scorecardRef: {
            type: 'string',
          },
          checkId: {
            type: 'string',
          },
          days: {
            type: 'integer',
          },
          points: {
            type: 'array',
            description:
              'One point per day, oldest first, as the state was at the end of that day (today = now).',
            items: {
              type: 'object',
              properties: {
                day: {
                  type: 'string',
                },
                passed: {
                  type: 'integer',
                },
                failed: {
                  type: 'integer',
                },
                total: {
                  type: 'integer',
                },
                passRate: {
                  type: 'number',
                  nullable: true,
                },
              },
              required: ['day', 'passed', 'failed', 'total', 'passRate'],
            },
          },
        },
        required: ['scorecardRef', 'checkId', 'days', 'points'],
      },
      GateReason: {
        type: 'object',
        properties: {
          checkId: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          level: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/ResultStatus',
          },
          message: {
            type: 'string',
          },
          remediation: {
            type: 'string',
          },
        },
        required: ['checkId', 'title', 'level', 'status', 'message'],
      },
      GateResult: {
        type: 'object',
        properties: {
          pass: {
            type: 'boolean',
          },
          entityRef: {
            type: 'string',
          },
          scorecardRef: {
            type: 'string',
          },
          level: {
            $ref: '#/components/schemas/LevelReached',
          },
          required: {
            $ref: '#/components/schemas/LevelReached',
          },
          reasons: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/GateReason',
            },
          },
        },
        required: [
          'pass',
          'entityRef',
          'scorecardRef',
          'level',
          'required',
          'reasons',
        ],
      },
      FactsPushItem: {
        type: 'object',
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
            description:
              'A full entity ref, e.g. `component:default/payment-gateway`.',
          },
          source: {
            type: 'string',
            minLength: 1,
            maxLength: 100,
            description: 'The id of a registered fact source, or `pushed`.',
          },
          facts: {
            type: 'object',
            description:
              "The facts, validated against the source's JSON Schema.",
          },
          observedAt: {
            type: 'string',
            format: 'date-time',
            description:
              'When the facts were observed; at most 5 minutes in the future.',
          },
        },
        required: ['entityRef', 'source', 'facts'],
      },
      FactsPushRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          items: {
            type: 'array',
            minItems: 1,
            maxItems: 1000,
            items: {
              $ref: '#/components/schemas/FactsPushItem',
            },
          },
        },
        required: ['items'],
      },
      FactsPushResponse: {
        type: 'object',
        properties: {
          accepted: {
            type: 'integer',
          },
          changed: {
            type: 'integer',
          },
          unchanged: {
            type: 'integer',
          },
        },
        required: ['accepted', 'changed', 'unchanged'],
      },
      FactSourceInfo: {
        type: 'object',
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          schema: {
            type: 'object',
          },
          schedule: {
            type: 'object',
            nullable: true,
          },
          collects: {
            type: 'boolean',
            description: 'The plugin collects this source itself.',
          },
          acceptsPush: {
            type: 'boolean',
            description: 'POST /facts accepts items for this source.',
          },
        },
        required: ['id', 'schema', 'schedule', 'collects', 'acceptsPush'],
      },
      AuditEntry: {
        type: 'object',
        properties: {
          id: {
            type: 'integer',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
          actor: {
            type: 'string',
          },
          action: {
            type: 'string',
          },
          subject: {
            type: 'object',
          },
          details: {
            type: 'object',
          },
        },
        required: ['id', 'at', 'actor', 'action', 'subject', 'details'],
      },
    },
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
  },
  security: [
    {},
    {
      JWT: [],
    },
  ],
  paths: {
    '/scorecards': {
      get: {
        operationId: 'ListScorecards',
        description:
          'Every scorecard with a level distribution over the rated entities the caller can see.',
        responses: {
          '200': {
            description: 'The scorecards.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/ScorecardSummary',
                      },
                    },
                  },
                  required: ['items'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}': {
      get: {
        operationId: 'GetScorecard',
        description:
          "One scorecard as compiled, with each check's rule as readable text.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'The scorecard.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScorecardDetail',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/checks': {
      get: {
        operationId: 'ListScorecardChecks',
        description:
          "Every check of the scorecard with its result counts over the visible rated entities, optionally filtered by owner, system, lifecycle and kind (a team's view: `owner`); one aggregate for all checks.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/ownerFilter',
          },
          {
            $ref: '#/components/parameters/systemFilter',
          },
          {
            $ref: '#/components/parameters/lifecycleFilter',
          },
          {
            $ref: '#/components/parameters/kindFilter',
          },
          {
            name: 'order',
            in: 'query',
            description:
              '`definition` (default): as the scorecard lists them; `failing`: most failing or erroring results first, then by title.',
            schema: {
              type: 'string',
              enum: ['definition', 'failing'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            name: 'offset',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of the checks.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScorecardCheckPage',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/checks/{checkId}': {
      get: {
        operationId: 'GetCheck',
        description:
          'A check with its status counts and a page of the visible entities it rates.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/checkId',
          },
          {
            name: 'status',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/CheckStatus',
            },
          },
          {
            name: 'owner',
            in: 'query',
            description:
              "An owner group ref (or name); matched against the catalog facts' `catalog.owner.ref`.",
            schema: {
              type: 'string',
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            name: 'offset',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The check.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CheckDetail',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/checks/{checkId}/history': {
      get: {
        operationId: 'GetCheckHistory',
        description:
          "The check's pass rate per day over the visible entities, rebuilt from transitions and the current state.",
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/checkId',
          },
          {
            $ref: '#/components/parameters/days',
          },
        ],
        responses: {
          '200': {
            description: 'The pass rate per day.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CheckHistory',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/rollup': {
      get: {
        operationId: 'GetRollup',
        description:
          'Level distribution and per-category share of passing results, per owner, system, domain or for the whole organisation.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'groupBy',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['owner', 'system', 'domain', 'org'],
            },
          },
          {
            $ref: '#/components/parameters/ownerFilter',
          },
          {
            $ref: '#/components/parameters/systemFilter',
          },
          {
            $ref: '#/components/parameters/lifecycleFilter',
          },
          {
            $ref: '#/components/parameters/kindFilter',
          },
        ],
        responses: {
          '200': {
            description: 'The roll-up.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Rollup',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/entities': {
      get: {
        operationId: 'ListScorecardEntities',
        description:
          'The visible entities the scorecard rates, lowest level first, then most failed checks, then by ref; optionally filtered by owner, system, lifecycle and kind.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            $ref: '#/components/parameters/ownerFilter',
          },
          {
            $ref: '#/components/parameters/systemFilter',
          },
          {
            $ref: '#/components/parameters/lifecycleFilter',
          },
          {
            $ref: '#/components/parameters/kindFilter',
          },
          {
            name: 'order',
            in: 'query',
            description: 'The ranking; `level` (lowest first) is the only one.',
            schema: {
              type: 'string',
              enum: ['level'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            name: 'offset',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of entities.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScorecardEntityPage',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/scorecards/{namespace}/{name}/history': {
      get: {
        operationId: 'GetScorecardHistory',
        description:
          'The level distribution of the visible (and filtered) entities per day, from the daily snapshots.',
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'days',
            in: 'query',
            required: false,
            description: 'How many days back, today included (default 30).',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 365,
            },
          },
          {
            $ref: '#/components/parameters/ownerFilter',
          },
          {
            $ref: '#/components/parameters/systemFilter',
          },
          {
            $ref: '#/components/parameters/lifecycleFilter',
          },
          {
            $ref: '#/components/parameters/kindFilter',
          },
        ],
        responses: {
          '200': {
            description: 'The distribution per day.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ScorecardHistory',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'GetEntity',
        description:
          "The entity's level, counts and results on every scorecard that rates it, what stands between it and the next level, and its results in the campaigns that target it.",
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The entity's results.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityView',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/history': {
      get: {
        operationId: 'GetEntityHistory',
        description:
          'Daily level snapshots of the entity on one scorecard and its recent status changes.',
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'scorecard',
            in: 'query',
            required: true,
            description: 'A scorecard ref or name.',
            schema: {
              type: 'string',
            },
          },
          {
            $ref: '#/components/parameters/days',
          },
        ],
        responses: {
          '200': {
            description: 'The history.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityHistory',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/evaluate': {
      post: {
        operationId: 'Evaluate',
        description:
          'Collects fresh facts for one entity, evaluates it and returns its results (permission maturity.evaluate).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  entityRef: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 255,
                  },
                },
                required: ['entityRef'],
              },
            },
          },
        },
        responses: {
          '200': {
            description: "The entity's fresh results.",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityView',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/gate': {
      get: {
        operationId: 'Gate',
        description:
          'For CI: does the entity reach at least minLevel on the scorecard? Answers 200 either way, with the failing checks of minLevel and below as reasons.',
        parameters: [
          {
            name: 'entity',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'scorecard',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            name: 'minLevel',
            in: 'query',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The verdict.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/GateResult',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/facts': {
      post: {
        operationId: 'PushFacts',
        description:
          'Stores facts pushed by CI pipelines and other systems (service or external-access tokens only, permission maturity.facts.push). All or nothing: one invalid item rejects the batch with every problem listed by path.',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/FactsPushRequest',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'What was stored.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FactsPushResponse',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/sources': {
      get: {
        operationId: 'ListSources',
        description: 'The registered fact sources, with their schemas.',
        responses: {
          '200': {
            description: 'The sources.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/FactSourceInfo',
                      },
                    },
                  },
                  required: ['items'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/exemptions': {
      get: {
        operationId: 'ListExemptions',
        description:
          'Exemptions of entities the caller can see, newest request first, in pages (without `limit`, the first 500).',
        parameters: [
          {
            name: 'entityRef',
            in: 'query',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'scorecard',
            in: 'query',
            description:
              'A scorecard or campaign ref (a bare name means a scorecard).',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'definitionRef',
            in: 'query',
            description:
              'Same as `scorecard`; when both are given they must name the same definition.',
            schema: {
              type: 'string',
            },
          },
          {
            name: 'checkId',
            in: 'query',
            description:
              'Only exemptions of this check (of any definition unless one is given).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            name: 'status',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/ExemptionStatus',
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            name: 'offset',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of the exemptions, newest request first.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ExemptionPage',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'RequestExemption',
        description:
          'Requests an exemption of one check for one entity (permission maturity.exemption.request).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  entityRef: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 255,
                  },
                  definitionRef: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 255,
                    description:
                      'A scorecard or campaign ref (a bare name means a scorecard).',
                  },
                  checkId: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 255,
                  },
                  reason: {
                    type: 'string',
                    minLength: 1,
                    maxLength: 4000,
                  },
                  expiresAt: {
                    type: 'string',
                    format: 'date-time',
                  },
                },
                required: ['entityRef', 'definitionRef', 'checkId', 'reason'],
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The request.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Exemption',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/exemptions/{id}/approve': {
      post: {
        operationId: 'ApproveExemption',
        description:
          'Approves a request (permission maturity.exemption.approve; not by its requester).',
        parameters: [
          {
            $ref: '#/components/parameters/exemptionId',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  comment: {
                    type: 'string',
                    maxLength: 4000,
                  },
                  expiresAt: {
                    type: 'string',
                    format: 'date-time',
                    nullable: true,
                    description:
                      'Overrides the requested expiry; null makes it permanent.',
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The approved exemption.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Exemption',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/exemptions/{id}/deny': {
      post: {
        operationId: 'DenyExemption',
        description:
          'Denies a request (permission maturity.exemption.approve).',
        parameters: [
          {
            $ref: '#/components/parameters/exemptionId',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  comment: {
                    type: 'string',
                    maxLength: 4000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The denied exemption.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Exemption',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/exemptions/{id}/revoke': {
      post: {
        operationId: 'RevokeExemption',
        description:
          'Revokes an approved exemption or withdraws a request (permission maturity.exemption.approve).',
        parameters: [
          {
            $ref: '#/components/parameters/exemptionId',
          },
        ],
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                additionalProperties: false,
                properties: {
                  comment: {
                    type: 'string',
                    maxLength: 4000,
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The revoked exemption.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Exemption',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/audit': {
      get: {
        operationId: 'GetAudit',
        description:
          'The newest audit entries about entities the caller may approve exemptions for.',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            name: 'before',
            in: 'query',
            description: 'Only entries with a smaller id (the next page).',
            schema: {
              type: 'integer',
              minimum: 1,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The entries, newest first.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: {
                        $ref: '#/components/schemas/AuditEntry',
                      },
                    },
                  },
                  required: ['items'],
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;

/** A router that validates requests against the spec (400 with the validator's message) and is typed by EndpointMap. */
export const createOpenApiRouter = async (
  options?: Parameters<
    typeof createValidatedOpenApiRouterFromGeneratedEndpointMap
  >['1'],
) =>
  createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(
    spec,
    options,
  );
