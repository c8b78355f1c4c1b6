/** local/simulator/main.ts: announces itself with one JSON line, serves, and stops on SIGTERM. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('the simulator command line', () => {
  it('prints {url, tenantId} once listening, answers, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/simulator/main.ts', '--port', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    try {
      const [firstLine] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const announced = JSON.parse(firstLine) as { url: string; tenantId: string };

      expect(announced).toEqual({ url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), tenantId: '7d1c5e4a-2f3b-4c8d-9e6f-0a1b2c3d4e5f' });
      const discovery = await fetch(`${announced.url}/${announced.tenantId}/v2.0/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toEqual([0, null]);
  });
});
