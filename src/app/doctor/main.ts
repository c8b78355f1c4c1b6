/**
 * `npm run doctor`: checks a configured deployment with the same environment as `npm run bot`. One line per
 * check; exit 0 when none failed (warnings allowed), 1 otherwise, 78 for a configuration error.
 */
import { loadConfigOrExplain, misspeltSettings } from '../config.js';
import { formatResult, warn, type CheckResult } from './result.js';
import { runDoctor } from './run.js';

async function main(): Promise<number> {
  const config = loadConfigOrExplain(process.env);
  if (!config) return 78; // EX_CONFIG
  process.stdout.write(`Guest Invites deployment check: tenant ${config.graph.tenantId}, app ${config.graph.clientId}, delivery ${config.invitations.delivery}\n`);
  const hints: CheckResult[] = misspeltSettings(process.env).map((hint) => warn('Settings', hint));
  const results = [...hints, ...(await runDoctor(config))];
  const width = Math.max(...results.map((result) => result.name.length));
  for (const result of results) process.stdout.write(`${formatResult(result, width)}\n`);
  const failed = results.filter((result) => result.status === 'fail').length;
  const warnings = results.filter((result) => result.status === 'warn').length;
  const warned = warnings === 0 ? '' : ` (${warnings} warning${warnings === 1 ? '' : 's'})`;
  process.stdout.write(
    failed === 0
      ? `All checks passed${warned}.\n`
      : `${failed} check${failed === 1 ? '' : 's'} failed${warned}: fix ${failed === 1 ? 'it' : 'them'} and run npm run doctor again.\n`,
  );
  return failed === 0 ? 0 : 1;
}

const code = await main();
// The SDKs keep connections open; leave once the report is written.
process.stdout.write('', () => process.exit(code));
