import { RATCHET_API_VERSION } from '../kinds';
import { sharedDefinitions } from './definitions';
import { JsonSchema } from './jsonSchema';
import { entityEnvelope, metadataSchema } from './metadata';
import {
  campaignDefinitions,
  checklistDefinitions,
  scorecardDefinitions,
} from './specs';

/** The kinds whose schemas are published, with the file each is written to. */
export const RATCHET_SCHEMA_FILES = {
  Scorecard: 'scorecard.v1alpha1.schema.json',
  Campaign: 'campaign.v1alpha1.schema.json',
  Checklist: 'checklist.v1alpha1.schema.json',
} as const;

/** A kind that has a published schema. */
export type RatchetSchemaKind = keyof typeof RATCHET_SCHEMA_FILES;

const KIND_DESCRIPTIONS: Record<
  RatchetSchemaKind,
  { title: string; description: string; spec: string; specDescription: string }
> = {
  Scorecard: {
    title: 'Ratchet Scorecard',
    description:
      'A Scorecard rates entities against ordered levels: each check belongs to a level and a category, and an entity reaches a level when every check of it and below passes.',
    spec: 'scorecardSpec',
    specDescription:
      'The spec of a Scorecard: owner, levels, categories, checks, and campaign checks ratcheted in.',
  },
  Campaign: {
    title: 'Ratchet Campaign',
    description:
      'A Campaign drives a change across many entities: its targets must pass its checks by the due date; owners are reminded, and on completion the checks can be promoted into a Scorecard level.',
    spec: 'campaignSpec',
    specDescription:
      'The spec of a Campaign: owner, brief, targets, checks, dates, reminders and completion.',
  },
  Checklist: {
    title: 'Ratchet Checklist',
    description:
      'A Checklist is a production-readiness review: phases, areas of items to answer (some answered automatically by checks), and the reviewers who sign off.',
    spec: 'checklistSpec',
    specDescription:
      'The spec of a Checklist: owner, phases, areas with items, and reviewers.',
  },
};

const ALL_DEFINITIONS: Record<string, JsonSchema> = {
  metadata: metadataSchema,
  ...sharedDefinitions,
  ...scorecardDefinitions,
  ...campaignDefinitions,
  ...checklistDefinitions,
};

/** The canonical `$id` of a kind's schema (also the key Ajv knows it by). */
export function ratchetSchemaId(kind: RatchetSchemaKind): string {
  return `https://ratchet.dev/schemas/${RATCHET_SCHEMA_FILES[kind]}`;
}

function collectRefs(schema: unknown, into: Set<string>): void {
  if (Array.isArray(schema)) {
    schema.forEach(item => collectRefs(item, into));
  } else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      // `examples` and `default` hold instance data, never schema keywords.
      if (key === 'examples' || key === 'default') {
        continue;
      }
      if (key === '$ref' && typeof value === 'string') {
        into.add(value.replace('#/definitions/', ''));
      } else {
        collectRefs(value, into);
      }
    }
  }
}

/** Only the definitions reachable from the root, so every file stands alone and carries no dead weight. */
function reachableDefinitions(root: JsonSchema): Record<string, JsonSchema> {
  const seen = new Set<string>();
  const queue = new Set<string>();
  collectRefs(root, queue);
  while (queue.size) {
    const [name] = queue;
    queue.delete(name);
    if (seen.has(name)) {
      continue;
    }
    const definition = ALL_DEFINITIONS[name];
    if (!definition) {
      throw new Error(`Schema definition "${name}" does not exist`);
    }
    seen.add(name);
    collectRefs(definition, queue);
  }
  // Sorted so that the generated files are stable whatever order definitions are reached in.
  return Object.fromEntries(
    [...seen].sort().map(name => [name, ALL_DEFINITIONS[name]]),
  );
}

/** Builds the self-contained JSON Schema (draft-07) of one Ratchet kind. */
export function buildRatchetSchema(kind: RatchetSchemaKind): JsonSchema {
  const info = KIND_DESCRIPTIONS[kind];
  const envelope = entityEnvelope({
    kind,
    apiVersion: RATCHET_API_VERSION,
    specDefinition: info.spec,
    specDescription: info.specDescription,
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: ratchetSchemaId(kind),
    title: info.title,
    description: info.description,
    ...envelope,
    definitions: reachableDefinitions(envelope),
  };
}

/** Serializes a schema exactly as the committed files are written. */
export function serializeSchema(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
