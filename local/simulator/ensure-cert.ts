// `npx tsx local/simulator/ensure-cert.ts [dir]`: makes sure the simulator's certificate exists and
// prints its path. npm scripts run it before starting processes, because NODE_EXTRA_CA_CERTS is
// read only when a process starts.
import { certificateExists, certificatePaths, defaultCertificateDir, writeSelfSignedCertificate } from './tls.js';

const paths = certificatePaths(process.argv[2] ?? defaultCertificateDir);
if (!certificateExists(paths)) await writeSelfSignedCertificate(paths);
console.log(paths.certPath);
