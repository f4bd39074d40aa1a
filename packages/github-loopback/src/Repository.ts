import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import type {
  DependabotAlertSpec,
  PullRequestSpec,
  RepositorySpec,
} from './types';

/** One commit of a loopback repository. */
export interface LoopbackCommit {
  sha: string;
  message: string;
  date: Date;
  /** Paths added, changed or deleted by the commit. */
  paths: string[];
}

/** A file as stored: its content and its git blob sha (also its ETag). */
export interface LoopbackFile {
  path: string;
  content: Buffer;
  sha: string;
}

function gitHash(type: string, content: Buffer): string {
  return createHash('sha1')
    .update(`${type} ${content.length}\0`)
    .update(content)
    .digest('hex');
}

/**
 * An in-memory repository with one branch: files with git blob shas, a linear commit history (every
 * change is a new commit, so commit shas and ETags move like GitHub's), Dependabot alerts, pull requests
 * and language statistics.
 */
export class Repository {
  readonly owner: string;
  readonly name: string;
  readonly defaultBranch: string;
  readonly private: boolean;
  readonly description: string;
  readonly createdAt: Date;
  languages: Record<string, number>;
  dependabotAlerts: DependabotAlertSpec[];
  pullRequests: PullRequestSpec[];
  readonly #files = new Map<string, LoopbackFile>();
  readonly #commits: LoopbackCommit[] = [];

  constructor(spec: RepositorySpec, now: Date) {
    this.owner = spec.owner;
    this.name = spec.name;
    this.defaultBranch = spec.defaultBranch ?? 'main';
    this.private = spec.private ?? false;
    this.description = spec.description ?? '';
    this.createdAt = new Date(now.getTime() - 400 * 86_400_000);
    this.languages = { ...(spec.languages ?? {}) };
    this.dependabotAlerts = [...(spec.dependabotAlerts ?? [])];
    this.pullRequests = [...(spec.pullRequests ?? [])];
    this.commit(spec.files, 'Initial commit', now);
  }

  /** `owner/name`. */
  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** The head commit of the default branch. */
  get head(): LoopbackCommit {
    return this.#commits[0];
  }

  /** Commits, newest first. */
  get commits(): readonly LoopbackCommit[] {
    return this.#commits;
  }

  /** Every file at the head, sorted by path. */
  get files(): LoopbackFile[] {
    return [...this.#files.values()].sort((a, b) =>
      a.path.localeCompare(b.path),
    );
  }

  /** The file at `path` on the head, if any. */
  file(path: string): LoopbackFile | undefined {
    return this.#files.get(path.replace(/^\/+/, ''));
  }

  /**
   * Applies a change as one commit: a string writes the file, `null` deletes it. Returns the new head sha
   * (or the old one when nothing changed).
   */
  commit(
    changes: Record<string, string | null>,
    message: string,
    date: Date,
  ): string {
    const paths: string[] = [];
    for (const [rawPath, content] of Object.entries(changes)) {
      const path = rawPath.replace(/^\/+/, '');
      if (content === null) {
        if (this.#files.delete(path)) paths.push(path);
        continue;
      }
      const buffer = Buffer.from(content);
      const sha = gitHash('blob', buffer);
      if (this.#files.get(path)?.sha === sha) continue;
      this.#files.set(path, { path, content: buffer, sha });
      paths.push(path);
    }
    if (paths.length === 0 && this.#commits.length > 0) return this.head.sha;
    const tree = this.files.map(f => `${f.sha} ${f.path}`).join('\n');
    const sha = gitHash(
      'commit',
      Buffer.from(
        `tree ${gitHash('tree', Buffer.from(tree))}\nparent ${
          this.#commits[0]?.sha ?? ''
        }\n${date.toISOString()}\n\n${message}`,
      ),
    );
    this.#commits.unshift({ sha, message, date, paths });
    return sha;
  }

  /** The tree of the head, as `GET /git/trees/{sha}?recursive=1` lists it (blobs and directories). */
  tree(): Array<{
    path: string;
    type: 'blob' | 'tree';
    sha: string;
    size?: number;
  }> {
    const dirs = new Set<string>();
    for (const f of this.#files.keys()) {
      const parts = f.split('/');
      for (let i = 1; i < parts.length; i++)
        dirs.add(parts.slice(0, i).join('/'));
    }
    return [
      ...[...dirs].map(path => ({
        path,
        type: 'tree' as const,
        sha: gitHash('tree', Buffer.from(path)),
      })),
      ...this.files.map(f => ({
        path: f.path,
        type: 'blob' as const,
        sha: f.sha,
        size: f.content.length,
      })),
    ].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** A blob by its sha. */
  blob(sha: string): LoopbackFile | undefined {
    return [...this.#files.values()].find(f => f.sha === sha);
  }

  /** The head as a gzipped tarball whose entries sit under `{owner}-{name}-{sha7}/`, like GitHub's. */
  tarball(): Buffer {
    const prefix = `${this.owner}-${this.name}-${this.head.sha.slice(0, 7)}/`;
    const mtime = this.head.date;
    const blocks: Buffer[] = [];
    const entry = (path: string, content?: Buffer) => {
      const header = new Header({
        path,
        mode: content ? 0o644 : 0o755,
        size: content?.length ?? 0,
        mtime,
        type: content ? 'File' : 'Directory',
        uid: 0,
        gid: 0,
      });
      const block = Buffer.alloc(512);
      header.encode(block, 0);
      blocks.push(block);
      if (content) {
        blocks.push(content);
        const pad = (512 - (content.length % 512)) % 512;
        if (pad) blocks.push(Buffer.alloc(pad));
      }
    };
    entry(prefix);
    for (const item of this.tree()) {
      if (item.type === 'tree') entry(`${prefix}${item.path}/`);
      else entry(`${prefix}${item.path}`, this.#files.get(item.path)!.content);
    }
    blocks.push(Buffer.alloc(1024));
    return gzipSync(Buffer.concat(blocks));
  }
}
