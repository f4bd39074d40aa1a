import { LoopbackGitHub } from '@ratchet/github-loopback';
import {
  component,
  createSource,
  factsOf,
  NOW,
  TOKEN,
} from './__testUtils__/harness';

const PYPROJECT = `[tool.poetry]
name = "payouts"

[tool.poetry.dependencies]
python = "^3.11"
requests = "^2.28"
ratchet-py-commons = "^1.2"
`;

const POETRY_LOCK = `[[package]]
name = "requests"
version = "2.28.2"

[[package]]
name = "ratchet-py-commons"
version = "1.4.0"
`;

const FILES = {
  'README.md': '# Payouts\n',
  '.github/CODEOWNERS': '* @ratchet-demo/payments\n/docs/ @jdoe\n',
  Dockerfile: 'FROM python:3.12.2-slim AS base\nFROM base\n',
  'pyproject.toml': PYPROJECT,
  'poetry.lock': POETRY_LOCK,
  'requirements.txt': '-r requirements/base.txt\nflask==3.0.2\n',
  'requirements/base.txt': 'requests==2.25.0\ngunicorn>=21\n',
};

const SETTINGS = {
  files: [
    'README.md',
    '.github/CODEOWNERS',
    'Dockerfile',
    'pyproject.toml',
    'poetry.lock',
    'requirements.txt',
    'package.json',
  ],
  headerPropagation: { libraries: { python: ['ratchet_py_commons'] } },
};

describe('ScmFactSource against the loopback GitHub API', () => {
  let github: LoopbackGitHub;

  beforeEach(async () => {
    github = await LoopbackGitHub.start({
      tokens: [TOKEN],
      now: () => NOW,
      repositories: [
        {
          owner: 'ratchet-demo',
          name: 'payouts',
          files: FILES,
          languages: { Python: 52000, Dockerfile: 400 },
          dependabotAlerts: [
            { package: 'requests', severity: 'high' },
            { package: 'urllib3', severity: 'high' },
            { package: 'flask', severity: 'critical' },
            { package: 'jinja2', severity: 'low', state: 'fixed' },
          ],
          pullRequests: [
            { title: 'Old', ageDays: 30 },
            { title: 'Older draft', ageDays: 15, draft: true },
            { title: 'Fresh', ageDays: 2 },
            { title: 'Closed', ageDays: 60, state: 'closed' },
          ],
        },
        {
          owner: 'ratchet-demo',
          name: 'ledger',
          files: { 'package.json': '{ "dependencies": { "express": ' },
          languages: { TypeScript: 1000 },
        },
      ],
    });
  });

  afterEach(() => github.stop());

  const entities = () => [
    component('payouts', github.repoUrl('ratchet-demo/payouts')),
    component(
      'ledger',
      github.repoUrl('ratchet-demo/ledger'),
      'group:default/ledger',
    ),
    component('website'),
  ];

  it('collects file, dependency, Docker, CODEOWNERS and GitHub facts', async () => {
    const { source } = createSource(github, entities(), SETTINGS);
    const collected = await source.collect();
    expect(factsOf(collected, 'payouts')).toEqual({
      repository: { url: github.repoUrl('ratchet-demo/payouts') },
      files: {
        'README.md': { exists: true },
        '.github/CODEOWNERS': { exists: true },
        Dockerfile: { exists: true },
        'pyproject.toml': { exists: true },
        'poetry.lock': { exists: true },
        'requirements.txt': { exists: true },
        'package.json': { exists: false },
      },
      packageManager: 'poetry',
      packageManagers: ['poetry', 'pip'],
      dependencies: {
        // poetry.lock wins over both manifests; requirements/base.txt is read through -r.
        requests: '2.28.2',
        'ratchet-py-commons': '1.4.0',
        flask: '3.0.2',
        gunicorn: '21.0.0',
        vulnerable: { critical: 1, high: 2, medium: 0, low: 0 },
      },
      docker: { baseImage: 'python:3.12.2-slim', pinned: true },
      codeowners: {
        owners: ['@ratchet-demo/payments', '@jdoe'],
        matchesOwner: true,
      },
      httpHeaderPropagation: true,
      language: 'python',
      pullRequests: { open: 3, openOlderThan14d: 2 },
    });
  });

  it('reports a malformed manifest as an error fact and no repository link as no facts', async () => {
    const { source } = createSource(github, entities(), SETTINGS);
    const collected = await source.collect();
    const ledger = factsOf(collected, 'ledger');
    expect(ledger?.errors).toEqual({
      'package.json': expect.stringMatching(/^invalid JSON: /),
    });
    expect(ledger).toMatchObject({
      files: {
        'package.json': { exists: true },
        'README.md': { exists: false },
      },
      language: 'typescript',
      packageManager: 'npm',
      dependencies: { vulnerable: { critical: 0, high: 0, medium: 0, low: 0 } },
    });
    // The library may be in the unreadable manifest: unknown, not false.
    expect(ledger).not.toHaveProperty('httpHeaderPropagation');
    expect(factsOf(collected, 'website')).toEqual({});
  });

  it('reads no file while the branch has not moved, then only what a commit changed', async () => {
    const { source } = createSource(github, entities(), SETTINGS);
    const first = await source.collect();
    github.clearRequests();
    const byRef = (c: typeof first) =>
      [...c].sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    expect(byRef(await source.collect())).toEqual(byRef(first));
    // The head commit answered 304 to its ETag, so no file was asked for.
    expect(github.requests.filter(r => r.path.includes('/contents/'))).toEqual(
      [],
    );
    const heads = github.requests.filter(r => r.path.includes('/commits/'));
    expect(heads.map(h => h.status)).toEqual([304, 304]);
    // Nor the repository itself: its language cannot change without a commit.
    expect(
      github.requests.filter(r =>
        /\/repos\/ratchet-demo\/[a-z]+$/.test(r.path),
      ),
    ).toEqual([]);

    github.commit('ratchet-demo/payouts', {
      'requirements.txt': null,
      Dockerfile: 'FROM python:latest\n',
    });
    github.clearRequests();
    const third = factsOf(await source.collect(), 'payouts');
    expect(third).toMatchObject({
      files: { 'requirements.txt': { exists: false } },
      packageManagers: ['poetry'],
      docker: { baseImage: 'python:latest', pinned: false },
    });
    expect(third?.dependencies).not.toHaveProperty('flask');
    // Every file was asked again with its ETag: only the changed Dockerfile was downloaded.
    const contents = github.requests.filter(r =>
      r.path.includes('/repos/ratchet-demo/payouts/contents/'),
    );
    const status = (path: string) =>
      contents.find(r => r.path.includes(`/contents/${path}?`))?.status;
    expect(status('Dockerfile')).toBe(200);
    expect(status('requirements.txt')).toBe(404);
    expect(status('pyproject.toml')).toBe(304);
    expect(status('README.md')).toBe(304);
    expect(
      contents.filter(r => r.status === 304).every(r => r.ifNoneMatch),
    ).toBe(true);
  });

  it('keeps the last facts of files the host fails to serve (5xx), and logs once per host', async () => {
    const { source, logger } = createSource(github, entities(), SETTINGS);
    const first = await source.collect();
    github.commit('ratchet-demo/payouts', { 'README.md': '# new' });
    github.commit('ratchet-demo/ledger', { 'README.md': '# new' });
    github.fail({ type: 'status', status: 503, path: '/contents/' });
    const second = await source.collect();
    expect(factsOf(second, 'payouts')).toEqual(factsOf(first, 'payouts'));
    const warnings = logger.warn.mock.calls.filter(([m]) =>
      m.includes(github.host),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0][0]).toContain(
      'failed for 2 entities, which keep their last facts',
    );
    expect(warnings[0][0]).toContain('503');
  });

  it('leaves entities out when the GitHub API fails, so their stored facts stay', async () => {
    const { source, logger } = createSource(github, entities(), SETTINGS);
    await source.collect();
    github.fail({ type: 'status', status: 500 });
    const second = await source.collect();
    expect(second.map(c => c.entityRef)).toEqual(['component:default/website']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(/failed for 2 entities.*500/);
  });

  it('leaves an entity out when its host fails before any file was read', async () => {
    github.fail({
      type: 'status',
      status: 502,
      repo: 'ratchet-demo/payouts',
      path: '/contents/',
    });
    const { source, logger } = createSource(github, entities(), SETTINGS);
    const collected = await source.collect();
    expect(factsOf(collected, 'payouts')).toBeUndefined();
    expect(factsOf(collected, 'ledger')).toBeDefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toMatch(/failed for 1 entities.*502/);
  });

  it('gives up on a request that hangs past the timeout', async () => {
    github.fail({
      type: 'hang',
      repo: 'ratchet-demo/payouts',
      path: '/contents/Dockerfile',
    });
    const { source, logger } = createSource(github, entities(), {
      ...SETTINGS,
      requestTimeout: { milliseconds: 300 },
    });
    const collected = await source.collect();
    expect(factsOf(collected, 'payouts')).toBeUndefined();
    expect(logger.warn.mock.calls[0][0]).toContain('timed out after 300 ms');
  });

  it('waits for a rate limit to reset (x-ratelimit-reset), then retries', async () => {
    github.fail({
      type: 'rateLimit',
      resetInSeconds: 30,
      path: '/pulls',
      times: 1,
    });
    const { source, waits } = createSource(github, entities(), SETTINGS);
    const payouts = factsOf(await source.collect(), 'payouts');
    expect(payouts?.pullRequests).toEqual({ open: 3, openOlderThan14d: 2 });
    expect(waits).toContain(30_000);
  });

  it('honours Retry-After of a secondary rate limit', async () => {
    github.fail({
      type: 'secondaryRateLimit',
      retryAfterSeconds: 2,
      path: '/dependabot',
      times: 1,
    });
    const { source, waits } = createSource(github, entities(), SETTINGS);
    const payouts = factsOf(await source.collect(), 'payouts');
    expect(payouts?.dependencies).toMatchObject({ vulnerable: { high: 2 } });
    expect(waits).toContain(2_000);
  });

  it('skips a host whose rate limit resets later than it may wait', async () => {
    github.fail({ type: 'rateLimit', resetInSeconds: 3600 });
    const { source, logger, waits } = createSource(
      github,
      entities(),
      SETTINGS,
    );
    expect(await source.collect()).toEqual([
      { entityRef: 'component:default/website', facts: {}, observedAt: NOW },
    ]);
    expect(waits).toEqual([]);
    const warnings = logger.warn.mock.calls.filter(([m]) =>
      m.includes(github.host),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0][0]).toContain(
      'rate limited until 2026-11-20T13:00:00.000Z',
    );
  });

  it('backs off when UrlReader reports a rate-limited file read', async () => {
    github.fail({
      type: 'rateLimit',
      resetInSeconds: 5,
      path: '/contents/README.md',
      times: 1,
    });
    const { source, waits } = createSource(github, entities(), SETTINGS);
    const payouts = factsOf(await source.collect(), 'payouts');
    expect(payouts?.files).toMatchObject({ 'README.md': { exists: true } });
    expect(waits.length).toBeGreaterThan(0);
  });

  it('leaves Dependabot facts absent when the token may not read alerts', async () => {
    github.fail({
      type: 'status',
      status: 403,
      path: '/dependabot/alerts',
      message: 'Dependabot alerts are disabled for this repository.',
    });
    const { source, logger } = createSource(github, entities(), SETTINGS);
    const payouts = factsOf(await source.collect(), 'payouts');
    expect(payouts?.dependencies).not.toHaveProperty('vulnerable');
    expect(payouts?.language).toBe('python');
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Dependabot alerts are disabled for this repository',
      ),
      expect.objectContaining({ host: github.host, entities: 2 }),
    );
  });
});
