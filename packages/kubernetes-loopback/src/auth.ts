import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';

/** An HTTPS server when TLS material is given (asking for, not requiring, a client certificate), else HTTP. */
export function createServer(
  tls: { cert: string; key: string; ca?: string } | undefined,
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): http.Server | https.Server {
  if (!tls) return http.createServer(handler);
  return https.createServer(
    {
      cert: tls.cert,
      key: tls.key,
      ca: tls.ca,
      // Token and anonymous requests come without a certificate; they are judged by the authenticator.
      requestCert: Boolean(tls.ca),
      rejectUnauthorized: false,
    },
    handler,
  );
}

/**
 * Authenticates like an API server: a verified client certificate of a known user (its common name), or
 * a known bearer token. With neither configured every request is anonymous and allowed, as behind
 * `kubectl proxy`.
 */
export function authenticator(options: {
  tokens?: string | string[];
  clientCertificates?: string[];
}): (req: http.IncomingMessage) => boolean {
  const tokens =
    options.tokens === undefined
      ? undefined
      : new Set(
          Array.isArray(options.tokens) ? options.tokens : [options.tokens],
        );
  const names = options.clientCertificates
    ? new Set(options.clientCertificates)
    : undefined;
  return req => {
    if (!tokens && !names) return true;
    const socket = req.socket as Partial<TLSSocket>;
    if (names && socket.authorized) {
      const cn = socket.getPeerCertificate?.()?.subject?.CN;
      if (typeof cn === 'string' && names.has(cn)) return true;
    }
    const header = req.headers.authorization ?? '';
    const token = header.replace(/^Bearer\s+/i, '');
    return Boolean(tokens && header && tokens.has(token));
  };
}

/** A taken port named as such: never fall back to whatever else listens there. */
export function listenError(
  name: string,
  host: string,
  port: number,
  error: NodeJS.ErrnoException,
): Error {
  if (error.code !== 'EADDRINUSE') return error;
  return new Error(
    `Loopback cluster ${name} cannot listen on ${host}:${port}: the port is already in use (another demo or test run?); choose a free port`,
  );
}
