/*
 * The loopback GitHub speaks the wire format Backstage's real GithubUrlReader expects: raw and API
 * contents with ETags (NotModifiedError on 304), 404 as NotFoundError, rate limits, readTree through
 * commit status + tarball, and search.
 */
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { LoopbackGitHub } from '@ratchet/github-loopback';

describe('loopback GitHub through the real GithubUrlReader', () => {
  let github: LoopbackGitHub;

  beforeAll(async () => {
    github = await LoopbackGitHub.start({
      tokens: ['demo-token'],
      repositories: [
        {
          owner: 'acme',
          name: 'svc',
          files: {
            'README.md': '# svc\n',
            'docs/index.md': 'Docs\n',
            'docs/more.md': 'More\n',
          },
        },
      ],
    });
  });
  afterAll(() => github.stop());
  afterEach(() => {
    github.clearFaults();
    github.clearRequests();
  });

  const reader = (token?: string) =>
    UrlReaders.default({
      logger: mockServices.logger.mock(),
      config: new ConfigReader({
        integrations: { github: [github.integrationConfig(token)] },
      }),
    });

  it.each([
    [
      'with a token (contents API)',
      'demo-token',
      '/api/v3/repos/acme/svc/contents/README.md',
    ],
    ['without a token (raw)', undefined, '/raw/acme/svc/main/README.md'],
  ])('reads a file %s and reuses its ETag', async (_, token, path) => {
    const urlReader = reader(token);
    const url = github.repoUrl('acme/svc', 'README.md');
    const first = await urlReader.readUrl(url);
    expect((await first.buffer()).toString()).toBe('# svc\n');
    expect(first.etag).toMatch(/^"[0-9a-f]{40}"$/);
    await expect(
      urlReader.readUrl(url, { etag: first.etag }),
    ).rejects.toMatchObject({
      name: 'NotModifiedError',
    });
    expect(github.requests.map(r => [r.path.split('?')[0], r.status])).toEqual([
      [path, 200],
      [path, 304],
    ]);
  });

  it('reports a missing file as NotFoundError and a rate limit as an error naming it', async () => {
    const urlReader = reader('demo-token');
    await expect(
      urlReader.readUrl(github.repoUrl('acme/svc', 'pyproject.toml')),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    github.fail({ type: 'rateLimit', times: 1 });
    await expect(
      urlReader.readUrl(github.repoUrl('acme/svc', 'README.md')),
    ).rejects.toThrow(/rate limit exceeded/);
    github.fail({ type: 'status', status: 502, times: 1 });
    await expect(
      urlReader.readUrl(github.repoUrl('acme/svc', 'README.md')),
    ).rejects.toThrow(/502/);
  });

  it('reads a tree through the commit status and the tarball, keyed by the commit sha', async () => {
    const urlReader = reader('demo-token');
    const tree = await urlReader.readTree(github.repoUrl('acme/svc', 'docs'));
    const files = await tree.files();
    expect(files.map(f => f.path).sort()).toEqual(['index.md', 'more.md']);
    expect(tree.etag).toBe(github.repository('acme/svc')!.head.sha);
    await expect(
      urlReader.readTree(github.repoUrl('acme/svc', 'docs'), {
        etag: tree.etag,
      }),
    ).rejects.toMatchObject({ name: 'NotModifiedError' });
  });

  it('searches with a glob through the recursive tree and blobs', async () => {
    const result = await reader('demo-token').search(
      `${github.url}/acme/svc/blob/main/docs/*.md`,
    );
    const contents = await Promise.all(
      result.files.map(async f => (await f.content()).toString()),
    );
    expect(contents.sort()).toEqual(['Docs\n', 'More\n']);
  });
});
