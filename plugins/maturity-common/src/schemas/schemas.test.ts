import Ajv from 'ajv';
import campaignJson from '../../schemas/campaign.v1alpha1.schema.json';
import checklistJson from '../../schemas/checklist.v1alpha1.schema.json';
import scorecardJson from '../../schemas/scorecard.v1alpha1.schema.json';
import {
  JsonSchema,
  RATCHET_SCHEMA_FILES,
  RatchetSchemaKind,
  buildRatchetSchema,
} from '.';
import { RULE_OPERATORS } from '../kinds';

const committed: Record<RatchetSchemaKind, unknown> = {
  Scorecard: scorecardJson,
  Campaign: campaignJson,
  Checklist: checklistJson,
};
const kinds = Object.keys(RATCHET_SCHEMA_FILES) as RatchetSchemaKind[];

/** Every schema node below `schema`, with its JSON pointer, skipping instance data. */
function* nodes(
  schema: JsonSchema,
  pointer = '',
): Generator<[string, JsonSchema]> {
  yield [pointer, schema];
  for (const key of ['properties', 'definitions'] as const) {
    for (const [name, child] of Object.entries(schema[key] ?? {})) {
      yield* nodes(child, `${pointer}/${key}/${name}`);
    }
  }
  if (schema.items) {
    yield* nodes(schema.items, `${pointer}/items`);
  }
  if (typeof schema.additionalProperties === 'object') {
    yield* nodes(
      schema.additionalProperties,
      `${pointer}/additionalProperties`,
    );
  }
  for (const [i, branch] of (schema.anyOf ?? []).entries()) {
    yield* nodes(branch, `${pointer}/anyOf/${i}`);
  }
}

describe.each(kinds)('the %s schema', kind => {
  const schema = buildRatchetSchema(kind);

  it(`is committed up to date in schemas/${RATCHET_SCHEMA_FILES[kind]}`, () => {
    // Regenerate with: node --require @backstage/cli/config/nodeTransform.cjs scripts/generate-schemas.ts
    expect(committed[kind]).toEqual(schema);
  });

  it('describes every property', () => {
    const undocumented = [...nodes(schema)]
      .flatMap(([pointer, node]) =>
        Object.entries(node.properties ?? {}).map(
          ([name, child]) => [`${pointer}/properties/${name}`, child] as const,
        ),
      )
      .filter(([, child]) => !child.description)
      .map(([pointer]) => pointer);
    expect(undocumented).toEqual([]);
  });

  it('closes every spec object against typos', () => {
    const open = [...nodes(schema)]
      .filter(
        ([pointer, node]) =>
          node.type === 'object' &&
          node.properties &&
          pointer !== '/definitions/metadata',
      )
      .filter(([, node]) => node.additionalProperties !== false)
      .map(([pointer]) => pointer);
    expect(open).toEqual([]);
  });

  it('compiles in strict mode, and its examples are valid', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    ajv.addKeyword('patternErrorMessage');
    ajv.addSchema(schema as object);
    const invalidExamples = [...nodes(schema)].flatMap(([pointer, node]) => {
      const validate = ajv.getSchema(`${schema.$id}#${pointer}`)!;
      return (node.examples ?? [])
        .filter(example => !validate(example))
        .map(example => `${pointer}: ${JSON.stringify(example)}`);
    });
    expect(invalidExamples).toEqual([]);
  });
});

describe('the shared definitions', () => {
  it('offer exactly the rule operators of the TypeScript contract', () => {
    const condition =
      buildRatchetSchema('Scorecard').definitions?.ruleCondition;
    expect(condition?.properties?.operator.enum).toEqual([...RULE_OPERATORS]);
  });

  it('are copied into each file only where reachable', () => {
    expect(
      Object.keys(buildRatchetSchema('Checklist').definitions ?? {}),
    ).not.toContain('rule');
    expect(
      Object.keys(buildRatchetSchema('Scorecard').definitions ?? {}),
    ).toContain('rule');
  });
});
