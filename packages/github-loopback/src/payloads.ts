/*
 * JSON bodies in GitHub's REST wire format (the fields clients read, with GitHub's names and shapes).
 */
import type { LoopbackCommit, LoopbackFile, Repository } from './Repository';
import type { DependabotAlertSpec, PullRequestSpec } from './types';

const DAY_MS = 86_400_000;

function user(login: string, api: string) {
  return {
    login,
    id: Math.abs(hashCode(login)),
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    url: `${api}/users/${encodeURIComponent(login)}`,
  };
}

function hashCode(value: string): number {
  let h = 0;
  for (let i = 0; i < value.length; i++) h = (h * 31 + value.charCodeAt(i)) | 0;
  return h;
}

/** `GET /repos/{owner}/{repo}`. */
export function repositoryJson(repo: Repository, api: string, web: string) {
  const url = `${api}/repos/${repo.fullName}`;
  return {
    id: Math.abs(hashCode(repo.fullName)),
    node_id: Buffer.from(`Repository:${repo.fullName}`).toString('base64'),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    visibility: repo.private ? 'private' : 'internal',
    owner: { ...user(repo.owner, api), type: 'Organization' },
    html_url: `${web}/${repo.fullName}`,
    description: repo.description || null,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    trees_url: `${url}/git/trees{/sha}`,
    contents_url: `${url}/contents/{+path}`,
    commits_url: `${url}/commits{/sha}`,
    pulls_url: `${url}/pulls{/number}`,
    languages_url: `${url}/languages`,
    default_branch: repo.defaultBranch,
    created_at: repo.createdAt.toISOString(),
    pushed_at: repo.head.date.toISOString(),
    updated_at: repo.head.date.toISOString(),
    language: mainLanguage(repo.languages),
    archived: false,
    disabled: false,
  };
}

function mainLanguage(languages: Record<string, number>): string | null {
  let best: [string, number] | undefined;
  for (const entry of Object.entries(languages)) {
    if (!best || entry[1] > best[1]) best = entry;
  }
  return best?.[0] ?? null;
}

/** `GET /repos/{owner}/{repo}/contents/{path}` for a file (JSON, base64 content). */
export function contentJson(
  repo: Repository,
  file: LoopbackFile,
  ref: string,
  api: string,
  web: string,
) {
  const url = `${api}/repos/${repo.fullName}/contents/${file.path}?ref=${ref}`;
  return {
    type: 'file',
    encoding: 'base64',
    size: file.content.length,
    name: file.path.split('/').pop(),
    path: file.path,
    sha: file.sha,
    content: file.content.toString('base64').replace(/(.{60})/g, '$1\n'),
    url,
    git_url: `${api}/repos/${repo.fullName}/git/blobs/${file.sha}`,
    html_url: `${web}/${repo.fullName}/blob/${ref}/${file.path}`,
    download_url: `${web}/raw/${repo.fullName}/${ref}/${file.path}`,
  };
}

/** `GET /repos/{owner}/{repo}/contents/{dir}`: the directory's entries. */
export function directoryJson(
  repo: Repository,
  dir: string,
  ref: string,
  api: string,
) {
  const prefix = dir ? `${dir}/` : '';
  return repo
    .tree()
    .filter(
      item =>
        item.path.startsWith(prefix) &&
        !item.path.slice(prefix.length).includes('/'),
    )
    .map(item => ({
      type: item.type === 'tree' ? 'dir' : 'file',
      name: item.path.slice(prefix.length),
      path: item.path,
      sha: item.sha,
      size: item.size ?? 0,
      url: `${api}/repos/${repo.fullName}/contents/${item.path}?ref=${ref}`,
    }));
}

/** `GET /repos/{owner}/{repo}/commits/{ref}` and the items of `GET …/commits`. */
export function commitJson(
  repo: Repository,
  commit: LoopbackCommit,
  api: string,
  web: string,
) {
  const index = repo.commits.indexOf(commit);
  const parent = repo.commits[index + 1];
  const author = {
    name: 'Ratchet Demo Bot',
    email: 'bot@ratchet.example',
    date: commit.date.toISOString(),
  };
  return {
    sha: commit.sha,
    url: `${api}/repos/${repo.fullName}/commits/${commit.sha}`,
    html_url: `${web}/${repo.fullName}/commit/${commit.sha}`,
    commit: { author, committer: author, message: commit.message },
    parents: parent
      ? [
          {
            sha: parent.sha,
            url: `${api}/repos/${repo.fullName}/commits/${parent.sha}`,
          },
        ]
      : [],
    files: commit.paths.map(filename => ({ filename })),
  };
}

/** The items of `GET /repos/{owner}/{repo}/dependabot/alerts`. */
export function alertJson(
  repo: Repository,
  alert: DependabotAlertSpec,
  number: number,
  now: Date,
  api: string,
  web: string,
) {
  const created = new Date(now.getTime() - (alert.ageDays ?? 3) * DAY_MS);
  const ghsa =
    alert.ghsaId ??
    `GHSA-${Math.abs(hashCode(`${repo.fullName}/${alert.package}/${number}`))
      .toString(36)
      .padStart(4, 'x')
      .slice(0, 4)}-demo-${number}`;
  const vulnerability = {
    package: { ecosystem: alert.ecosystem ?? 'pip', name: alert.package },
    severity: alert.severity,
    vulnerable_version_range: alert.vulnerableRange ?? null,
    first_patched_version: alert.patchedVersion
      ? { identifier: alert.patchedVersion }
      : null,
  };
  return {
    number,
    state: alert.state ?? 'open',
    dependency: {
      package: vulnerability.package,
      manifest_path: alert.manifestPath ?? 'requirements.txt',
      scope: 'runtime',
    },
    security_advisory: {
      ghsa_id: ghsa,
      summary: alert.summary ?? `Vulnerability in ${alert.package}`,
      severity: alert.severity,
      vulnerabilities: [vulnerability],
    },
    security_vulnerability: vulnerability,
    url: `${api}/repos/${repo.fullName}/dependabot/alerts/${number}`,
    html_url: `${web}/${repo.fullName}/security/dependabot/${number}`,
    created_at: created.toISOString(),
    updated_at: created.toISOString(),
  };
}

/** The items of `GET /repos/{owner}/{repo}/pulls`. */
export function pullJson(
  repo: Repository,
  pull: PullRequestSpec,
  number: number,
  now: Date,
  api: string,
  web: string,
) {
  const created = new Date(now.getTime() - pull.ageDays * DAY_MS);
  return {
    number,
    state: pull.state ?? 'open',
    title: pull.title,
    draft: pull.draft ?? false,
    user: user(pull.author ?? 'dependabot[bot]', api),
    url: `${api}/repos/${repo.fullName}/pulls/${number}`,
    html_url: `${web}/${repo.fullName}/pull/${number}`,
    created_at: created.toISOString(),
    updated_at: created.toISOString(),
    closed_at: pull.state === 'closed' ? created.toISOString() : null,
    base: { ref: repo.defaultBranch },
    head: { ref: `change-${number}` },
  };
}
