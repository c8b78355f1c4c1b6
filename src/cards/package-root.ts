/**
 * Files shipped beside the code (the card templates in cards/) are found from the package root, the nearest
 * folder up from this module that holds package.json: the same answer from src/ under tsx and from the
 * compiled dist/ under node, wherever the package is installed.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}: the bot's files are not installed as a package`);
  }
}

const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the installed package, e.g. packagePath('cards', 'help.json'). */
export function packagePath(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}
