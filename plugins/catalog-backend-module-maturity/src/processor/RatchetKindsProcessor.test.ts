import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { RatchetKindsProcessor } from './RatchetKindsProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

function scorecard(
  overrides: {
    name?: string;
    namespace?: string;
    owner?: string;
    level?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Scorecard',
    metadata: {
      name: overrides.name ?? 'service-maturity',
      ...(overrides.namespace ? { namespace: overrides.namespace } : {}),
    },
    spec: {
      owner: overrides.owner ?? 'platform',
      levels: [{ id: 'bronze', title: 'Bronze' }],
      categories: [{ id: 'ownership', title: 'Ownership' }],
      checks: [
        {
          id: 'has-owner',
          title: 'Has an owner',
          level: overrides.level ?? 'bronze',
          category: 'ownership',
          rule: { fact: 'catalog.spec.owner', operator: 'exists' },
        },
      ],
    },
  };
}

function campaign(check: string): Entity {
  return {
    apiVersion: 'ratchet.dev/v1alpha1',
    kind: 'Campaign',
    metadata: { name: 'owners-everywhere' },
    spec: {
      owner: 'platform',
      brief: 'Every service has an owner.',
      targets: { kind: 'Component' },
      checks: [{ ref: { scorecard: 'service-maturity', check } }],
      startDate: '2026-01-05',
      dueDate: '2026-03-31',
    },
  };
}

const checklist: Entity = {
  apiVersion: 'ratchet.dev/v1alpha1',
  kind: 'Checklist',
  metadata: { name: 'production-readiness' },
  spec: {
    owner: 'user:default/jane',
    phases: [{ id: 'green-light', title: 'Green light' }],
    areas: [
      {
        id: 'deployment',
        title: 'Deployment',
        items: [
          {
            id: 'rollback',
            prompt: 'How do you roll back?',
            requiredFor: 'green-light',
          },
        ],
      },
    ],
    reviewers: { group: 'sre' },
  },
};

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};

async function relationsOf(processor: RatchetKindsProcessor, entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(entity, location, result =>
    emitted.push(result),
  );
  return emitted;
}

describe('RatchetKindsProcessor', () => {
  it('has a name', () => {
    expect(new RatchetKindsProcessor().getProcessorName()).toBe(
      'RatchetKindsProcessor',
    );
  });

  it.each([
    ['Scorecard', scorecard()],
    ['Campaign', campaign('has-owner')],
    ['Checklist', checklist],
  ])('accepts a valid %s', async (_kind, entity) => {
    await expect(
      new RatchetKindsProcessor().validateEntityKind(entity),
    ).resolves.toBe(true);
  });

  it('leaves other kinds and API groups to other processors', async () => {
    const processor = new RatchetKindsProcessor();
    await expect(processor.validateEntityKind(component)).resolves.toBe(false);
    await expect(
      processor.validateEntityKind({
        ...scorecard(),
        apiVersion: 'example.com/v1',
      }),
    ).resolves.toBe(false);
    expect(await relationsOf(processor, component)).toEqual([]);
  });

  it('answers for a wrong version of its own API group, naming the field', async () => {
    await expect(
      new RatchetKindsProcessor().validateEntityKind({
        ...scorecard(),
        apiVersion: 'ratchet.dev/v1',
      }),
    ).rejects.toThrow(
      'Scorecard "scorecard:default/service-maturity" is invalid: apiVersion: must be "ratchet.dev/v1alpha1"; got the string "ratchet.dev/v1"',
    );
  });

  it('throws an InputError naming the field of an invalid entity', async () => {
    const error = await new RatchetKindsProcessor()
      .validateEntityKind(scorecard({ level: 'platinum' }))
      .catch(e => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      'Scorecard "scorecard:default/service-maturity" is invalid: spec.checks[0].level: unknown level "platinum"; expected one of bronze',
    );
    expect(error.problems).toEqual([
      {
        path: 'spec.checks[0].level',
        message: 'unknown level "platinum"; expected one of bronze',
        expected: 'one of bronze',
      },
    ]);
  });

  it('emits ownedBy and ownerOf with full refs, short owners defaulting to a Group in the same namespace', async () => {
    const processor = new RatchetKindsProcessor();
    expect(
      await relationsOf(
        processor,
        scorecard({ namespace: 'payments', owner: 'team-a' }),
      ),
    ).toEqual([
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'Scorecard',
            namespace: 'payments',
            name: 'service-maturity',
          },
          type: 'ownedBy',
          target: { kind: 'Group', namespace: 'payments', name: 'team-a' },
        },
      },
      {
        type: 'relation',
        relation: {
          source: { kind: 'Group', namespace: 'payments', name: 'team-a' },
          type: 'ownerOf',
          target: {
            kind: 'Scorecard',
            namespace: 'payments',
            name: 'service-maturity',
          },
        },
      },
    ]);
  });

  it.each([
    [
      'Campaign',
      campaign('has-owner'),
      { kind: 'Group', namespace: 'default', name: 'platform' },
    ],
    [
      'Checklist',
      checklist,
      { kind: 'user', namespace: 'default', name: 'jane' },
    ],
  ])('emits ownership for a %s', async (_kind, entity, owner) => {
    const relations = await relationsOf(new RatchetKindsProcessor(), entity);
    expect(relations).toEqual([
      expect.objectContaining({
        relation: expect.objectContaining({ type: 'ownedBy', target: owner }),
      }),
      expect.objectContaining({
        relation: expect.objectContaining({ type: 'ownerOf', source: owner }),
      }),
    ]);
  });

  describe('references between definitions', () => {
    it('checks a reference against a Scorecard it has already validated', async () => {
      const processor = new RatchetKindsProcessor();
      await processor.validateEntityKind(scorecard());
      await expect(
        processor.validateEntityKind(campaign('has-owner')),
      ).resolves.toBe(true);
      await expect(
        processor.validateEntityKind(campaign('has-team')),
      ).rejects.toThrow(
        'spec.checks[0].ref.check: unknown check "has-team" in scorecard:default/service-maturity; expected one of has-owner',
      );
    });

    it('accepts a reference to a Scorecard it has not seen, since processing order is not guaranteed', async () => {
      await expect(
        new RatchetKindsProcessor().validateEntityKind(campaign('has-team')),
      ).resolves.toBe(true);
    });

    it('forgets the oldest definitions beyond its capacity', async () => {
      const processor = new RatchetKindsProcessor({
        knownDefinitionsCapacity: 1,
      });
      await processor.validateEntityKind(scorecard());
      await processor.validateEntityKind(scorecard({ name: 'other' }));
      await expect(
        processor.validateEntityKind(campaign('has-team')),
      ).resolves.toBe(true);
    });

    it('keeps the last valid version of a definition', async () => {
      const processor = new RatchetKindsProcessor();
      await processor.validateEntityKind(scorecard());
      await expect(
        processor.validateEntityKind(scorecard({ level: 'gold' })),
      ).rejects.toThrow();
      await expect(
        processor.validateEntityKind(campaign('has-team')),
      ).rejects.toThrow('unknown check "has-team"');
    });
  });
});
