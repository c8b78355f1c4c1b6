/**
 * No import cycles in src/: a module that (through others) imports itself has no order in which it can be
 * understood, tested or moved alone, and under ES modules one side sees the other half-initialised.
 */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from '../support/source-files.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Each cycle found by a depth-first walk, as the path that closes it (first module repeated at the end). */
function cyclesIn(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const onPath: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (module: string): void => {
    state.set(module, 'open');
    onPath.push(module);
    for (const next of graph.get(module) ?? []) {
      if (state.get(next) === 'open') cycles.push([...onPath.slice(onPath.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    onPath.pop();
    state.set(module, 'done');
  };
  for (const module of graph.keys()) if (!state.has(module)) visit(module);
  return cycles;
}

/** src/ as a graph: each file to the src/ files it imports (relative specifiers, `.js` written for `.ts`). */
function importGraph(): Map<string, string[]> {
  const files = sourceFiles(join(ROOT, 'src'));
  return new Map(
    files.map((file) => [
      relative(ROOT, file),
      importsOf(file)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => relative(ROOT, resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))),
    ]),
  );
}

describe('import cycles', () => {
  it('the detector finds a cycle through several modules, and none in a tree', () => {
    const withCycle = new Map([
      ['a', ['b']],
      ['b', ['c', 'd']],
      ['c', ['a']],
      ['d', []],
    ]);
    expect(cyclesIn(withCycle)).toEqual([['a', 'b', 'c', 'a']]);
    expect(cyclesIn(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('src/ has none', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(cyclesIn(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
