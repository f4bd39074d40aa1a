import type {
  BackstageCredentials,
  BackstageServicePrincipal,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';

/** Which push sources a service caller may write; undefined when every caller may write every one. */
export type PushSourceAccess = (subject: string) => ReadonlySet<string>;

/**
 * Reads `maturity.push.allowedSources` (a list of `{ subject, sources }`): once it is set, a service may
 * push only to the sources listed for its subject (the `subject` of its external-access token, or
 * `plugin:<id>` for a backend plugin) and a subject not listed may push nothing. Unset, every service
 * holding `maturity.facts.push` may write every push source (collected and attestation sources are never
 * pushable whatever this says).
 */
export function readPushSourceAccess(
  config: Config,
): PushSourceAccess | undefined {
  const entries = config.getOptionalConfigArray('maturity.push.allowedSources');
  if (!entries) return undefined;
  const bySubject = new Map<string, Set<string>>();
  entries.forEach((entry, index) => {
    const subject = entry.getString('subject');
    const sources = entry.getStringArray('sources');
    if (bySubject.has(subject)) {
      throw new Error(
        `Invalid config at maturity.push.allowedSources[${index}].subject: '${subject}' is listed twice`,
      );
    }
    bySubject.set(subject, new Set(sources));
  });
  return subject => bySubject.get(subject) ?? new Set();
}

/** Throws NotAllowedError (403) naming the sources the caller may not push to. */
export function authorizePushSources(
  access: PushSourceAccess | undefined,
  credentials: BackstageCredentials,
  sources: Iterable<string>,
): void {
  if (!access) return;
  const { subject } = credentials.principal as BackstageServicePrincipal;
  const allowed = access(subject);
  const refused = [...new Set(sources)].filter(s => !allowed.has(s)).sort();
  if (refused.length) {
    throw new NotAllowedError(
      `Not allowed: ${subject} may not push to ${refused
        .map(s => `'${s}'`)
        .join(', ')} (maturity.push.allowedSources: ${
        allowed.size ? [...allowed].sort().join(', ') : 'none'
      })`,
    );
  }
}
