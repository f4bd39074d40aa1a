import { loadManifests, simulateControllers } from './manifests';
import { ObjectStore } from './ObjectStore';

describe('manifests', () => {
  it('loads multi-document YAML, skipping empty documents and flattening Lists', () => {
    const objects = loadManifests(`
# comment only
---
apiVersion: v1
kind: List
items:
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: b } }
---
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
`);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/a',
      'ConfigMap/b',
      'Deployment/web',
    ]);
  });

  it('names the document that is not a Kubernetes object', () => {
    expect(() =>
      loadManifests('apiVersion: v1\nkind: X\nmetadata: {}\n', 'bad.yaml'),
    ).toThrow('bad.yaml: document 1: not a Kubernetes object');
    expect(() => loadManifests('a: [1,', 'broken.yaml')).toThrow(
      /^broken\.yaml: document 1: /,
    );
  });

  it('defaults namespaces and declares the namespaces objects use', () => {
    const store = new ObjectStore();
    store.put(
      loadManifests(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n',
      ),
    );
    store.addMissingNamespaces();
    const [deployment] = store.list(
      store.registry.forObject('apps/v1', 'Deployment'),
    );
    expect(deployment.metadata).toMatchObject({
      namespace: 'default',
      resourceVersion: expect.any(String),
      uid: expect.any(String),
    });
    expect(
      store
        .list(store.registry.forObject('v1', 'Namespace'))
        .map(n => n.metadata.name),
    ).toEqual(['default']);
  });

  it('plays the controllers: status, ReplicaSets and running pods', () => {
    const objects = simulateControllers(
      loadManifests(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: web:1.0 }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: ops }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [{ name: agent, image: agent:2 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec: { replicas: 1, template: { spec: { containers: [] } } }
status: { replicas: 1, readyReplicas: 0 }
`),
      { nodes: 2 },
    );
    const kinds = objects.map(o => `${o.kind}/${o.metadata.name}`);
    expect(kinds.filter(k => k.startsWith('Pod/web-'))).toHaveLength(3);
    expect(kinds.filter(k => k.startsWith('Pod/agent-'))).toHaveLength(2);
    expect(kinds.filter(k => k.startsWith('ReplicaSet/web-'))).toHaveLength(1);
    expect(objects.find(o => o.metadata.name === 'web')?.status).toMatchObject({
      readyReplicas: 3,
    });
    // an object that has a status is left as it is
    expect(objects.find(o => o.metadata.name === 'db')?.status).toEqual({
      replicas: 1,
      readyReplicas: 0,
    });
    const pod = objects.find(
      o => o.kind === 'Pod' && o.metadata.name.startsWith('web-'),
    )!;
    expect(pod.metadata.labels).toMatchObject({ app: 'web' });
    expect(pod.status).toMatchObject({
      phase: 'Running',
      containerStatuses: [{ name: 'web', restartCount: 0, ready: true }],
    });
    // the same input gives the same objects
    expect(
      simulateControllers(
        loadManifests(
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec: { template: {} }\n',
        ),
      )[1].metadata.uid,
    ).toBe(
      simulateControllers(
        loadManifests(
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec: { template: {} }\n',
        ),
      )[1].metadata.uid,
    );
  });
});
