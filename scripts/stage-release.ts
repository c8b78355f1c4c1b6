/**
 * `npm run stage -- <folder>`: the release as production runs it, in <folder>: the compiled bot (dist/), its
 * card and page templates and production dependencies only. The Agents Toolkit zip-deploys this folder to App Service;
 * the Dockerfile's run stage holds the same files; test/integration/production-install.test.ts starts it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** What ships besides dist/ and node_modules (the Dockerfile's run stage copies the same). */
export const SHIPPED = ['package.json', 'package-lock.json', 'cards', 'pages', 'locales'] as const;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Marks a folder this script made, so staging again may empty it and nothing else is ever deleted. */
const MARKER = '.staged-release';

function run(args: string[], cwd: string): void {
  const result = spawnSync(NPM, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

export function stageRelease(folder: string): string {
  const target = resolve(folder);
  if (existsSync(target) && readdirSync(target).length > 0 && !existsSync(join(target, MARKER))) {
    throw new Error(`${target} is not empty and was not made by npm run stage: stage the release into a new or empty folder`);
  }
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  writeFileSync(join(target, MARKER), '');
  run(['run', '--silent', 'build', '--', '--outDir', join(target, 'dist')], ROOT);
  for (const entry of SHIPPED) cpSync(join(ROOT, entry), join(target, entry), { recursive: true });
  // --prefer-offline: npm's cache, filled by the development install, serves it without a network.
  // No install scripts: no run-time package needs one.
  // No bin links: the folder holds no symlinks, which zip deploys do not all carry.
  run(['ci', '--omit=dev', '--ignore-scripts', '--no-bin-links', '--prefer-offline', '--no-audit', '--no-fund'], target);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const folder = process.argv[2];
  if (!folder) {
    process.stderr.write('usage: npm run stage -- <folder>\n');
    process.exit(64);
  }
  try {
    process.stdout.write(`${stageRelease(folder)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
