/** Severity of a Dependabot alert, as GitHub reports it. */
export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';

/** A Dependabot alert on a repository (the fields clients read; the rest is filled in). */
export interface DependabotAlertSpec {
  /** Package name, e.g. `requests`. */
  package: string;
  /** Ecosystem as GitHub names it: `pip`, `npm`, `go`… (default `pip`). */
  ecosystem?: string;
  /** Manifest the dependency was found in (default `requirements.txt`). */
  manifestPath?: string;
  severity: AlertSeverity;
  /** Advisory id, e.g. `GHSA-j8r2-6x86-q33q` (a placeholder is generated when missing). */
  ghsaId?: string;
  /** Advisory summary. */
  summary?: string;
  /** Vulnerable range, e.g. `< 2.31.0`. */
  vulnerableRange?: string;
  /** First patched version, e.g. `2.31.0`. */
  patchedVersion?: string;
  /** `open` (default), `dismissed`, `fixed` or `auto_dismissed`. */
  state?: 'open' | 'dismissed' | 'fixed' | 'auto_dismissed';
  /** Age of the alert in days (default 3). */
  ageDays?: number;
}

/** An open (or closed) pull request on a repository. */
export interface PullRequestSpec {
  title: string;
  /** Days since the pull request was opened. */
  ageDays: number;
  draft?: boolean;
  /** `open` (default) or `closed`. */
  state?: 'open' | 'closed';
  /** Author login (default `dependabot[bot]`). */
  author?: string;
}

/** A repository to serve. */
export interface RepositorySpec {
  owner: string;
  name: string;
  /** Default branch (default `main`). */
  defaultBranch?: string;
  /** File contents by path from the repository root (`README.md`, `.github/CODEOWNERS`). */
  files: Record<string, string>;
  /** Bytes of code per language, as `GET /repos/{o}/{r}/languages` reports (`{ Python: 12000 }`). */
  languages?: Record<string, number>;
  dependabotAlerts?: DependabotAlertSpec[];
  pullRequests?: PullRequestSpec[];
  /** Private repositories answer 404 to requests without an accepted token, like GitHub. */
  private?: boolean;
  /** Repository description. */
  description?: string;
}

/** Which requests a fault applies to. Every field that is set must match. */
export interface FaultMatch {
  /** `owner/name` of the repository. */
  repo?: string;
  /** A substring or regular expression tested against the request path (with query string). */
  path?: string | RegExp;
  /** Apply to this many matching requests, then disappear (default: until `clearFaults()`). */
  times?: number;
}

/** A fault to inject into matching requests. */
export type LoopbackFault = FaultMatch &
  (
    | { type: 'status'; status: number; message?: string }
    | { type: 'delay'; ms: number }
    | { type: 'hang' }
    | { type: 'rateLimit'; retryAfterSeconds?: number; resetInSeconds?: number }
    | { type: 'secondaryRateLimit'; retryAfterSeconds: number }
  );

/** One request the server received (for assertions such as "this file was answered 304"). */
export interface LoopbackRequest {
  method: string;
  /** Path with query string, e.g. `/api/v3/repos/o/r/contents/README.md?ref=main`. */
  path: string;
  status: number;
  /** The If-None-Match header, when the client sent one. */
  ifNoneMatch?: string;
  /** The token the client sent (`Authorization: token|Bearer …`). */
  token?: string;
}
