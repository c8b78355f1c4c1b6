/** The Teams app package: the manifest validates against Microsoft's 1.24 schema and the zip holds what Teams needs. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { buildManifest, buildPackage } from '../../appPackage/build-package.js';
import { validateManifest } from '../support/schemas.js';

describe('Teams app package', () => {
  it('the manifest validates against the Teams manifest 1.24 schema', () => {
    expect(validateManifest(buildManifest(undefined))).toEqual([]);
  });

  it('offers the bot in personal, group chat and team scopes with its commands', () => {
    const manifest = buildManifest('5b1f3c2d-0e4a-4b6c-8d7e-9f0a1b2c3d4e') as { bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[] };
    expect(manifest.bots[0]).toMatchObject({ botId: '5b1f3c2d-0e4a-4b6c-8d7e-9f0a1b2c3d4e', scopes: ['personal', 'groupChat', 'team'] });
    expect(manifest.bots[0]?.commandLists[0]?.commands.map((c) => c.title)).toEqual(['invite', 'status', 'help', 'notify here', 'audit']);
  });

  it('refuses a bot id that is not a GUID', () => {
    expect(() => buildManifest('my-bot')).toThrow(/not a GUID/);
  });

  it('takes the Teams app id the Agents Toolkit created, and refuses one that is not a GUID', () => {
    const manifest = buildManifest(undefined, '9c3e1a2b-4d5f-4a6b-8c7d-0e1f2a3b4c5d');
    expect(manifest.id).toBe('9c3e1a2b-4d5f-4a6b-8c7d-0e1f2a3b4c5d');
    expect(validateManifest(manifest)).toEqual([]);
    expect(() => buildManifest(undefined, 'guest-invites')).toThrow(/TEAMS_APP_ID .* not a GUID/);
  });

  it('zips the manifest and both icons at the root', () => {
    const file = buildPackage(undefined, join(mkdtempSync(join(tmpdir(), 'pkg-')), 'app.zip'));
    const names = new AdmZip(file).getEntries().map((entry) => entry.entryName).sort();
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('the schema check has teeth', () => {
    expect(validateManifest({ ...buildManifest(undefined), accentColor: 'purple' })).not.toEqual([]);
  });
});
