import type { EntityCandidate } from './entities';
import type { MappedWorkload } from './mapping';
import { imageRepository, OwnerEvidence } from './suggestions';

function candidate(
  name: string,
  w: Partial<MappedWorkload> = {},
  owner?: string,
): EntityCandidate {
  const workload: MappedWorkload = {
    cluster: 'eu-west',
    kind: 'Deployment',
    workloadName: name,
    namespace: 'payments',
    name,
    lifecycle: 'production',
    type: 'service',
    tags: [],
    links: [],
    labelSelector: `app=${name}`,
    images: [],
    ...(owner && { owner }),
    ...w,
  };
  return { name, workloads: [workload], owner, warnings: [] };
}

describe('imageRepository', () => {
  it.each([
    ['registry.example.com/finance/billing:1.2.0', 'finance/billing'],
    ['ghcr.io/acme/payments/api@sha256:abc', 'acme/payments/api'],
    ['localhost:5000/team/app', 'team/app'],
    ['acme/worker:latest', 'acme/worker'],
    ['redis:7', undefined],
    ['library/postgres:16', undefined],
  ])('%s → %s', (image, expected) => {
    expect(imageRepository(image)).toBe(expected);
  });
});

describe('OwnerEvidence', () => {
  const owned = [
    candidate(
      'ledger',
      {
        helmRelease: 'finance',
        images: ['registry.example.com/finance/ledger:1'],
      },
      'group:default/finance',
    ),
    candidate('ledger-db', { helmRelease: 'finance' }, 'group:default/finance'),
    candidate(
      'checkout',
      { images: ['registry.example.com/shop/checkout:2'] },
      'group:default/shop',
    ),
  ];
  const repositories = new Map([
    [
      'finance/billing',
      { ref: 'component:default/billing', owner: 'group:default/billing-team' },
    ],
  ]);
  const evidence = new OwnerEvidence(
    owned.map(c => ({ candidate: c, owner: c.owner! })),
    repositories,
  );

  it('adds up the evidence per owner (repository and Helm release 3, namespace 2, image path 1) and lists every piece', () => {
    const [first, second, third] = evidence.suggest(
      candidate('billing', {
        helmRelease: 'finance',
        images: ['registry.example.com/finance/billing:3.1'],
      }),
    );
    expect(first).toEqual({
      owner: 'group:default/finance',
      score: 6,
      evidence: [
        'images under finance/ also run in ledger, owned by group:default/finance',
        'Helm release finance (eu-west/payments) also installs ledger, ledger-db, owned by group:default/finance',
        'namespace payments (cluster eu-west) also runs ledger, ledger-db, owned by group:default/finance',
      ],
    });
    expect(second).toEqual({
      owner: 'group:default/billing-team',
      score: 3,
      evidence: [
        'image registry.example.com/finance/billing:3.1 is built from repository finance/billing, whose Component component:default/billing is owned by group:default/billing-team',
      ],
    });
    expect(third).toMatchObject({ owner: 'group:default/shop', score: 2 });
  });

  it('never offers the placeholder owner of unowned workloads as evidence', () => {
    const parked = candidate(
      'dbt-runner',
      { namespace: 'data' },
      'group:default/unassigned',
    );
    const withPlaceholder = new OwnerEvidence(
      [parked, ...owned].map(c => ({ candidate: c, owner: c.owner! })),
      repositories,
      ['group:default/unassigned'],
    );
    expect(
      withPlaceholder.suggest(candidate('etl', { namespace: 'data' })),
    ).toEqual([]);
    expect(
      new OwnerEvidence(
        [{ candidate: parked, owner: parked.owner! }],
        repositories,
      ).suggest(candidate('etl', { namespace: 'data' })),
    ).toMatchObject([{ owner: 'group:default/unassigned' }]);
  });

  it('suggests nothing without evidence', () => {
    expect(
      evidence.suggest(
        candidate('lonely', { namespace: 'elsewhere', images: ['redis:7'] }),
      ),
    ).toEqual([]);
  });
});
