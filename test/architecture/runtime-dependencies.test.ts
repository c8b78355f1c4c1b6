/**
 * What src/ imports at run time is installed in production: `npm ci --omit=dev` leaves out devDependencies,
 * so a bare import of one (or of a package only hoisted in by another) would start in development and crash
 * in the container. test/integration/production-install.test.ts proves the start; this names the culprit.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../support/source-files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Imports that survive compilation: `import type` is erased by tsc and needs nothing at run time. */
function runtimePackages(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)].map((m) => (m[1] ?? m[2])!);
  return specifiers
    .filter((specifier) => !specifier.startsWith('.') && !specifier.startsWith('node:') && !builtinModules.includes(specifier))
    .map((specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
}

describe('run-time dependencies', () => {
  const files = sourceFiles(join(ROOT, 'src'));

  it('every package src/ imports is a production dependency', () => {
    const missing = files.flatMap((file) => runtimePackages(file).filter((name) => !(name in manifest.dependencies)).map((name) => `${relative(ROOT, file)} imports ${name}`));
    expect(files.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('no TypeScript loader is needed to run the bot', () => {
    expect(manifest.dependencies).not.toHaveProperty('tsx');
    expect(manifest.devDependencies).toHaveProperty('tsx');
  });

  it('the check has teeth: a dev-only import is caught', () => {
    expect(runtimePackages(join(ROOT, 'test/architecture/runtime-dependencies.test.ts'))).toContain('vitest');
    expect('vitest' in manifest.dependencies).toBe(false);
  });
});
