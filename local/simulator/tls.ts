import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

// @azure/identity only talks to an https authority, and the Graph client only attaches its token
// over https (stack-on-this-machine.md §4). The simulator therefore serves a self-signed
// certificate that is its own CA, so processes started with NODE_EXTRA_CA_CERTS=<cert.pem> trust it.

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const defaultCertificateDir = join(repoRoot, '.local', 'tls');
const generatorScript = fileURLToPath(new URL('./ensure-cert.ts', import.meta.url));

export interface CertificatePaths {
  certPath: string;
  keyPath: string;
}

export function certificatePaths(dir: string): CertificatePaths {
  return { certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') };
}

export function certificateExists(paths: CertificatePaths): boolean {
  return existsSync(paths.certPath) && existsSync(paths.keyPath);
}

/** The certificate in `dir`, generated first when missing. */
export function ensureCertificate(dir: string = defaultCertificateDir): CertificatePaths {
  const paths = certificatePaths(dir);
  if (!certificateExists(paths)) {
    // selfsigned generates only asynchronously; a child process keeps this function synchronous.
    execFileSync(process.execPath, ['--import', 'tsx', generatorScript, dir], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return paths;
}

export async function writeSelfSignedCertificate(paths: CertificatePaths): Promise<void> {
  const notBeforeDate = new Date();
  const notAfterDate = new Date(notBeforeDate);
  notAfterDate.setFullYear(notAfterDate.getFullYear() + 10);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  mkdirSync(dirname(paths.certPath), { recursive: true });
  // Key first, certificate last: certificateExists() sees a complete pair or nothing new.
  writeAtomically(paths.keyPath, pems.private, 0o600);
  writeAtomically(paths.certPath, pems.cert, 0o644);
}

function writeAtomically(path: string, content: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode });
  renameSync(temporary, path);
}
