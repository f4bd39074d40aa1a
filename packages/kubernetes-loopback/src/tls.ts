import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/** PEM material for a loopback cluster served over TLS, and a client certificate it accepts. */
export interface LoopbackTlsMaterial {
  /** The CA that signed both certificates (what clients put in `caData`, what the server verifies with). */
  ca: string;
  /** The server certificate, for 127.0.0.1 and localhost. */
  cert: string;
  /** The server key. */
  key: string;
  /** A client certificate, for x509 authentication. */
  clientCert: string;
  /** Its key. */
  clientKey: string;
  /** The common name of the client certificate (the user the server sees). */
  clientName: string;
}

const ALGORITHM = {
  name: 'ECDSA',
  namedCurve: 'P-256',
  hash: 'SHA-256',
} as const;

async function keyPair() {
  return webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

async function keyPem(key: webcrypto.CryptoKey) {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PRIVATE KEY-----\n${lines.join(
    '\n',
  )}\n-----END PRIVATE KEY-----\n`;
}

/** Generates a CA, a server certificate for 127.0.0.1 signed by it, and a client certificate. Tests only. */
export async function generateTlsMaterial(
  clientName = 'ratchet-reader',
): Promise<LoopbackTlsMaterial> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 24 * 3_600_000);
  const [caKeys, serverKeys, clientKeys] = await Promise.all([
    keyPair(),
    keyPair(),
    keyPair(),
  ]);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Ratchet loopback CA',
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    keys: caKeys as CryptoKeyPair,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
  const issue = (
    serialNumber: string,
    subject: string,
    publicKey: webcrypto.CryptoKey,
    extensions: x509.Extension[],
  ) =>
    x509.X509CertificateGenerator.create({
      serialNumber,
      subject,
      issuer: ca.subject,
      notBefore,
      notAfter,
      signingAlgorithm: ALGORITHM,
      publicKey: publicKey as CryptoKey,
      signingKey: caKeys.privateKey as CryptoKey,
      extensions,
    });
  const server = await issue('02', 'CN=127.0.0.1', serverKeys.publicKey, [
    new x509.SubjectAlternativeNameExtension([
      { type: 'ip', value: '127.0.0.1' },
      { type: 'dns', value: 'localhost' },
    ]),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
  ]);
  const client = await issue('03', `CN=${clientName}`, clientKeys.publicKey, [
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
  ]);
  return {
    ca: ca.toString('pem'),
    cert: server.toString('pem'),
    key: await keyPem(serverKeys.privateKey),
    clientCert: client.toString('pem'),
    clientKey: await keyPem(clientKeys.privateKey),
    clientName,
  };
}
