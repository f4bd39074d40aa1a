import type { JsonObject } from '@backstage/types';
import {
  ATTESTATION_FACTS_SCHEMA,
  ATTESTATION_SOURCE_ID,
} from '@ratchet/backstage-plugin-maturity-common';
import type { FactSource } from '@ratchet/backstage-plugin-maturity-node';

/**
 * The built-in `attestation` source: answers to Checklist items and phase sign-offs (AttestationFacts of
 * maturity-common). It collects nothing: readiness reviews write its facts, and pushes to it must match
 * ATTESTATION_FACTS_SCHEMA, which POST /facts checks like any source's schema.
 */
export class AttestationFactSource implements FactSource {
  readonly id = ATTESTATION_SOURCE_ID;
  readonly title = 'Attestations';
  readonly description =
    'Answers to Checklist items and reviewer sign-offs of Checklist phases';
  readonly schema: JsonObject = ATTESTATION_FACTS_SCHEMA;
}
