import { APIRequestContext, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/*
 * Pushing facts as the demo's CI does (packages/backend/src/demo/demoCiFacts.ts): a push replaces the
 * entity's whole `pushed` document, so a browser test that changes one figure sends the rest of the
 * pipeline's figures too (examples/repositories/pipelines.yaml, without drift) and leaves every other check
 * of the entity where it was.
 */

/** The demo backend the browser tests talk to. */
export const BACKEND =
  process.env.RATCHET_BACKEND_URL ?? 'http://localhost:7007';
/** The demo CI's static token (app-config.yaml backend.auth.externalAccess; may push `pushed` only). */
export const CI = {
  Authorization: `Bearer ${
    process.env.RATCHET_CI_TOKEN ?? 'ratchet-demo-ci-token'
  }`,
};

interface Pipeline {
  coverage?: number;
  deployedDaysAgo?: number;
  errorRate5xx?: number;
  traceContextRatio?: number;
  sbom?: 'cyclonedx' | 'spdx' | 'none';
}

const pipelines = parse(
  readFileSync(
    path.resolve(__dirname, '../../examples/repositories/pipelines.yaml'),
    'utf8',
  ),
) as { components: Record<string, Pipeline> };

/** The figures a component's pipeline reports, with `changes` applied (what the team just fixed). */
export function pipelineFacts(name: string, changes: Pipeline = {}) {
  const p = { ...pipelines.components[name], ...changes };
  const ci: Record<string, unknown> = {};
  const observability: Record<string, unknown> = {};
  if (p.coverage !== undefined) ci.testCoverage = p.coverage;
  if (p.deployedDaysAgo !== undefined) {
    ci.lastDeployAt = new Date(
      Date.now() - p.deployedDaysAgo * 86_400_000,
    ).toISOString();
  }
  if (p.sbom !== undefined) {
    ci.sbom =
      p.sbom === 'none'
        ? { published: false }
        : { published: true, format: p.sbom };
  }
  if (p.errorRate5xx !== undefined) {
    observability.errorRate5xx = p.errorRate5xx;
  }
  if (p.traceContextRatio !== undefined) {
    observability.traceContextRatio = p.traceContextRatio;
  }
  return { ci, observability };
}

/** Pushes one component's pipeline document through POST /api/maturity/facts with the CI token. */
export async function pushPipeline(
  request: APIRequestContext,
  entityRef: string,
  changes: Pipeline,
) {
  const name = entityRef.split('/')[1];
  const response = await request.post(`${BACKEND}/api/maturity/facts`, {
    headers: CI,
    data: {
      items: [
        {
          entityRef,
          source: 'pushed',
          facts: pipelineFacts(name, changes),
        },
      ],
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** GET from the maturity API as the CI service. */
export async function maturityApi<T>(
  request: APIRequestContext,
  url: string,
): Promise<T> {
  const response = await request.get(`${BACKEND}/api/maturity${url}`, {
    headers: CI,
  });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()) as T;
}
