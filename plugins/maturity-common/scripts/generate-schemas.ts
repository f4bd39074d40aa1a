/*
 * Writes the JSON Schemas of the Ratchet kinds to ../schemas from the TypeScript source in
 * src/schemas. Run from plugins/maturity-common:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/generate-schemas.ts
 *
 * src/schemas/schemas.test.ts fails when the committed files differ from what this writes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  RATCHET_SCHEMA_FILES,
  RatchetSchemaKind,
  buildRatchetSchema,
  serializeSchema,
} from '../src/schemas';

const files = (Object.keys(RATCHET_SCHEMA_FILES) as RatchetSchemaKind[]).map(
  kind => {
    const file = resolve(__dirname, '../schemas', RATCHET_SCHEMA_FILES[kind]);
    writeFileSync(file, serializeSchema(buildRatchetSchema(kind)));
    return file;
  },
);

// Formatted with the repository's prettier so that `prettier --check .` stays quiet. The test compares
// parsed JSON, so formatting never makes it fail. Prettier is the root workspace's tool, found at run
// time rather than imported, so that this package does not depend on it.
const prettierManifest = require.resolve('prettier/package.json');
const { bin } = JSON.parse(readFileSync(prettierManifest, 'utf8')) as {
  bin: string | Record<string, string>;
};
const prettierBin = resolve(
  dirname(prettierManifest),
  typeof bin === 'string' ? bin : bin.prettier,
);
execFileSync(process.execPath, [prettierBin, '--write', ...files], {
  stdio: 'inherit',
});
