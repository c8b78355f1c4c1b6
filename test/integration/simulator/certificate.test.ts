/** ensureCertificate: a self-signed certificate that is its own CA, usable as NODE_EXTRA_CA_CERTS. */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCertificate } from '../../../local/simulator/index.js';

const dir = mkdtempSync(join(tmpdir(), 'simulator-tls-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ensureCertificate', () => {
  it('generates a 10-year RSA 2048 CA certificate for localhost, 127.0.0.1 and ::1, then reuses it', () => {
    const paths = ensureCertificate(join(dir, 'tls'));
    const certificate = new X509Certificate(readFileSync(paths.certPath));
    const key = createPrivateKey(readFileSync(paths.keyPath));
    const firstWrite = statSync(paths.certPath).mtimeMs;

    expect(certificate.subject).toBe('CN=localhost');
    expect(certificate.ca).toBe(true);
    expect(certificate.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(certificate.checkPrivateKey(key)).toBe(true);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const years = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeCloseTo(10, 1);
    expect(statSync(paths.keyPath).mode & 0o077).toBe(0);

    expect(ensureCertificate(join(dir, 'tls'))).toEqual(paths);
    expect(statSync(paths.certPath).mtimeMs).toBe(firstWrite);
  });
});
