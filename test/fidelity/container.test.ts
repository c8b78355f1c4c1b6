/**
 * The Dockerfile and .dockerignore, read as Docker reads them (no Docker daemon or base image is reachable
 * here): two stages, the run stage slim, unprivileged, health-checked, starting the compiled bot with node,
 * and no secret copied in. test/integration/production-install.test.ts runs what the run stage holds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPPED } from '../../scripts/stage-release.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

interface Stage {
  readonly from: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Instructions with line continuations joined and comments dropped; one stage per FROM. */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [, image = '', name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from: image, name, instructions: [] });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${keyword} before the first FROM`);
      stage.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** The JSON (exec) form of CMD/HEALTHCHECK CMD, or undefined for the shell form. */
function execForm(args: string): string[] | undefined {
  const json = /(\[.*\])\s*$/.exec(args)?.[1];
  return json ? (JSON.parse(json) as string[]) : undefined;
}

const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const build = stages[0]!;
const run = stages.at(-1)!;
const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const last = (stage: Stage, keyword: string) => all(stage, keyword).at(-1);

describe('Dockerfile', () => {
  it('builds in one stage and runs from a slim Node 22 LTS stage', () => {
    expect(stages).toHaveLength(2);
    expect(build.from).toMatch(/^node:22/);
    expect(run.from).toBe('node:22-slim');
    expect(all(build, 'RUN').map((i) => i.args)).toEqual(expect.arrayContaining([expect.stringMatching(/^npm ci\b/), 'npm run build']));
  });

  it('installs production dependencies only in the run stage', () => {
    const installs = all(run, 'RUN').map((i) => i.args);
    expect(installs.some((args) => /npm ci\b.*--omit=dev/.test(args))).toBe(true);
    expect(installs.some((args) => /npm (i|install)\b|npm ci(?!.*--omit=dev)/.test(args))).toBe(false);
    expect(all(run, 'ENV').map((i) => i.args).join(' ')).toMatch(/NODE_ENV=production/);
  });

  it('copies only the compiled bot, its templates and the package manifests into the run stage', () => {
    const copies = all(run, 'COPY').map((i) => i.args);
    expect(copies).toEqual(['package.json package-lock.json ./', `--from=${build.name} /app/dist ./dist`, 'cards ./cards', 'pages ./pages', 'locales ./locales']);
    // The same files as the release `npm run stage` makes, which the production-install test starts.
    const sources = copies.flatMap((args) => args.split(/\s+/).slice(0, -1));
    for (const entry of SHIPPED) expect(sources).toContain(entry);
  });

  it('runs as the unprivileged node user', () => {
    const user = last(run, 'USER')?.args;
    expect(user).toBe('node');
    // USER comes after every COPY/RUN that needs root, and nothing switches back.
    const userIndex = run.instructions.findIndex((i) => i.keyword === 'USER');
    expect(run.instructions.slice(userIndex).some((i) => i.keyword === 'RUN' || (i.keyword === 'USER' && /^(root|0)\b/.test(i.args)))).toBe(false);
  });

  it('starts the compiled entry point with node itself, exposes 3978 and health-checks /healthz with node', () => {
    expect(execForm(last(run, 'CMD')!.args)).toEqual(['node', 'dist/app/main.js']);
    expect(last(run, 'EXPOSE')?.args).toBe('3978');
    const healthcheck = last(run, 'HEALTHCHECK')!.args;
    expect(healthcheck).toMatch(/(^|\s)CMD\s+\[/);
    const probe = execForm(healthcheck);
    expect(probe?.[0]).toBe('node');
    expect(probe?.join(' ')).toContain('/healthz');
  });

  it('copies no secret and no local state', () => {
    const copied = stages.flatMap((stage) => all(stage, 'COPY').concat(all(stage, 'ADD')).map((i) => i.args));
    for (const args of copied) expect(args).not.toMatch(/(^|\s)(\.\s|\.env|\.local|env\/|\*\.user|\.git\b)/);
    const env = stages.flatMap((stage) => all(stage, 'ENV').concat(all(stage, 'ARG')).map((i) => i.args)).join(' ');
    expect(env).not.toMatch(/SECRET|PASSWORD|AccountKey|CONNECTION_STRING/i);
  });

  it('the parser reads continuations and stages (a check with teeth)', () => {
    const parsed = parseDockerfile('FROM a AS one\nRUN x \\\n  y\n# FROM b\nFROM b\nUSER root\n');
    expect(parsed.map((s) => s.name)).toEqual(['one', undefined]);
    expect(parsed[0]!.instructions).toEqual([{ keyword: 'RUN', args: 'x    y' }]);
    expect(parsed[1]!.instructions).toEqual([{ keyword: 'USER', args: 'root' }]);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('keeps dependencies, history, local state and env files out of the build context', () => {
    expect(patterns).toEqual(expect.arrayContaining(['node_modules', '.git', '.local', '.env', '.env.*', '**/.env*', 'env/', '*.user']));
    expect(patterns.some((p) => p.startsWith('!'))).toBe(false);
  });
});
