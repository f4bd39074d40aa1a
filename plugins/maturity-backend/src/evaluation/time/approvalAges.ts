import type { JsonObject } from '@backstage/types';
import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';
import { daysSince, isObject } from './timeRules';

/**
 * The `attestation` facts with `approvedDaysAgo` beside every sign-off's `approvedAt`, as of `now`:
 * derived on read like the pushed source's day counts, so "approved within 12 months" needs no daily
 * rewrite of the stored facts. Copies what it changes; the stored facts are untouched.
 */
export function withApprovalAges(facts: JsonObject, now: Date): JsonObject {
  const checklists = facts.checklists;
  if (!isObject(checklists)) return facts;
  let changed = false;
  const nextChecklists: JsonObject = {};
  for (const [ref, checklist] of Object.entries(checklists)) {
    nextChecklists[ref] = checklist;
    if (!isObject(checklist) || !isObject(checklist.reviews)) continue;
    const reviews: JsonObject = {};
    for (const [phase, review] of Object.entries(checklist.reviews)) {
      const days = isObject(review)
        ? daysSince(review.approvedAt, now)
        : undefined;
      reviews[phase] =
        isObject(review) && days !== undefined
          ? { ...review, approvedDaysAgo: days }
          : review;
      changed ||= days !== undefined;
    }
    nextChecklists[ref] = { ...checklist, reviews };
  }
  return changed ? { ...facts, checklists: nextChecklists } : facts;
}

/** withApprovalAges over many entities' facts (a new map when any entity has attestation facts). */
export function withApprovalAgesOf(
  factsByEntity: Map<string, EntityFacts>,
  now: Date,
): Map<string, EntityFacts> {
  let result = factsByEntity;
  for (const [entityRef, facts] of factsByEntity) {
    const attestation = facts.attestation;
    if (!attestation) continue;
    const aged = withApprovalAges(attestation, now);
    if (aged === attestation) continue;
    if (result === factsByEntity) result = new Map(factsByEntity);
    result.set(entityRef, { ...facts, attestation: aged });
  }
  return result;
}
