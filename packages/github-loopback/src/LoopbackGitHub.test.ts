import net from 'node:net';
import { gunzipSync } from 'node:zlib';
import { LoopbackGitHub } from './LoopbackGitHub';

const REPO = {
  owner: 'acme',
  name: 'payments',
  files: {
    'README.md': '# Payments\n',
    'src/app.py': 'print("hi")\n',
    'requirements.txt': 'requests==2.19.0\n',
  },
  languages: { Python: 9000, Dockerfile: 300 },
  dependabotAlerts: [
    { package: 'requests', severity: 'high' as const },
    { package: 'urllib3', severity: 'critical' as const },
    { package: 'jinja2', severity: 'low' as const, state: 'fixed' as const },
  ],
  pullRequests: [
    { title: 'Old', ageDays: 20 },
    { title: 'New', ageDays: 1, draft: true },
    { title: 'Closed', ageDays: 40, state: 'closed' as const },
  ],
};

interface PullJson {
  title: string;
  draft: boolean;
  created_at: string;
}

describe('LoopbackGitHub', () => {
  let github: LoopbackGitHub;
  const now = new Date('2026-12-06T10:00:00Z');
  const auth = { authorization: 'token t1' };

  beforeEach(async () => {
    github = await LoopbackGitHub.start({
      tokens: ['t1'],
      repositories: [REPO, { ...REPO, name: 'secret', private: true }],
      now: () => now,
    });
  });
  afterEach(() => github.stop());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${github.url}${path}`, { headers, redirect: 'follow' });

  it('serves repository metadata with rate-limit headers', async () => {
    const res = await get('/api/v3/repos/acme/payments', auth);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      full_name: 'acme/payments',
      default_branch: 'main',
      language: 'Python',
      archive_url: `${github.apiBaseUrl}/repos/acme/payments/{archive_format}{/ref}`,
    });
    expect(res.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('4999');
  });

  it('serves raw contents with an ETag and answers 304 to If-None-Match', async () => {
    const raw = { ...auth, accept: 'application/vnd.github.v3.raw' };
    const first = await get(
      '/api/v3/repos/acme/payments/contents/README.md?ref=main',
      raw,
    );
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('# Payments\n');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);

    const again = await get(
      '/api/v3/repos/acme/payments/contents/README.md?ref=main',
      {
        ...raw,
        'if-none-match': etag,
      },
    );
    expect(again.status).toBe(304);

    github.commit('acme/payments', { 'README.md': '# Payments v2\n' });
    const changed = await get(
      '/api/v3/repos/acme/payments/contents/README.md?ref=main',
      {
        ...raw,
        'if-none-match': etag,
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(github.requests.map(r => r.status)).toEqual([200, 304, 200]);
  });

  it('serves JSON contents in base64 and the /raw endpoint without a token', async () => {
    const json = await (
      await get('/api/v3/repos/acme/payments/contents/src/app.py')
    ).json();
    expect(Buffer.from(json.content, 'base64').toString()).toBe(
      'print("hi")\n',
    );
    const raw = await get('/raw/acme/payments/main/requirements.txt');
    expect(await raw.text()).toBe('requests==2.19.0\n');
    expect((await get('/raw/acme/payments/main/nope.txt')).status).toBe(404);
    expect(
      (await get('/api/v3/repos/acme/payments/contents/nope.txt')).status,
    ).toBe(404);
  });

  it('hides private repositories from anonymous clients and rejects unknown tokens', async () => {
    expect((await get('/api/v3/repos/acme/secret')).status).toBe(404);
    expect((await get('/api/v3/repos/acme/secret', auth)).status).toBe(200);
    const bad = await get('/api/v3/repos/acme/payments', {
      authorization: 'token nope',
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('lists open Dependabot alerts (authenticated only) and paginates with Link', async () => {
    expect(
      (await get('/api/v3/repos/acme/payments/dependabot/alerts')).status,
    ).toBe(401);
    const res = await get(
      '/api/v3/repos/acme/payments/dependabot/alerts?state=open&per_page=1',
      auth,
    );
    const page1 = await res.json();
    expect(page1).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"/.exec(
      res.headers.get('link') ?? '',
    )?.[1];
    expect(next).toBeDefined();
    const page2 = await (await fetch(next!, { headers: auth })).json();
    expect(
      [...page1, ...page2]
        .map(
          (a: { security_advisory: { severity: string } }) =>
            a.security_advisory.severity,
        )
        .sort(),
    ).toEqual(['critical', 'high']);
  });

  it('lists pull requests with their creation dates, open by default', async () => {
    const pulls = await (
      await get('/api/v3/repos/acme/payments/pulls', auth)
    ).json();
    expect(
      (pulls as PullJson[]).map(p => [p.title, p.draft, p.created_at]),
    ).toEqual([
      ['New', true, '2026-12-05T10:00:00.000Z'],
      ['Old', false, '2026-11-16T10:00:00.000Z'],
    ]);
    const all = await (
      await get('/api/v3/repos/acme/payments/pulls?state=all', auth)
    ).json();
    expect(all).toHaveLength(3);
  });

  it('serves languages, commit status and a tarball of the head', async () => {
    expect(
      await (await get('/api/v3/repos/acme/payments/languages')).json(),
    ).toEqual({
      Python: 9000,
      Dockerfile: 300,
    });
    const status = await (
      await get('/api/v3/repos/acme/payments/commits/main/status')
    ).json();
    expect(status.sha).toBe(github.repository('acme/payments')!.head.sha);
    const tar = gunzipSync(
      Buffer.from(
        await (
          await get(`/api/v3/repos/acme/payments/tarball/${status.sha}`)
        ).arrayBuffer(),
      ),
    );
    const text = tar.toString('latin1');
    expect(text).toContain(
      `acme-payments-${status.sha.slice(0, 7)}/src/app.py`,
    );
    expect(text).toContain('print("hi")');
  });

  it('answers a branch head as a bare sha with an ETag, 304 while it has not moved', async () => {
    const sha = { accept: 'application/vnd.github.sha' };
    const head = await get('/api/v3/repos/acme/payments/commits/main', sha);
    expect(await head.text()).toBe(
      github.repository('acme/payments')!.head.sha,
    );
    const etag = head.headers.get('etag')!;
    const again = await get('/api/v3/repos/acme/payments/commits/main', {
      ...sha,
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    const json = await (
      await get('/api/v3/repos/acme/payments/commits/main')
    ).json();
    expect(json.sha).toBe(github.repository('acme/payments')!.head.sha);
  });

  it('injects status, rate-limit and secondary rate-limit faults for matching requests', async () => {
    github.fail({
      type: 'status',
      status: 503,
      repo: 'acme/payments',
      path: '/languages',
      times: 1,
    });
    expect((await get('/api/v3/repos/acme/payments/languages')).status).toBe(
      503,
    );
    expect((await get('/api/v3/repos/acme/payments/languages')).status).toBe(
      200,
    );

    github.fail({ type: 'rateLimit', resetInSeconds: 30, times: 1 });
    const limited = await get('/api/v3/repos/acme/payments', auth);
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(
      String(now.getTime() / 1000 + 30),
    );

    github.fail({ type: 'secondaryRateLimit', retryAfterSeconds: 7, times: 1 });
    const secondary = await get('/api/v3/repos/acme/payments', auth);
    expect(secondary.status).toBe(429);
    expect(secondary.headers.get('retry-after')).toBe('7');
  });

  it('enforces the primary rate limit per token', async () => {
    const small = await LoopbackGitHub.start({
      tokens: ['t1'],
      rateLimit: 2,
      repositories: [REPO],
    });
    try {
      const call = () =>
        fetch(`${small.apiBaseUrl}/repos/acme/payments`, { headers: auth });
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(200);
      const third = await call();
      expect(third.status).toBe(403);
      expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await small.stop();
    }
  });

  it('hangs a request until the client gives up', async () => {
    github.fail({ type: 'hang', path: '/languages' });
    await expect(
      fetch(`${github.apiBaseUrl}/repos/acme/payments/languages`, {
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
  });

  it('fails loudly when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>(r => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(LoopbackGitHub.start({ port })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      blocker.close();
    }
  });
});
