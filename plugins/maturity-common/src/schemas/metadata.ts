import {
  ENTITY_NAME_PATTERN,
  JsonSchema,
  NAMESPACE_PATTERN,
  TAG_PATTERN,
  ref,
  text,
} from './jsonSchema';

function stringMap(
  description: string,
  example: Record<string, string>,
): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: { type: 'string' },
    examples: [example],
  };
}

/**
 * `metadata` as the catalog's `EntityMeta` schema describes it. It stays open (`additionalProperties`)
 * because the catalog allows extra metadata fields.
 */
export const metadataSchema: JsonSchema = {
  type: 'object',
  description: 'Metadata fields common to all kinds of entity.',
  required: ['name'],
  additionalProperties: true,
  properties: {
    name: {
      type: 'string',
      description:
        'The name of the entity, unique within its kind and namespace: letters, digits, `-`, `_` and `.`, at most 63 characters.',
      minLength: 1,
      maxLength: 63,
      pattern: ENTITY_NAME_PATTERN,
      patternErrorMessage:
        'must be an entity name: letters, digits, "-", "_" and ".", starting and ending with a letter or digit',
      examples: ['service-maturity'],
    },
    namespace: {
      type: 'string',
      description: 'The namespace that the entity belongs to.',
      default: 'default',
      maxLength: 63,
      pattern: NAMESPACE_PATTERN,
      patternErrorMessage:
        'must be a namespace: lowercase letters and digits separated by dashes',
      examples: ['default'],
    },
    title: text(
      'A display name of the entity, shown in user interfaces instead of the name.',
      ['Service maturity'],
    ),
    description: {
      type: 'string',
      description: 'A short description of the entity, typically one line.',
    },
    labels: stringMap(
      'Key/value pairs of identifying information attached to the entity.',
      { 'ratchet.dev/tier': 'core' },
    ),
    annotations: stringMap(
      'Key/value pairs of non-identifying auxiliary information attached to the entity.',
      { 'backstage.io/techdocs-ref': 'dir:.' },
    ),
    tags: {
      type: 'array',
      description:
        'Single-valued strings classifying the entity: lowercase letters, digits, `+`, `#`, separated by dashes.',
      items: {
        type: 'string',
        maxLength: 63,
        pattern: TAG_PATTERN,
        patternErrorMessage:
          'must be a tag: lowercase letters, digits, "+" and "#", separated by dashes',
      },
      examples: [['maturity', 'platform']],
    },
    links: {
      type: 'array',
      description:
        'External hyperlinks related to the entity, e.g. the handbook page of a campaign.',
      items: {
        type: 'object',
        required: ['url'],
        additionalProperties: false,
        properties: {
          url: text('A URL in a standard URI format.', [
            'https://handbook.example.com/maturity',
          ]),
          title: text('A user friendly display name for the link.'),
          icon: text(
            'A key representing a visual icon to be displayed in the UI.',
            ['docs'],
          ),
          type: text(
            'An optional value to categorize links into specific groups.',
            ['documentation'],
          ),
        },
      },
    },
    uid: text('Set by the catalog: a globally unique ID of the entity.'),
    etag: text('Set by the catalog: changes with every update of the entity.'),
  },
};

/** The entity envelope around a spec: apiVersion, kind, metadata, and the fields the catalog adds. */
export function entityEnvelope(options: {
  kind: string;
  apiVersion: string;
  specDefinition: string;
  specDescription: string;
}): JsonSchema {
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    additionalProperties: false,
    properties: {
      apiVersion: {
        description: `The version of the format the entity is written against: \`${options.apiVersion}\`.`,
        const: options.apiVersion,
      },
      kind: {
        description: `The kind of entity: \`${options.kind}\`.`,
        const: options.kind,
      },
      metadata: ref(
        'metadata',
        'Metadata: name (required), title, description, tags, links, annotations, labels.',
      ),
      spec: ref(options.specDefinition, options.specDescription),
      relations: {
        type: 'array',
        description:
          'Set by the catalog: the relations of this entity (e.g. `ownedBy`). Not authored.',
        items: { type: 'object' },
      },
      status: {
        type: 'object',
        description:
          'Set by the catalog: the status of the entity, such as processing errors. Not authored.',
      },
    },
  };
}
