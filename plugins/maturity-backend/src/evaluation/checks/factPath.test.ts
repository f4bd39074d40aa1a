import type { EntityFacts } from '@ratchet/backstage-plugin-maturity-common';
import { compileFactPath } from './factPath';
import { compileRule } from './compileRule';

function resolve(ref: string, facts: EntityFacts) {
  const path = compileFactPath(ref);
  if (!path) throw new Error(`malformed ${ref}`);
  return path.resolve(facts);
}

const facts: EntityFacts = {
  catalog: {
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'github.com/project-slug': 'acme/payments-api',
      },
      tags: ['java', 'pci'],
    },
  },
  scm: {
    files: {
      'pyproject.toml': { exists: true, size: 812 },
      'README.md': { exists: false },
    },
    'dependencies.count': 42,
  },
  kubernetes: {
    replicas: { desired: 3, ready: 2 },
    containers: [{ name: 'app', image: 'app:1.2.3' }, { name: 'sidecar' }],
    limits: null,
  },
};

describe('compileFactPath', () => {
  it('splits the source from the path', () => {
    const path = compileFactPath('scm.files.pyproject.toml.exists');
    expect(path?.source).toBe('scm');
    expect(path?.segments).toEqual(['files', 'pyproject', 'toml', 'exists']);
  });

  it('rejects malformed references', () => {
    expect(compileFactPath('nosource')).toBeUndefined();
    expect(compileFactPath('catalog.')).toBeUndefined();
    expect(compileFactPath('Catalog.x')).toBeUndefined();
  });

  it('walks plain nested keys', () => {
    expect(resolve('kubernetes.replicas.desired', facts)).toBe(3);
    expect(resolve('catalog.metadata.name', facts)).toBe('payments-api');
    expect(resolve('catalog.metadata', facts)).toBe(facts.catalog.metadata);
  });

  it('resolves keys that contain dots and slashes', () => {
    expect(resolve('scm.files.pyproject.toml.exists', facts)).toBe(true);
    expect(resolve('scm.files.README.md.exists', facts)).toBe(false);
    expect(
      resolve('catalog.metadata.annotations.backstage.io/techdocs-ref', facts),
    ).toBe('dir:.');
    expect(resolve('scm.dependencies.count', facts)).toBe(42);
  });

  it('prefers the longest key and backtracks when it leads nowhere', () => {
    const ambiguous: EntityFacts = {
      pushed: { 'a.b': { c: 'long' }, a: { b: { c: 'short', d: 'only' } } },
    };
    expect(resolve('pushed.a.b.c', ambiguous)).toBe('long');
    expect(resolve('pushed.a.b.d', ambiguous)).toBe('only');
  });

  it('indexes arrays and reads their length', () => {
    expect(resolve('kubernetes.containers.length', facts)).toBe(2);
    expect(resolve('kubernetes.containers.0.image', facts)).toBe('app:1.2.3');
    expect(resolve('kubernetes.containers.1.name', facts)).toBe('sidecar');
    expect(resolve('kubernetes.containers.2.name', facts)).toBeUndefined();
    expect(resolve('kubernetes.containers.01.name', facts)).toBeUndefined();
    expect(resolve('kubernetes.containers.name', facts)).toBeUndefined();
    expect(resolve('catalog.metadata.tags.length', facts)).toBe(2);
  });

  it('treats absent, null and untraversable values as missing', () => {
    expect(resolve('kubernetes.limits', facts)).toBeUndefined();
    expect(resolve('kubernetes.limits.cpu', facts)).toBeUndefined();
    expect(resolve('kubernetes.replicas.desired.value', facts)).toBeUndefined();
    expect(resolve('catalog.metadata.name.length', facts)).toBeUndefined();
    expect(resolve('pushed.anything', facts)).toBeUndefined();
  });

  it('never reads inherited properties', () => {
    expect(resolve('kubernetes.replicas.constructor', facts)).toBeUndefined();
    expect(resolve('kubernetes.replicas.toString', facts)).toBeUndefined();
    expect(resolve('kubernetes.__proto__', facts)).toBeUndefined();
    const own: EntityFacts = { pushed: { constructor: 'mine' } };
    expect(resolve('pushed.constructor', own)).toBe('mine');
  });

  it('says whether the source or only the value is missing', () => {
    const path = compileFactPath('kubernetes.oomKills24h');
    expect(path?.describeMissing(facts)).toBe(
      'missing fact kubernetes.oomKills24h (source kubernetes has no value)',
    );
    expect(path?.describeMissing({})).toBe(
      'missing fact kubernetes.oomKills24h (source kubernetes reported no facts for this entity)',
    );
  });

  it('is what rules use', () => {
    const rule = compileRule({
      all: [
        {
          fact: 'scm.files.pyproject.toml.exists',
          operator: 'equal',
          value: true,
        },
        {
          fact: 'catalog.metadata.annotations.backstage.io/techdocs-ref',
          operator: 'exists',
        },
        {
          fact: 'kubernetes.containers.length',
          operator: 'greaterThan',
          value: 1,
        },
      ],
    });
    expect(rule(facts).status).toBe('pass');
  });
});
