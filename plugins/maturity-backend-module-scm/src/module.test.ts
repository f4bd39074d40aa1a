import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  FactSource,
  maturityFactSourcesExtensionPoint,
} from '@ratchet/backstage-plugin-maturity-node';
import { LoopbackGitHub } from '@ratchet/github-loopback';
import { component, TOKEN } from './__testUtils__/harness';
import maturityModuleScmFacts from './index';

async function start(config: object, entities = [component('website')]) {
  const sources: FactSource[] = [];
  await startTestBackend({
    extensionPoints: [
      [
        maturityFactSourcesExtensionPoint,
        { addFactSource: (...s: FactSource[]) => sources.push(...s) },
      ],
    ],
    features: [
      maturityModuleScmFacts,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return sources;
}

describe('maturityModuleScmFacts', () => {
  it('adds a collecting scm source with the configured schedule and files', async () => {
    const [source] = await start({
      maturity: {
        scm: {
          files: ['README.md', 'poetry.lock'],
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
        },
      },
    });
    expect(source).toMatchObject({
      id: 'scm',
      mode: 'collect',
      schedule: { frequency: { minutes: 30 } },
      entityFilter: { kind: ['Component', 'API'] },
    });
    const properties = source.schema.properties as Record<
      string,
      { properties: Record<string, unknown> }
    >;
    expect(Object.keys(properties.files.properties)).toEqual([
      'README.md',
      'poetry.lock',
    ]);
  });

  it('reads repositories through the backend urlReader service and the integrations config', async () => {
    const github = await LoopbackGitHub.start({
      tokens: [TOKEN],
      repositories: [
        { owner: 'acme', name: 'site', files: { 'README.md': '# Site' } },
      ],
    });
    try {
      const [source] = await start(
        {
          integrations: { github: [github.integrationConfig(TOKEN)] },
          maturity: { scm: { files: ['README.md', 'go.mod'] } },
        },
        [component('site', github.repoUrl('acme/site'))],
      );
      const collected = await source.collect!({});
      expect(collected).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/site',
          facts: expect.objectContaining({
            files: {
              'README.md': { exists: true },
              'go.mod': { exists: false },
            },
          }),
        }),
      ]);
    } finally {
      await github.stop();
    }
  });

  it('refuses a configured path that leaves the repository, naming the key', async () => {
    await expect(
      start({ maturity: { scm: { files: ['README.md', '../secrets'] } } }),
    ).rejects.toThrow(
      'maturity.scm.files[1]: "../secrets" must be a file path inside the repository',
    );
  });
});
