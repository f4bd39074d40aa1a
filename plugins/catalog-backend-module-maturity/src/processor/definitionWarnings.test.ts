import type { Entity } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { mockServices } from '@backstage/backend-test-utils';
import { RatchetKindsProcessor } from './RatchetKindsProcessor';
import { knownSourceSchemas } from './definitionWarnings';

const location = { type: 'url', target: 'https://example.com/x.yaml' };

const config = mockServices.rootConfig({
  data: {
    maturity: {
      sources: {
        pushed: {
          schema: {
            type: 'object',
            properties: {
              ci: {
                type: 'object',
                properties: { lastDeployAt: { type: 'string' } },
              },
            },
          },
          derived: [
            { path: 'ci.lastDeployDays', daysSince: 'ci.lastDeployAt' },
          ],
        },
      },
    },
  },
});

function scorecard(facts: string[]): Entity {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Scorecard',
    metadata: { name: 'sm' },
    spec: {
      owner: 'platform',
      levels: [{ id: 'bronze', title: 'Bronze' }],
      categories: [{ id: 'ops', title: 'Ops' }],
      checks: facts.map((fact, i) => ({
        id: `c${i}`,
        title: `Check ${i}`,
        level: 'bronze',
        category: 'ops',
        rule: { fact, operator: 'exists' },
      })),
    },
  };
}

async function process(entity: Entity): Promise<AlphaEntity> {
  const processor = new RatchetKindsProcessor({
    sourceSchemas: knownSourceSchemas(config),
  });
  expect(await processor.validateEntityKind(entity)).toBe(true);
  return processor.postProcessEntity(entity, location, () => {});
}

describe('definition health in catalog processing', () => {
  it('warns (without failing processing) about a fact path the pushed schema does not declare', async () => {
    const processed = await process(
      scorecard([
        'pushed.ci.lastDeployAt',
        'pushed.ci.lastDeployDays',
        'pushed.ci.lastDeplyAt',
        'pushed.ci.lastDeplyAt',
        'scm.files.README.md.exists',
        'attestation.checklists.checklist:default/ops.items.ha-plan.answer',
      ]),
    );
    expect(processed.status?.items).toEqual([
      {
        type: 'backstage.io/catalog-processing',
        level: 'warning',
        message:
          'Definition health: 2 checks read `pushed.ci.lastDeplyAt`, which source `pushed` does not declare (checks c2, c3); they evaluate to error',
      },
    ]);
  });

  it('adds nothing to a sound definition, and nothing about sources the catalog cannot know', async () => {
    const processed = await process(
      scorecard(['pushed.ci.lastDeployDays', 'kubernetes.anything.at.all']),
    );
    expect(processed.status).toBeUndefined();
  });

  it('knows only the attestation source without a pushed schema in config', () => {
    expect([...knownSourceSchemas(mockServices.rootConfig()).keys()]).toEqual([
      'attestation',
    ]);
  });
});
