export {
  RATCHET_SCHEMA_FILES,
  buildRatchetSchema,
  ratchetSchemaId,
  serializeSchema,
} from './build';
export type { RatchetSchemaKind } from './build';
export type { JsonSchema } from './jsonSchema';
