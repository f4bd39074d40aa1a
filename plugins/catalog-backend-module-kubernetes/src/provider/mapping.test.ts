import {
  DEFAULT_MAPPING,
  mapWorkload,
  MappedField,
  MappingRules,
  parseMappingSource,
  toEntityName,
  WorkloadRecord,
} from './mapping';

const rules = Object.fromEntries(
  Object.entries(DEFAULT_MAPPING).map(([field, sources]) => [
    field,
    sources.map(parseMappingSource),
  ]),
) as MappingRules;

const base: WorkloadRecord = {
  cluster: 'eu-west',
  kind: 'Deployment',
  name: 'web-7f9',
  namespace: 'shop',
  labels: { app: 'web', 'app.kubernetes.io/version': '1.2.0' },
  annotations: {},
  podLabels: {
    app: 'web',
    'app.kubernetes.io/version': '1.2.0',
    'pod-template-hash': 'abc',
  },
  selector: { app: 'web' },
};

describe('mapWorkload', () => {
  it('falls back to the workload name and a selector the workload and its pods share', () => {
    expect(mapWorkload(rules, base, undefined)).toEqual({
      cluster: 'eu-west',
      kind: 'Deployment',
      workloadName: 'web-7f9',
      namespace: 'shop',
      name: 'web-7f9',
      lifecycle: 'production',
      type: 'service',
      tags: [],
      links: [],
      labelSelector: 'app=web',
      images: [],
      owner: undefined,
      ownerSource: undefined,
      title: undefined,
      description: undefined,
      system: undefined,
      kubernetesId: undefined,
    });
  });

  it('prefers override annotations over labels over namespace labels', () => {
    const ns = { labels: { 'ratchet.dev/team': 'shop-team' }, annotations: {} };
    const labelled = {
      ...base,
      labels: { ...base.labels, 'ratchet.dev/team': 'checkout' },
    };
    expect(mapWorkload(rules, base, ns)?.owner).toBe('group:default/shop-team');
    expect(mapWorkload(rules, labelled, ns)?.owner).toBe(
      'group:default/checkout',
    );
    const annotated = {
      ...labelled,
      annotations: { 'ratchet.dev/owner': 'user:default/jane' },
    };
    expect(mapWorkload(rules, annotated, ns)).toMatchObject({
      owner: 'user:default/jane',
      ownerSource: 'annotation:ratchet.dev/owner',
    });
  });

  it('follows the recommended labels for name and system', () => {
    const w = {
      ...base,
      labels: {
        'app.kubernetes.io/name': 'storefront',
        'app.kubernetes.io/part-of': 'shop',
      },
    };
    expect(mapWorkload(rules, w, undefined)).toMatchObject({
      name: 'storefront',
      system: 'shop',
    });
  });

  it('parses tags and links from override annotations', () => {
    const w = {
      ...base,
      annotations: {
        'ratchet.dev/tags': 'Python, pii ,web app',
        'ratchet.dev/links':
          'Runbook=https://runbooks.example/web\nhttps://grafana.example/d/web, not a url',
        'ratchet.dev/lifecycle': 'experimental',
        'ratchet.dev/type': 'website',
        'ratchet.dev/title': 'Web shop',
      },
    };
    expect(mapWorkload(rules, w, undefined)).toMatchObject({
      tags: ['python', 'pii', 'web-app'],
      links: [
        { url: 'https://runbooks.example/web', title: 'Runbook' },
        { url: 'https://grafana.example/d/web' },
      ],
      lifecycle: 'experimental',
      type: 'website',
      title: 'Web shop',
    });
  });

  it('makes names valid for the catalog and gives up on names with nothing valid', () => {
    expect(toEntityName('My Service/v2')).toBe('My-Service-v2');
    expect(toEntityName('-x-'.repeat(40))).toMatch(/^x[-x]{0,61}x$/);
    expect(toEntityName('***')).toBeUndefined();
    const nameless = { ...base, name: '***', labels: {} };
    expect(
      mapWorkload(
        { ...rules, name: [parseMappingSource('workload:name')] },
        nameless,
        undefined,
      ),
    ).toBeUndefined();
  });

  it('reads workload fields and literal values', () => {
    const custom: MappingRules = {
      ...rules,
      system: [parseMappingSource('workload:namespace')],
      tags: ['workload:cluster', 'workload:kind', 'value:k8s'].map(
        parseMappingSource,
      ),
    };
    expect(mapWorkload(custom, base, undefined)).toMatchObject({
      system: 'shop',
      tags: ['eu-west', 'deployment', 'k8s'],
    });
  });

  it.each(Object.keys(DEFAULT_MAPPING) as MappedField[])(
    'parses every default source of %s',
    field => {
      expect(() =>
        DEFAULT_MAPPING[field].map(parseMappingSource),
      ).not.toThrow();
    },
  );
});
