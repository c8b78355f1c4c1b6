/**
 * `npm run package`: the Teams app package (manifest + icons) as dist/guest-invites.zip, ready to upload.
 * The bot id comes from MicrosoftAppId (the Azure Bot's app id); without it the zip carries the
 * placeholder id and is only good for validation. TEAMS_APP_ID, when set (the Agents Toolkit's
 * teamsApp/create writes it), replaces the app's own id, so teamsApp/update finds the app it created.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function buildManifest(botId: string | undefined, appId?: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(`${HERE}manifest.json`, 'utf8')) as { id: string; bots: { botId: string }[] } & Record<string, unknown>;
  if (botId) {
    if (!GUID.test(botId)) throw new Error(`MicrosoftAppId "${botId}" is not a GUID; it must be the Azure Bot's Microsoft App ID.`);
    for (const bot of manifest.bots) bot.botId = botId;
  }
  if (appId) {
    if (!GUID.test(appId)) throw new Error(`TEAMS_APP_ID "${appId}" is not a GUID; it must be the Teams app's id.`);
    manifest.id = appId;
  }
  return manifest;
}

export function buildPackage(botId: string | undefined, outFile = `${OUT_DIR}guest-invites.zip`, appId?: string): string {
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(buildManifest(botId, appId), null, 2)));
  zip.addLocalFile(`${HERE}color.png`);
  zip.addLocalFile(`${HERE}outline.png`);
  mkdirSync(OUT_DIR, { recursive: true });
  zip.writeZip(outFile);
  return outFile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const botId = process.env.MicrosoftAppId || undefined;
  const file = buildPackage(botId, undefined, process.env.TEAMS_APP_ID || undefined);
  process.stdout.write(`${file}${botId ? '' : '  (placeholder bot id: set MicrosoftAppId to the Azure Bot\'s app id before uploading)'}\n`);
}
