import net from 'node:net';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { maturityModuleGithubDemoRepositories } from './githubDemoRepositories';

jest.setTimeout(60_000);

// The module extends the maturity plugin; a stand-in keeps this test to the module's own behaviour.
const maturityStandIn = createBackendPlugin({
  pluginId: 'maturity',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init() {},
    });
  },
});

async function freePort(): Promise<{ port: number; server: net.Server }> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as net.AddressInfo).port, server };
}

const config = (port: number) =>
  mockServices.rootConfig.factory({
    data: {
      integrations: {
        github: [
          {
            host: `127.0.0.1:${port}`,
            apiBaseUrl: `http://127.0.0.1:${port}/api/v3`,
            rawBaseUrl: `http://127.0.0.1:${port}/raw`,
            token: 'demo-token',
          },
        ],
      },
    },
  });

describe('the demo GitHub', () => {
  it('serves the fixture repositories on the port of the local integration, with its token', async () => {
    const { port, server } = await freePort();
    server.close();
    const backend = await startTestBackend({
      features: [
        maturityStandIn,
        maturityModuleGithubDemoRepositories,
        config(port),
      ],
    });
    try {
      const headers = { authorization: 'token demo-token' };
      const repo = await fetch(
        `http://127.0.0.1:${port}/api/v3/repos/ratchet-demo/fraud-scorer`,
        { headers },
      );
      expect(await repo.json()).toMatchObject({
        full_name: 'ratchet-demo/fraud-scorer',
      });
      const alerts = await fetch(
        `http://127.0.0.1:${port}/api/v3/repos/ratchet-demo/old-signup-flow/dependabot/alerts?state=open`,
        { headers },
      );
      expect((await alerts.json()).length).toBe(2);
      const stranger = await fetch(
        `http://127.0.0.1:${port}/api/v3/repos/ratchet-demo/fraud-scorer`,
        {
          headers: { authorization: 'token nope' },
        },
      );
      expect(stranger.status).toBe(401);
    } finally {
      await backend.stop();
    }
  });

  it('fails the start loudly when the port is taken', async () => {
    const { port, server } = await freePort();
    try {
      await expect(
        startTestBackend({
          features: [
            maturityStandIn,
            maturityModuleGithubDemoRepositories,
            config(port),
          ],
        }),
      ).rejects.toThrow(/EADDRINUSE/);
    } finally {
      server.close();
    }
  });
});
