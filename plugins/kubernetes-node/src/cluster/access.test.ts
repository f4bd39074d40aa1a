import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AuthenticationStrategy } from '@backstage/plugin-kubernetes-node';
import {
  generateEstate,
  generateTlsMaterial,
  LoopbackCluster,
  LoopbackClusterOptions,
  LoopbackTlsMaterial,
} from '@ratchet/kubernetes-loopback';
import { DefaultKubernetesClusterAccess } from './clusters';

const objects = generateEstate({ clusters: ['a'], workloads: 10 }).get('a');
const base64 = (pem: string) => Buffer.from(pem).toString('base64');

// A custom strategy, as an installation adds one: x509 client certificates (no built-in gives those).
const clientCertificate = (
  tls: LoopbackTlsMaterial,
): AuthenticationStrategy => ({
  getCredential: async () => ({
    type: 'x509 client certificate',
    cert: tls.clientCert,
    key: tls.clientKey,
  }),
  validateCluster: () => [],
  presentAuthMetadata: () => ({}),
});

describe('DefaultKubernetesClusterAccess against loopback API servers', () => {
  let tls: LoopbackTlsMaterial;
  const servers: LoopbackCluster[] = [];

  beforeAll(async () => {
    tls = await generateTlsMaterial();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.stop()));
  });

  async function serve(options: Omit<LoopbackClusterOptions, 'name'>) {
    const server = await LoopbackCluster.start({
      name: 'a',
      objects,
      ...options,
    });
    servers.push(server);
    return server;
  }

  function access(
    methods: JsonObject[],
    extra: Partial<
      Parameters<typeof DefaultKubernetesClusterAccess.create>[0]
    > = {},
  ) {
    return DefaultKubernetesClusterAccess.create({
      config: new ConfigReader({
        kubernetes: { clusterLocatorMethods: methods },
      }),
      logger: mockServices.logger.mock(),
      ...extra,
    });
  }

  async function listDeployments(a: DefaultKubernetesClusterAccess) {
    const [cluster] = await a.getClusters();
    const client = await a.client(cluster, { requestTimeoutMs: 2000 });
    return client.list('deployments', {}, d => d.metadata?.name);
  }

  it('reads with a serviceAccount bearer token (ServiceAccountStrategy) and reports a wrong one as 401', async () => {
    const server = await serve({ tokens: 'right' });
    const cluster = (token: string) => ({
      type: 'config',
      clusters: [
        {
          name: 'a',
          url: server.url,
          authProvider: 'serviceAccount',
          serviceAccountToken: token,
        },
      ],
    });
    expect(await listDeployments(access([cluster('right')]))).toHaveLength(7);
    await expect(listDeployments(access([cluster('wrong')]))).rejects.toThrow(
      'cluster a: listing deployments failed with HTTP 401',
    );
  });

  it('reads with a client certificate over TLS through a custom strategy, verifying the server with caData', async () => {
    const server = await serve({
      tls: { cert: tls.cert, key: tls.key, ca: tls.ca },
      clientCertificates: [tls.clientName],
    });
    const methods = [
      {
        type: 'config',
        clusters: [
          {
            name: 'a',
            url: server.url,
            authProvider: 'x509',
            caData: base64(tls.ca),
          },
        ],
      },
    ];
    const a = access(methods, {
      authStrategies: { x509: clientCertificate(tls) },
    });
    expect(await listDeployments(a)).toHaveLength(7);
    expect(server.url).toMatch(/^https:/);
    // The same server refuses a request without the certificate.
    const anonymous = access([
      {
        type: 'config',
        clusters: [
          {
            name: 'a',
            url: server.url,
            authProvider: 'localKubectlProxy',
            caData: base64(tls.ca),
          },
        ],
      },
    ]);
    await expect(listDeployments(anonymous)).rejects.toThrow('HTTP 401');
  });

  it('reads anonymously over TLS and refuses a server certificate it cannot verify', async () => {
    const server = await serve({ tls: { cert: tls.cert, key: tls.key } });
    const cluster = (extra: JsonObject) => ({
      type: 'config',
      clusters: [
        {
          name: 'a',
          url: server.url,
          authProvider: 'localKubectlProxy',
          ...extra,
        },
      ],
    });
    expect(
      await listDeployments(access([cluster({ caData: base64(tls.ca) })])),
    ).toHaveLength(7);
    await expect(listDeployments(access([cluster({})]))).rejects.toThrow(
      /cluster a: listing deployments failed: .*certificate/i,
    );
  });

  it('reads a kubectl-proxy style endpoint: plain HTTP, no credential (AnonymousStrategy)', async () => {
    const server = await serve({});
    const a = access([
      {
        type: 'config',
        clusters: [
          { name: 'a', url: server.url, authProvider: 'localKubectlProxy' },
        ],
      },
    ]);
    expect(await listDeployments(a)).toHaveLength(7);
  });

  it('locates clusters with the catalog and localKubectlProxy locators of the Kubernetes backend', async () => {
    const server = await serve({ tls: { cert: tls.cert, key: tls.key } });
    const catalog = catalogServiceMock({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: {
            name: 'from-catalog',
            annotations: {
              'kubernetes.io/api-server': server.url,
              'kubernetes.io/api-server-certificate-authority': base64(tls.ca),
              'kubernetes.io/auth-provider': 'localKubectlProxy',
            },
          },
          spec: { type: 'kubernetes-cluster', owner: 'group:default/platform' },
        },
      ],
    });
    const a = access(
      [
        { type: 'catalog', dangerouslyAllowClusterUrls: ['127.0.0.1'] },
        { type: 'localKubectlProxy' },
      ],
      { catalog, auth: mockServices.auth() },
    );
    const clusters = await a.getClusters();
    expect(clusters.map(c => [c.name, c.url])).toEqual([
      ['from-catalog', server.url],
      ['local', 'http://127.0.0.1:8001'],
    ]);
    const client = await a.client(clusters[0]);
    expect(
      await client.list('deployments', {}, d => d.metadata?.name),
    ).toHaveLength(7);
  });

  it('explains auth providers a background reader cannot use, and rejects unknown ones at startup', async () => {
    const a = access([
      {
        type: 'config',
        clusters: [
          { name: 'g', url: 'https://gke.example', authProvider: 'google' },
        ],
      },
    ]);
    const [cluster] = await a.getClusters();
    await expect(a.getCredential(cluster)).rejects.toThrow(
      "cluster g: auth provider 'google' uses the signed-in user's token, which a background sync does not have",
    );
    expect(() =>
      access([
        {
          type: 'config',
          clusters: [
            { name: 'x', url: 'https://x.example', authProvider: 'kerberos' },
          ],
        },
      ]),
    ).toThrow(
      `Invalid cluster 'x': authProvider "kerberos" has no config associated with it`,
    );
  });

  it('reports a serviceAccount cluster without a token outside a cluster with the auth provider named', async () => {
    const a = access([
      {
        type: 'config',
        clusters: [
          {
            name: 'a',
            url: 'https://a.example',
            authProvider: 'serviceAccount',
          },
        ],
      },
    ]);
    const [cluster] = await a.getClusters();
    await expect(a.getCredential(cluster)).rejects.toThrow(
      "cluster a: no credential from auth provider 'serviceAccount':",
    );
  });
});
