/*
 * The loopback's REST routes. Paths, status codes, headers and bodies follow GitHub's REST API
 * (https://docs.github.com/rest) as served by GitHub Enterprise Server under /api/v3 and /raw.
 */
import type { Repository } from './Repository';
import {
  alertJson,
  commitJson,
  contentJson,
  directoryJson,
  pullJson,
  repositoryJson,
} from './payloads';

/** What a route needs from the server. */
export interface RouteContext {
  method: string;
  url: URL;
  accept: string;
  ifNoneMatch?: string;
  authorized: boolean;
  now: Date;
  base: string;
  repository(fullName: string): Repository | undefined;
  rateLimit(): Record<string, string>;
}

/** A route's answer: JSON (any value) or bytes. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const NOT_FOUND: Answer = {
  status: 404,
  body: {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
    status: '404',
  },
};

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header
    .split(',')
    .some(t => t.trim() === '*' || strip(t) === strip(etag));
}

function withEtag(ctx: RouteContext, etag: string, answer: Answer): Answer {
  if (etagMatches(ctx.ifNoneMatch, etag)) {
    return { status: 304, headers: { etag } };
  }
  return { ...answer, headers: { ...answer.headers, etag } };
}

/** Resolves a ref (branch, `HEAD`, a commit sha or a prefix of 7+ characters) to a commit of the head line. */
function resolveRef(repo: Repository, ref: string | null) {
  const name = (ref ?? repo.defaultBranch).replace(/^refs\/heads\//, '');
  if (name === repo.defaultBranch || name === 'HEAD') return repo.head;
  if (/^[0-9a-f]{7,40}$/.test(name)) {
    return repo.commits.find(c => c.sha.startsWith(name));
  }
  return undefined;
}

function paginate<T>(ctx: RouteContext, items: T[]): Answer {
  const perPage = Math.min(
    Math.max(Number(ctx.url.searchParams.get('per_page') ?? 30) || 30, 1),
    100,
  );
  const after = ctx.url.searchParams.get('after');
  const page = after
    ? Number(Buffer.from(after, 'base64url').toString()) || 1
    : Math.max(Number(ctx.url.searchParams.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const links: string[] = [];
  const link = (p: number, rel: string) => {
    const u = new URL(ctx.url);
    if (after !== null)
      u.searchParams.set('after', Buffer.from(String(p)).toString('base64url'));
    else u.searchParams.set('page', String(p));
    links.push(`<${u}>; rel="${rel}"`);
  };
  if (page < last) link(page + 1, 'next');
  if (page < last && after === null) link(last, 'last');
  if (page > 1 && after === null) link(1, 'first');
  if (page > 1) link(page - 1, 'prev');
  return {
    status: 200,
    headers: links.length ? { link: links.join(', ') } : {},
    body: items.slice((page - 1) * perPage, page * perPage),
  };
}

function repoRoutes(ctx: RouteContext, repo: Repository, rest: string): Answer {
  const api = `${ctx.base}/api/v3`;
  const web = ctx.base;
  const q = ctx.url.searchParams;
  if (rest === '') return { status: 200, body: repositoryJson(repo, api, web) };
  if (rest === '/languages') return { status: 200, body: repo.languages };

  const contents = /^\/contents(?:\/(.*))?$/.exec(rest);
  if (contents) {
    const commit = resolveRef(repo, q.get('ref'));
    if (!commit) {
      return {
        status: 404,
        body: { message: `No commit found for the ref ${q.get('ref')}` },
      };
    }
    const path = decodeURIComponent(contents[1] ?? '').replace(/\/+$/, '');
    const ref = q.get('ref') ?? repo.defaultBranch;
    const file = repo.file(path);
    if (file) {
      if (ctx.accept.includes('raw')) {
        return withEtag(ctx, `"${file.sha}"`, {
          status: 200,
          headers: {
            'content-type': 'application/vnd.github.raw; charset=utf-8',
          },
          body: file.content,
        });
      }
      return withEtag(ctx, `W/"${file.sha}.json"`, {
        status: 200,
        body: contentJson(repo, file, ref, api, web),
      });
    }
    const entries = directoryJson(repo, path, ref, api);
    return entries.length ? { status: 200, body: entries } : NOT_FOUND;
  }

  if (rest === '/commits') {
    const commit = resolveRef(repo, q.get('sha'));
    if (!commit) return NOT_FOUND;
    const path = q.get('path');
    const line = repo.commits
      .slice(repo.commits.indexOf(commit))
      .filter(
        c => !path || c.paths.some(p => p === path || p.startsWith(`${path}/`)),
      );
    return paginate(
      ctx,
      line.map(c => commitJson(repo, c, api, web)),
    );
  }
  const commitStatus = /^\/commits\/([^/]+)\/status$/.exec(rest);
  if (commitStatus) {
    const commit = resolveRef(repo, decodeURIComponent(commitStatus[1]));
    if (!commit) return NOT_FOUND;
    return {
      status: 200,
      body: {
        state: 'success',
        sha: commit.sha,
        total_count: 0,
        statuses: [],
        repository: repositoryJson(repo, api, web),
        commit_url: `${api}/repos/${repo.fullName}/commits/${commit.sha}`,
      },
    };
  }
  const singleCommit = /^\/commits\/([^/]+)$/.exec(rest);
  if (singleCommit) {
    const commit = resolveRef(repo, decodeURIComponent(singleCommit[1]));
    if (!commit) {
      return {
        status: 422,
        body: { message: `No commit found for SHA: ${singleCommit[1]}` },
      };
    }
    // `Accept: application/vnd.github.sha` answers the bare sha: the cheap way to poll a branch's head.
    if (ctx.accept.includes('application/vnd.github.sha')) {
      return withEtag(ctx, `"${commit.sha}.sha"`, {
        status: 200,
        headers: {
          'content-type': 'application/vnd.github.sha; charset=utf-8',
        },
        body: Buffer.from(commit.sha),
      });
    }
    return withEtag(ctx, `"${commit.sha}"`, {
      status: 200,
      body: commitJson(repo, commit, api, web),
    });
  }
  const branch = /^\/branches\/(.+)$/.exec(rest);
  if (branch) {
    if (decodeURIComponent(branch[1]) !== repo.defaultBranch) return NOT_FOUND;
    return {
      status: 200,
      body: {
        name: repo.defaultBranch,
        commit: commitJson(repo, repo.head, api, web),
        protected: true,
      },
    };
  }
  const tree = /^\/git\/trees\/([^/]+)$/.exec(rest);
  if (tree) {
    const commit = resolveRef(repo, decodeURIComponent(tree[1]));
    if (!commit) return NOT_FOUND;
    const recursive = q.has('recursive');
    return {
      status: 200,
      body: {
        sha: commit.sha,
        url: `${api}/repos/${repo.fullName}/git/trees/${commit.sha}`,
        tree: repo
          .tree()
          .filter(item => recursive || !item.path.includes('/'))
          .map(item => ({
            path: item.path,
            mode: item.type === 'tree' ? '040000' : '100644',
            type: item.type,
            sha: item.sha,
            ...(item.size !== undefined ? { size: item.size } : {}),
            url: `${api}/repos/${repo.fullName}/git/${
              item.type === 'tree' ? 'trees' : 'blobs'
            }/${item.sha}`,
          })),
        truncated: false,
      },
    };
  }
  const blob = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest);
  if (blob) {
    const file = repo.blob(blob[1]);
    if (!file) return NOT_FOUND;
    return {
      status: 200,
      body: {
        sha: file.sha,
        size: file.content.length,
        url: `${api}/repos/${repo.fullName}/git/blobs/${file.sha}`,
        content: file.content.toString('base64'),
        encoding: 'base64',
      },
    };
  }
  const tarball = /^\/tarball(?:\/(.+))?$/.exec(rest);
  if (tarball) {
    const commit = resolveRef(
      repo,
      tarball[1] ? decodeURIComponent(tarball[1]) : null,
    );
    if (!commit) return NOT_FOUND;
    // GitHub redirects archive downloads to codeload; clients must follow the redirect.
    return {
      status: 302,
      headers: {
        location: `${ctx.base}/_codeload/${repo.fullName}/legacy.tar.gz/${commit.sha}`,
      },
    };
  }
  if (rest === '/dependabot/alerts') {
    if (!ctx.authorized) {
      return { status: 401, body: { message: 'Requires authentication' } };
    }
    const state = q.get('state')?.split(',');
    const severity = q.get('severity')?.split(',');
    const alerts = repo.dependabotAlerts
      .map((a, i) => alertJson(repo, a, i + 1, ctx.now, api, web))
      .filter(a => !state || state.includes(a.state))
      .filter(a => !severity || severity.includes(a.security_advisory.severity))
      .reverse();
    return paginate(ctx, alerts);
  }
  if (rest === '/pulls') {
    const state = q.get('state') ?? 'open';
    const pulls = repo.pullRequests
      .map((p, i) => pullJson(repo, p, i + 1, ctx.now, api, web))
      .filter(p => state === 'all' || p.state === state)
      .sort((a, b) => b.created_at.localeCompare(a.created_at));
    if ((q.get('direction') ?? 'desc') === 'asc') pulls.reverse();
    return paginate(ctx, pulls);
  }
  return NOT_FOUND;
}

function html(title: string, body: string): Answer {
  const esc = (s: string) => s.replace(/[&<>"]/g, c => `&#${c.charCodeAt(0)};`);
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(
      `<!doctype html><title>${esc(title)}</title><h1>${esc(
        title,
      )}</h1>${body}`,
    ),
  };
}

/** Answers one request. */
export function route(ctx: RouteContext): Answer {
  const path = ctx.url.pathname;
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    return { status: 404, body: { message: 'Not Found' } };
  }
  const visible = (name: string) => {
    const repo = ctx.repository(name);
    return repo && (!repo.private || ctx.authorized) ? repo : undefined;
  };

  if (path === '/api/v3/rate_limit') {
    return { status: 200, body: { resources: { core: ctx.rateLimit() } } };
  }
  const api = /^\/api\/v3\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(path);
  if (api) {
    const repo = visible(decodeURIComponent(api[1]));
    return repo ? repoRoutes(ctx, repo, api[2] ?? '') : NOT_FOUND;
  }
  const raw = /^\/raw\/([^/]+\/[^/]+)\/([^/]+)\/(.+)$/.exec(path);
  if (raw) {
    const repo = visible(decodeURIComponent(raw[1]));
    const commit = repo && resolveRef(repo, decodeURIComponent(raw[2]));
    const file = commit && repo.file(decodeURIComponent(raw[3]));
    if (!file)
      return {
        status: 404,
        headers: { 'content-type': 'text/plain' },
        body: Buffer.from('404: Not Found'),
      };
    return withEtag(ctx, `"${file.sha}"`, {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: file.content,
    });
  }
  const codeload =
    /^\/_codeload\/([^/]+\/[^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(path);
  if (codeload) {
    const repo = visible(codeload[1]);
    if (!repo || !resolveRef(repo, codeload[2])) return NOT_FOUND;
    return {
      status: 200,
      headers: {
        'content-type': 'application/x-gzip',
        'content-disposition': `attachment; filename=${repo.owner}-${
          repo.name
        }-${codeload[2].slice(0, 7)}.tar.gz`,
      },
      body: repo.tarball(),
    };
  }
  // Web pages, so the demo's "View source" links land somewhere readable.
  const web = /^\/([^/]+\/[^/]+)(?:\/(?:tree|blob)\/[^/]+\/?(.*))?$/.exec(path);
  const repo = web && visible(decodeURIComponent(web[1]));
  if (web && repo) {
    const file = web[2] ? repo.file(decodeURIComponent(web[2])) : undefined;
    if (file)
      return html(
        `${repo.fullName}: ${file.path}`,
        `<pre>${file.content
          .toString()
          .replace(/[&<]/g, c => `&#${c.charCodeAt(0)};`)}</pre>`,
      );
    const items = repo.files
      .map(
        f =>
          `<li><a href="/${repo.fullName}/blob/${repo.defaultBranch}/${f.path}">${f.path}</a></li>`,
      )
      .join('');
    return html(
      repo.fullName,
      `<p>Loopback GitHub (demo)</p><ul>${items}</ul>`,
    );
  }
  return NOT_FOUND;
}
