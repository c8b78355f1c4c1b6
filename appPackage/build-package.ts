/**
 * `npm run package`: the Teams app package (manifest, icons, and the German and French manifest translations the
 * manifest's localizationInfo names) as dist/guest-invites.zip, ready to upload.
 * It needs the Azure Bot's Microsoft App ID (MicrosoftAppId) and the public https address the bot is served
 * from (PUBLIC_BASE_URL), where its privacy and terms pages are; without them it writes nothing.
 * TEAMS_APP_ID, when set (the Agents Toolkit's teamsApp/create writes it), replaces the app's own id, so
 * teamsApp/update finds the app it created.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PackageSettings {
  /** The Azure Bot's Microsoft App ID. */
  readonly botId: string;
  /** https://<host>[/<path>] where the bot answers, without a trailing slash. */
  readonly publicBaseUrl: string;
  /** The Teams app's own id, when the Agents Toolkit created the app (else the manifest's). */
  readonly teamsAppId?: string;
}

/** Reads and checks the settings; every problem is named, with what to do. */
export function packageSettings(env: Readonly<Record<string, string | undefined>>): { ok: true; settings: PackageSettings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const botId = env.MicrosoftAppId?.trim() ?? '';
  if (!botId) problems.push("MicrosoftAppId is not set: set it to your Azure Bot's Microsoft App ID (Azure portal → the bot → Configuration).");
  else if (!GUID.test(botId)) problems.push(`MicrosoftAppId "${botId}" is not a GUID: it must be your Azure Bot's Microsoft App ID, e.g. 5b1f3c2d-0e4a-4b6c-8d7e-9f0a1b2c3d4e.`);

  const base = env.PUBLIC_BASE_URL?.trim() ?? '';
  let publicBaseUrl = '';
  if (!base) {
    problems.push('PUBLIC_BASE_URL is not set: set it to the https address the bot is served from (e.g. https://guest-invites.contoso.com); the manifest links to its /privacy and /terms pages.');
  } else {
    let url: URL | undefined;
    try {
      url = new URL(base);
    } catch {
      problems.push(`PUBLIC_BASE_URL "${base}" is not a URL: give the https address the bot is served from, e.g. https://guest-invites.contoso.com.`);
    }
    if (url && url.protocol !== 'https:') problems.push(`PUBLIC_BASE_URL "${base}" is not https: Teams opens only https pages.`);
    else if (url && /^(localhost|127\.|\[::1\])/.test(url.hostname)) problems.push(`PUBLIC_BASE_URL "${base}" is this machine: give the public address people's Teams clients can reach.`);
    else if (url) publicBaseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  const teamsAppId = env.TEAMS_APP_ID?.trim() ?? '';
  if (teamsAppId && !GUID.test(teamsAppId)) problems.push(`TEAMS_APP_ID "${teamsAppId}" is not a GUID: it must be the Teams app's id (the Agents Toolkit writes it to env/.env.<env>).`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: { botId, publicBaseUrl, ...(teamsAppId ? { teamsAppId } : {}) } };
}

export function buildManifest(settings: PackageSettings): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(`${HERE}manifest.json`, 'utf8')) as {
    id: string;
    bots: { botId: string }[];
    composeExtensions: { botId: string }[];
    developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  } & Record<string, unknown>;
  if (settings.teamsAppId) manifest.id = settings.teamsAppId;
  for (const bot of manifest.bots) bot.botId = settings.botId;
  for (const extension of manifest.composeExtensions) extension.botId = settings.botId;
  manifest.developer.websiteUrl = `${settings.publicBaseUrl}/privacy`;
  manifest.developer.privacyUrl = `${settings.publicBaseUrl}/privacy`;
  manifest.developer.termsOfUseUrl = `${settings.publicBaseUrl}/terms`;
  return manifest;
}

/** The translation files the manifest names (localizationInfo.additionalLanguages[].file), relative to appPackage/. */
export function localizationFiles(manifest: Record<string, unknown>): string[] {
  const info = manifest.localizationInfo as { additionalLanguages?: { file: string }[] } | undefined;
  return (info?.additionalLanguages ?? []).map((language) => language.file);
}

export function buildPackage(settings: PackageSettings, outFile = `${OUT_DIR}guest-invites.zip`): string {
  const zip = new AdmZip();
  const manifest = buildManifest(settings);
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)));
  for (const file of localizationFiles(manifest)) zip.addLocalFile(`${HERE}${file}`);
  zip.addLocalFile(`${HERE}color.png`);
  zip.addLocalFile(`${HERE}outline.png`);
  mkdirSync(OUT_DIR, { recursive: true });
  zip.writeZip(outFile);
  return outFile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const read = packageSettings(process.env);
  if (!read.ok) {
    process.stderr.write(`No app package written:\n${read.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
    process.exit(78); // EX_CONFIG, as the bot exits on a configuration error
  }
  const file = buildPackage(read.settings);
  process.stdout.write(`${file}\n  bot ${read.settings.botId}; privacy and terms at ${read.settings.publicBaseUrl}/privacy and /terms\n  Upload it in Teams: Apps → Manage your apps → Upload an app.\n`);
}
