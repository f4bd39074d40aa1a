import type { JsonObject } from '@backstage/types';
import {
  ATTESTATION_FACTS_SCHEMA,
  ATTESTATION_SOURCE_ID,
} from '@ratchet/backstage-plugin-maturity-common';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';

/**
 * The built-in `attestation` source: answers to Checklist items and phase sign-offs (AttestationFacts of
 * maturity-common), shaped as ATTESTATION_FACTS_SCHEMA. It collects nothing, and POST /facts refuses it:
 * readiness reviews write its facts through their own permissioned routes.
 */
export class AttestationFactSource implements FactSource {
  readonly id = ATTESTATION_SOURCE_ID;
  // Not collected; written only by readiness, which POST /facts refuses to stand in for.
  readonly mode = 'push' as const;
  readonly title = 'Attestations';
  readonly description =
    'Answers to Checklist items and reviewer sign-offs of Checklist phases';
  readonly schema: JsonObject = ATTESTATION_FACTS_SCHEMA;
}
