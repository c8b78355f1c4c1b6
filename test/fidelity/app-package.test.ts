/** The Teams app package: the manifest validates against Microsoft's 1.24 schema and the zip holds what Teams needs. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { describe, expect, it } from 'vitest';
import { buildManifest, buildPackage, localizationFiles, packageSettings } from '../../appPackage/build-package.js';
import { validateLocalization, validateManifest } from '../support/schemas.js';

const SETTINGS = { botId: '5b1f3c2d-0e4a-4b6c-8d7e-9f0a1b2c3d4e', publicBaseUrl: 'https://guest-invites.contoso.com' };

describe('Teams app package', () => {
  it('the manifest validates against the Teams manifest 1.24 schema', () => {
    expect(validateManifest(buildManifest(SETTINGS))).toEqual([]);
  });

  it('offers the bot in personal, group chat and team scopes with its commands', () => {
    const manifest = buildManifest(SETTINGS) as { bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[] };
    expect(manifest.bots[0]).toMatchObject({ botId: SETTINGS.botId, scopes: ['personal', 'groupChat', 'team'] });
    expect(manifest.bots[0]?.commandLists[0]?.commands.map((c) => c.title)).toEqual(['invite', 'status', 'help', 'notify here', 'audit']);
  });

  it("links to the privacy and terms pages the bot serves at its public address", () => {
    expect(buildManifest(SETTINGS).developer).toMatchObject({
      websiteUrl: 'https://guest-invites.contoso.com/privacy',
      privacyUrl: 'https://guest-invites.contoso.com/privacy',
      termsOfUseUrl: 'https://guest-invites.contoso.com/terms',
    });
  });

  it('reads the bot id and the public address from the environment, and names every problem', () => {
    expect(packageSettings({ MicrosoftAppId: SETTINGS.botId, PUBLIC_BASE_URL: 'https://guest-invites.contoso.com/bot/' })).toEqual({
      ok: true,
      settings: { botId: SETTINGS.botId, publicBaseUrl: 'https://guest-invites.contoso.com/bot' },
    });
    const problems = (env: Record<string, string>) => {
      const read = packageSettings(env);
      return read.ok ? [] : read.problems;
    };
    expect(problems({})).toEqual([expect.stringMatching(/^MicrosoftAppId is not set/), expect.stringMatching(/^PUBLIC_BASE_URL is not set/)]);
    expect(problems({ MicrosoftAppId: 'my-bot', PUBLIC_BASE_URL: 'https://x.contoso.com' })).toEqual([expect.stringMatching(/"my-bot" is not a GUID/)]);
    expect(problems({ MicrosoftAppId: SETTINGS.botId, PUBLIC_BASE_URL: 'http://x.contoso.com' })).toEqual([expect.stringMatching(/is not https/)]);
    expect(problems({ MicrosoftAppId: SETTINGS.botId, PUBLIC_BASE_URL: 'https://127.0.0.1:3978' })).toEqual([expect.stringMatching(/is this machine/)]);
    expect(problems({ MicrosoftAppId: SETTINGS.botId, PUBLIC_BASE_URL: 'contoso' })).toEqual([expect.stringMatching(/is not a URL/)]);
  });

  it('npm run package without them writes nothing and exits non-zero, saying what to set', () => {
    const env = { ...process.env, MicrosoftAppId: '', PUBLIC_BASE_URL: '' };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'appPackage/build-package.ts'], { env, encoding: 'utf8' });
    expect(run.status).toBe(78);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('No app package written');
    expect(run.stderr).toContain('MicrosoftAppId is not set');
    expect(run.stderr).toContain('PUBLIC_BASE_URL is not set');
  });

  it('takes the Teams app id the Agents Toolkit created, and refuses one that is not a GUID', () => {
    const env = { MicrosoftAppId: SETTINGS.botId, PUBLIC_BASE_URL: SETTINGS.publicBaseUrl };
    const read = packageSettings({ ...env, TEAMS_APP_ID: '9c3e1a2b-4d5f-4a6b-8c7d-0e1f2a3b4c5d' });
    if (!read.ok) throw new Error(read.problems.join('; '));
    const manifest = buildManifest(read.settings);
    expect(manifest.id).toBe('9c3e1a2b-4d5f-4a6b-8c7d-0e1f2a3b4c5d');
    expect(validateManifest(manifest)).toEqual([]);
    const refused = packageSettings({ ...env, TEAMS_APP_ID: 'guest-invites' });
    expect(refused.ok ? [] : refused.problems).toEqual([expect.stringMatching(/TEAMS_APP_ID .* not a GUID/)]);
  });

  it('zips the manifest and both icons at the root', () => {
    const file = buildPackage(SETTINGS, join(mkdtempSync(join(tmpdir(), 'pkg-')), 'app.zip'));
    const names = new AdmZip(file).getEntries().map((entry) => entry.entryName).sort();
    expect(names).toEqual(['color.png', 'de.json', 'fr.json', 'manifest.json', 'outline.png']);
  });

  it('offers "Invite guests from this message" on a message, answered by the bot with a dialog', () => {
    const manifest = buildManifest(SETTINGS) as { composeExtensions: { botId: string; commands: Record<string, unknown>[] }[] };
    expect(manifest.composeExtensions).toEqual([
      {
        botId: SETTINGS.botId,
        commands: [expect.objectContaining({ id: 'inviteFromMessage', type: 'action', context: ['message'], fetchTask: true, title: 'Invite guests from this message' })],
      },
    ]);
  });

  it('lets the bot send files (the CSV export in a personal chat goes through file consent)', () => {
    expect((buildManifest(SETTINGS) as { bots: { supportsFiles: boolean }[] }).bots[0]?.supportsFiles).toBe(true);
  });
});

describe('the localised app package', () => {
  const manifest = buildManifest(SETTINGS);
  const translations = Object.fromEntries(
    localizationFiles(manifest).map((file) => [file, JSON.parse(readFileSync(new URL(`../../appPackage/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>]),
  );

  /** The manifest's value at a localization key such as `bots[0].commandLists[0].commands[2].title`. */
  const valueAt = (key: string): unknown =>
    key
      .split(/\.(?![^[]*\])/)
      .flatMap((part) => part.split(/[[\]]/).filter(Boolean))
      .reduce<unknown>((node, step) => (node === undefined || node === null ? undefined : (node as Record<string, unknown>)[step]), manifest);

  /** Every manifest text Teams lets a language file replace, that this app has: what each language must translate. */
  const translatable = (): string[] => {
    const typed = manifest as { bots: { commandLists: { commands: object[] }[] }[]; composeExtensions: { commands: object[] }[] };
    return [
      'name.short',
      'name.full',
      'description.short',
      'description.full',
      ...typed.bots[0]!.commandLists.flatMap((list, l) => list.commands.flatMap((_, c) => ['title', 'description'].map((field) => `bots[0].commandLists[${l}].commands[${c}].${field}`))),
      ...typed.composeExtensions[0]!.commands.flatMap((_, c) => ['title', 'description'].map((field) => `composeExtensions[0].commands[${c}].${field}`)),
    ].sort();
  };

  it('defaults to en-us and names a German and a French file', () => {
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'en-us',
      additionalLanguages: [
        { languageTag: 'de-de', file: 'de.json' },
        { languageTag: 'fr-fr', file: 'fr.json' },
      ],
    });
  });

  it.each(['de.json', 'fr.json'])('%s validates against the Teams localization 1.24 schema', (file) => {
    expect(validateLocalization(translations[file])).toEqual([]);
  });

  it.each(['de.json', 'fr.json'])('%s translates every text of the manifest, and only texts the manifest has', (file) => {
    const keys = Object.keys(translations[file]!).filter((key) => key !== '$schema');
    expect(keys.sort()).toEqual(translatable());
    for (const key of keys) expect(typeof valueAt(key), key).toBe('string');
  });

  it.each(['de.json', 'fr.json'])('%s keeps the command words the bot understands and translates what they do', (file) => {
    const translation = translations[file]!;
    for (const key of translatable()) {
      if (/^bots.*\.title$/.test(key)) expect(translation[key], key).toBe(valueAt(key));
      else if (!key.startsWith('name.')) expect(translation[key], key).not.toBe(valueAt(key));
    }
  });

  it('the localization check has teeth', () => {
    expect(validateLocalization({ ...translations['de.json'], 'composeExtensions[0].commands[0].title': 'Gäste aus dieser Nachricht einladen' })).not.toEqual([]);
    expect(validateLocalization({ ...translations['de.json'], 'bots[0].commandList[0].title': 'einladen' })).not.toEqual([]);
  });

  it('the schema check has teeth', () => {
    expect(validateManifest({ ...buildManifest(SETTINGS), accentColor: 'purple' })).not.toEqual([]);
  });
});
