/**
 * The audit export as a file, in a personal chat: Teams' file consent flow. The bot offers the file with a
 * FileConsentCard; the person's Allow comes back as a `fileConsent/invoke` with an upload address in their
 * OneDrive, where the bot PUTs the CSV (one request, with its Content-Range, as Teams' upload sessions take it)
 * and then shows the file with a FileInfoCard. Decline is answered politely. Teams' bot file APIs work in
 * personal chats only: elsewhere the export stays a signed, short-lived link.
 *
 * Nothing is read or audited until Allow: the administrator is checked again then, from the invoke's sender,
 * and the export is audited as the link's is.
 */
import { TurnContext, type Attachment, type FileConsentCardResponse } from 'botbuilder';
import type { Logger } from 'pino';
import { z } from 'zod';
import { auditExportFileName, MAX_AUDIT_DAYS, type AuditRequest } from '../domain/use-cases/administration.js';
import { actorOf } from './actor.js';
import type { IntakeServices, IntakeSettings } from './intake.js';
import { wordsFor } from './user-locale.js';

const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

/** Where Teams' upload addresses point: the person's OneDrive for work or school, on SharePoint Online (commercial and national clouds). */
const ONEDRIVE_HOST_SUFFIXES = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-mil.us', '.sharepoint.cn', '.sharepoint.de'];

/** A slow OneDrive is not waited on for ever: the invoke is answered, and the person told. */
const UPLOAD_TIMEOUT_MS = 30_000;

/** What the consent card carries to the Allow: which export, never any of its data. */
const exportContext = z.object({
  export: z.literal('audit'),
  days: z.number().int().min(1).max(MAX_AUDIT_DAYS),
  address: z.string().min(3).max(320).optional(),
});

const uploadInfo = z.object({
  uploadUrl: z.string().min(1),
  contentUrl: z.string().min(1),
  name: z.string().min(1).max(400),
  uniqueId: z.string().min(1).optional(),
  fileType: z.string().optional(),
});

/** The consent card offering the audit export of `request` as a CSV file. */
export function auditFileOffer(turn: TurnContext, request: AuditRequest, now: Date): Attachment {
  const words = wordsFor(turn.activity);
  const context = { export: 'audit', days: request.days, ...(request.address ? { address: request.address } : {}) };
  return {
    contentType: FILE_CONSENT,
    name: auditExportFileName(now),
    content: {
      description: words.t('files:offer', { days: request.days, about: request.address ? 'guest' : 'all', address: request.address ?? '' }),
      acceptContext: context,
      declineContext: context,
    },
  };
}

/**
 * Is this an address Teams would give for an upload? Parsed, not matched as text: https on a OneDrive host.
 * Without Bot Framework authentication (the bot then listens on loopback only, for the Playground and tests)
 * a stand-in on this machine is accepted too.
 */
export function isOneDriveUploadUrl(address: string, acceptLoopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (acceptLoopback && (host === '127.0.0.1' || host === 'localhost' || host === '[::1]')) return url.protocol === 'https:' || url.protocol === 'http:';
  return url.protocol === 'https:' && ONEDRIVE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

interface FileConsentContext {
  readonly turn: TurnContext;
  readonly response: FileConsentCardResponse;
  readonly services: IntakeServices;
  readonly settings: IntakeSettings;
  readonly log: Logger;
}

export async function acceptFile({ turn, response, services, settings, log }: FileConsentContext): Promise<void> {
  const words = wordsFor(turn.activity);
  const say = (text: string) => turn.sendActivity({ type: 'message', text, textFormat: 'plain' });
  const wanted = exportContext.safeParse(response.context);
  const upload = uploadInfo.safeParse(response.uploadInfo);
  if (!wanted.success || !upload.success) {
    log.warn({ problem: wanted.success ? 'uploadInfo' : 'context' }, 'file consent with data of the wrong shape');
    await say(words.t('files:unknownFile'));
    return;
  }
  if (!isOneDriveUploadUrl(upload.data.uploadUrl, settings.acceptLoopbackUploads === true)) {
    log.warn('file consent with an upload address outside OneDrive: refused');
    await say(words.t('files:untrustedUpload'));
    return;
  }
  const { export: _kind, ...request } = wanted.data;
  const csv = await services.exportAuditCsv(actorOf(turn), request);
  if (csv.kind === 'not-allowed') {
    await say(words.t('files:notAllowed'));
    return;
  }
  const bytes = Buffer.from(csv.value, 'utf8');
  const status = await put(upload.data.uploadUrl, bytes, log);
  if (status === undefined || status < 200 || status >= 300) {
    await say(words.t('files:uploadFailed', { status: status ?? 0 }));
    return;
  }
  log.info({ bytes: bytes.length, status }, 'audit export uploaded to OneDrive');
  await turn.sendActivity({
    type: 'message',
    text: words.t('files:saved'),
    textFormat: 'plain',
    attachments: [
      {
        contentType: FILE_INFO,
        contentUrl: upload.data.contentUrl,
        name: upload.data.name,
        content: { uniqueId: upload.data.uniqueId, fileType: upload.data.fileType ?? 'csv' },
      },
    ],
  });
}

export async function declineFile({ turn }: Pick<FileConsentContext, 'turn'>): Promise<void> {
  await turn.sendActivity({ type: 'message', text: wordsFor(turn.activity).t('files:declined'), textFormat: 'plain' });
}

/** The whole file in one PUT: Teams' upload URL is a OneDrive upload session, which takes a byte range with its total. */
async function put(uploadUrl: string, bytes: Buffer, log: Logger): Promise<number | undefined> {
  try {
    const response = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Length': String(bytes.length), 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
      body: bytes,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    if (!response.ok) log.warn({ status: response.status }, 'OneDrive refused the upload');
    return response.status;
  } catch (error) {
    log.warn({ err: error }, 'the upload to OneDrive failed');
    return undefined;
  }
}
