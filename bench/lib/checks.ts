/*
 * The benchmark's checks: 25 shapes a real scorecard has (single conditions, all/any of 2–4, not, regexes
 * on names, semver on runtimes, `in` over lifecycles, thresholds, exists), each in a standard and a strict
 * variant, for 50 checks over the facts of generate.ts.
 */
import type { CheckBase } from '@ratchet/backstage-plugin-maturity-common';
import { CATALOG_AND_SCM_CHECKS } from './checksCatalog';
import { RUNTIME_AND_PUSHED_CHECKS } from './checksRuntime';

const TEMPLATES = [...CATALOG_AND_SCM_CHECKS, ...RUNTIME_AND_PUSHED_CHECKS];

/** The benchmark's checks: every template as standard and strict (2 × 25 = 50), or the first `count`. */
export function generateChecks(count = 50): CheckBase[] {
  const checks: CheckBase[] = [];
  for (const strict of [false, true]) {
    for (const template of TEMPLATES) {
      const check = template(strict);
      checks.push({ ...check, id: strict ? `${check.id}-strict` : check.id });
    }
  }
  return checks.slice(0, count);
}
