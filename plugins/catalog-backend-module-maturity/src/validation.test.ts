import fs from 'node:fs';
import path from 'node:path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  RatchetEntityResolver,
  formatValidationProblems,
  isRatchetKind,
  validateRatchetEntity,
} from '@ratchet/backstage-plugin-maturity-common';
import { parseAllDocuments } from 'yaml';

const FIXTURES = path.resolve(__dirname, '__fixtures__');
const EXAMPLES = path.resolve(__dirname, '../../../examples');

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(file => /\.ya?ml$/.test(file))
    .sort()
    .map(file => path.join(dir, file));
}

function documents(file: string): Entity[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(doc => {
    if (doc.errors.length) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    return doc.toJS() as Entity;
  });
}

/** A resolver over the given entities, as the processor's registry of known definitions would be. */
function resolverOf(entities: Entity[]): RatchetEntityResolver {
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  return (kind, ref) => {
    const entity = byRef.get(ref.toLocaleLowerCase('en-US'));
    return entity?.kind === kind ? entity : undefined;
  };
}

const validEntities = yamlFiles(path.join(FIXTURES, 'valid')).flatMap(
  documents,
);
const resolve = resolverOf(validEntities);

describe('valid fixtures', () => {
  it.each(validEntities.map(e => [stringifyEntityRef(e), e] as const))(
    '%s has no problems',
    (_ref, entity) => {
      expect(validateRatchetEntity(entity, { resolve })).toEqual([]);
    },
  );
});

describe('invalid fixtures', () => {
  const files = yamlFiles(path.join(FIXTURES, 'invalid'));

  it('cover enough cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it.each(files.map(file => [path.basename(file), file]))(
    '%s',
    (_name, file) => {
      const text = fs.readFileSync(file, 'utf8');
      const expected = /^# expect: (.+)$/m.exec(text)?.[1];
      const fieldPath = /^# path: (.+)$/m.exec(text)?.[1];
      expect({ expected, fieldPath }).toEqual({
        expected: expect.any(String),
        fieldPath: expect.any(String),
      });
      const [entity] = documents(file);
      const problems = validateRatchetEntity(entity, { resolve });
      const entityRef = `${String(entity.kind).toLocaleLowerCase(
        'en-US',
      )}:default/${entity.metadata?.name ?? 'unnamed'}`;
      const message = formatValidationProblems(entityRef, problems);

      expect(message).toContain(`${fieldPath}: `);
      expect(message).toContain(expected);
      // The expected text belongs to the problem at that path, not to another one.
      expect(problems).toContainEqual(
        expect.objectContaining({
          path: fieldPath,
          message: expect.stringContaining(expected!),
        }),
      );
    },
  );
});

describe('examples', () => {
  const ratchetExamples = yamlFiles(EXAMPLES)
    .flatMap(documents)
    .filter(e => isRatchetKind(e?.kind));

  it('finds the Ratchet examples once examples/ratchet exists', () => {
    const minimum = fs.existsSync(path.join(EXAMPLES, 'ratchet')) ? 1 : 0;
    expect(ratchetExamples.length).toBeGreaterThanOrEqual(minimum);
  });

  it('has no problems in any example', () => {
    // Examples may reference each other, so they resolve against each other.
    const context = { resolve: resolverOf(ratchetExamples) };
    const report = ratchetExamples
      .map(
        e =>
          [stringifyEntityRef(e), validateRatchetEntity(e, context)] as const,
      )
      .filter(([, problems]) => problems.length)
      .map(([ref, problems]) => formatValidationProblems(ref, problems));
    expect(report).toEqual([]);
  });
});
