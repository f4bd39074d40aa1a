/** A failed request to a cluster, with the HTTP status when there was one. */
export class KubernetesRequestError extends Error {
  /** HTTP status, or undefined for network errors and timeouts. */
  readonly status?: number;
  /** Cluster name. */
  readonly cluster: string;

  /** Creates the error. */
  constructor(cluster: string, message: string, status?: number) {
    super(message);
    this.name = 'KubernetesRequestError';
    this.cluster = cluster;
    this.status = status;
  }
}

/** Marks a 410 on a continue token, the one failure that a fresh list can recover from. */
export class ExpiredContinueError extends Error {
  readonly cause: KubernetesRequestError;
  constructor(cause: KubernetesRequestError) {
    super(cause.message);
    this.cause = cause;
  }
}

/**
 * The explanation of a failed request, from the API server's Status object (it names the missing
 * permission). The generated client drops the body of a 401, so that one gets a hint of our own.
 */
export function statusMessage(status: number, body: unknown): string {
  if (status === 401 && body === undefined) {
    return ' (Unauthorized: the API server rejected the credential the auth provider gave)';
  }
  try {
    const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
    const { reason, message } = (parsed ?? {}) as {
      reason?: unknown;
      message?: unknown;
    };
    if (typeof message === 'string') {
      return ` (${typeof reason === 'string' ? `${reason}: ` : ''}${message})`;
    }
  } catch {
    // not JSON: the status code has to do
  }
  return '';
}
