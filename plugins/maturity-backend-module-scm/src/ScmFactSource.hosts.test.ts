import type { Entity } from '@backstage/catalog-model';
import { LoopbackGitHub } from '@ratchet/github-loopback';
import {
  component,
  createSource,
  factsOf,
  NOW,
  TOKEN,
} from './__testUtils__/harness';

const FILES = {
  'README.md': '# Docs',
  'go.mod': 'module x\n\nrequire github.com/a/b v1.2.3\n',
};

describe('ScmFactSource on other hosts and links', () => {
  let github: LoopbackGitHub;
  let plain: LoopbackGitHub;

  beforeEach(async () => {
    const repositories = [
      {
        owner: 'acme',
        name: 'docs',
        defaultBranch: 'trunk',
        files: FILES,
        languages: { Go: 10 },
      },
    ];
    github = await LoopbackGitHub.start({
      tokens: [TOKEN],
      now: () => NOW,
      repositories,
    });
    // Another server that no integration names: read as plain HTTP through backend.reading.allow.
    plain = await LoopbackGitHub.start({ now: () => NOW, repositories });
  });

  afterEach(() => Promise.all([github.stop(), plain.stop()]));

  it('reads a plain HTTP host with ETags and leaves the GitHub-only facts absent', async () => {
    const entity = component('docs', `${plain.rawBaseUrl}/acme/docs/trunk/`);
    const { source } = createSource(
      github,
      [entity],
      { files: ['README.md', 'go.mod', 'Dockerfile'] },
      { backend: { reading: { allow: [{ host: plain.host }] } } },
    );
    const first = factsOf(await source.collect(), 'docs');
    expect(first).toEqual({
      repository: { url: `${plain.rawBaseUrl}/acme/docs/trunk/` },
      files: {
        'README.md': { exists: true },
        'go.mod': { exists: true },
        Dockerfile: { exists: false },
      },
      packageManager: 'go',
      packageManagers: ['go'],
      dependencies: { 'github.com/a/b': '1.2.3' },
    });
    plain.clearRequests();
    expect(factsOf(await source.collect(), 'docs')).toEqual(first);
    const reads = plain.requests.filter(r => r.status !== 404);
    expect(reads.map(r => r.status)).toEqual([304, 304]);
    expect(github.requestCount).toBe(0);
  });

  it('follows github.com/project-slug on the configured host to the default branch', async () => {
    const entity: Entity = {
      ...component('docs'),
      metadata: {
        name: 'docs',
        namespace: 'default',
        annotations: { 'github.com/project-slug': 'acme/docs' },
      },
    };
    const { source } = createSource(github, [entity], {
      files: ['README.md'],
      projectSlugHost: github.host,
    });
    const facts = factsOf(await source.collect(), 'docs');
    expect(facts).toMatchObject({
      // The web URL of the host (https); files and API go through the integration's apiBaseUrl.
      repository: { url: `https://${github.host}/acme/docs/tree/trunk/` },
      files: { 'README.md': { exists: true } },
      language: 'go',
      pullRequests: { open: 0, openOlderThan14d: 0 },
    });
  });

  it('names no facts for an API entity out of the configured kinds', async () => {
    const api: Entity = {
      ...component('orders-api', github.repoUrl('acme/docs')),
      kind: 'API',
    };
    const { source } = createSource(github, [api], { kinds: ['Component'] });
    expect(await source.collect()).toEqual([]);
  });

  it('leaves out entities on a host UrlReader may not read, logged once for the host', async () => {
    const entities = [
      component('one', 'https://git.unknown.example/acme/one/'),
      component('two', 'https://git.unknown.example/acme/two/'),
    ];
    const { source, logger } = createSource(github, entities, {
      files: ['README.md'],
    });
    expect(await source.collect()).toEqual([]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(
      /git\.unknown\.example failed for 2 entities.*not allowed/,
    );
  });

  it('stops when the collection is aborted', async () => {
    const { source } = createSource(github, [
      component('docs', github.repoUrl('acme/docs')),
    ]);
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(source.collect({ signal: controller.signal })).rejects.toThrow(
      'shutting down',
    );
  });
});
