import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CampaignEntityV1alpha1,
  CheckBase,
  isCampaignCheckReference,
  ScorecardEntityV1alpha1,
} from '@ratchet/backstage-plugin-maturity-common';
import { createHash } from 'node:crypto';
import {
  compileCheck,
  CompiledCheck,
  compileEntityFilter,
  CompiledEntityFilter,
} from '../checks';

/** A compiled check as it sits in a definition. */
export interface DefinitionCheck {
  /** The check id inside the definition. */
  id: string;
  /** The source definition of the check text (for references: the referenced one). */
  check: CheckBase;
  /** Level id (scorecards, and campaign checks ratcheted into a scorecard). */
  level?: string;
  /** Category id. */
  category?: string;
  /** The compiled rule and filter. */
  compiled: CompiledCheck;
  /** For checks ratcheted in from a campaign: the campaign ref; they count toward levels from then on. */
  fromCampaign?: string;
  /** For checks ratcheted in from a campaign: when it completed (ISO). */
  ratchetedAt?: string;
}

/** A Scorecard or Campaign compiled once for evaluating every entity. */
export interface CompiledDefinition {
  /** The entity ref, e.g. `scorecard:default/service-maturity`. */
  ref: string;
  /** Scorecard or Campaign. */
  kind: 'Scorecard' | 'Campaign';
  /** The definition entity as read from the catalog. */
  entity: ScorecardEntityV1alpha1 | CampaignEntityV1alpha1;
  /** Content hash of the spec: a changed hash means its checks must be re-evaluated everywhere. */
  hash: string;
  /** Ordered level ids (scorecards only; empty for campaigns). */
  levels: string[];
  /** Which entities the definition rates or targets. */
  appliesTo: CompiledEntityFilter;
  /** Its own checks (and, for scorecards, checks of completed campaigns). */
  checks: DefinitionCheck[];
}

const DEFAULT_SCORECARD_SCOPE = { kind: 'Component' };

/**
 * Compiles every Scorecard and Campaign once. Campaign checks that reference a scorecard's check reuse its
 * text. The ratchet has one declaration, the Campaign's `onCompletion.promoteTo`: once a campaign is in
 * `ratcheted` (campaign ref → when it completed, as the campaigns capability stored it), its checks join
 * that scorecard at that level and category, marked with the campaign and the date.
 */
export function compileDefinitions(
  entities: Entity[],
  now: () => Date = () => new Date(),
  ratcheted: ReadonlyMap<string, string> = new Map(),
) {
  const scorecards = entities.filter(
    (e): e is ScorecardEntityV1alpha1 => e.kind === 'Scorecard',
  );
  const campaigns = entities.filter(
    (e): e is CampaignEntityV1alpha1 => e.kind === 'Campaign',
  );
  const byRef = new Map<
    string,
    ScorecardEntityV1alpha1 | CampaignEntityV1alpha1
  >();
  for (const e of [...scorecards, ...campaigns]) byRef.set(refOf(e), e);

  const options = { now };
  const result: CompiledDefinition[] = [];
  for (const scorecard of scorecards) {
    const scorecardRef = refOf(scorecard);
    const checks: DefinitionCheck[] = scorecard.spec.checks.map(check => ({
      id: check.id,
      check,
      level: check.level,
      category: check.category,
      compiled: compileCheck(check, options),
    }));
    for (const campaign of campaigns) {
      const campaignRef = refOf(campaign);
      const promoteTo = campaign.spec.onCompletion?.promoteTo;
      const ratchetedAt = ratcheted.get(campaignRef);
      if (!promoteTo || !ratchetedAt || campaign.spec.draft) continue;
      if (
        resolveRef(promoteTo.scorecard, 'scorecard', campaign) !== scorecardRef
      )
        continue;
      for (const { id, check } of campaignChecks(campaign, byRef)) {
        // A campaign check that is itself a reference to this scorecard is already counted.
        if (checks.some(c => c.check === check)) continue;
        checks.push({
          id: `${campaign.metadata.name}.${id}`,
          check,
          level: promoteTo.level,
          category: promoteTo.category ?? check.category,
          compiled: compileCheck(check, options),
          fromCampaign: campaignRef,
          ratchetedAt,
        });
      }
    }
    result.push({
      ref: scorecardRef,
      kind: 'Scorecard',
      entity: scorecard,
      hash: hashOf(
        scorecard.spec,
        checks.map(c => c.id),
      ),
      levels: scorecard.spec.levels.map(l => l.id),
      appliesTo: compileEntityFilter(
        scorecard.spec.appliesTo ?? DEFAULT_SCORECARD_SCOPE,
      ),
      checks,
    });
  }
  for (const campaign of campaigns) {
    const checks = campaignChecks(campaign, byRef).map(({ id, check }) => ({
      id,
      check,
      category: check.category,
      compiled: compileCheck(check, options),
    }));
    result.push({
      ref: refOf(campaign),
      kind: 'Campaign',
      entity: campaign,
      hash: hashOf(
        campaign.spec,
        checks.map(c => c.id),
      ),
      levels: [],
      appliesTo: compileEntityFilter(campaign.spec.targets),
      checks,
    });
  }
  return result;
}

function campaignChecks(
  campaign: CampaignEntityV1alpha1,
  byRef: Map<string, ScorecardEntityV1alpha1 | CampaignEntityV1alpha1>,
): Array<{ id: string; check: CheckBase }> {
  const out: Array<{ id: string; check: CheckBase }> = [];
  for (const entry of campaign.spec.checks) {
    if (!isCampaignCheckReference(entry)) {
      out.push({ id: entry.id, check: entry });
      continue;
    }
    const { scorecard, campaign: other, check: checkId } = entry.ref;
    let target: ScorecardEntityV1alpha1 | CampaignEntityV1alpha1 | undefined;
    if (scorecard)
      target = byRef.get(resolveRef(scorecard, 'scorecard', campaign));
    else if (other) target = byRef.get(resolveRef(other, 'campaign', campaign));
    const referenced = (
      target?.spec.checks as Array<CheckBase | { ref: unknown }> | undefined
    )?.find((c): c is CheckBase => 'id' in c && c.id === checkId);
    // An unresolvable reference is skipped: the catalog processor reports it where it can.
    if (referenced) out.push({ id: checkId, check: referenced });
  }
  return out;
}

function refOf(entity: Entity) {
  return stringifyEntityRef(entity);
}

function resolveRef(ref: string, defaultKind: string, from: Entity) {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: from.metadata.namespace ?? 'default',
    }),
  );
}

function hashOf(spec: unknown, checkIds: string[]) {
  return createHash('sha256')
    .update(JSON.stringify([spec, checkIds]))
    .digest('hex');
}
