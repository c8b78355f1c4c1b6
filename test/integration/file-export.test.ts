/**
 * The audit export as a file in a personal chat, through Teams' file consent flow and the bot's real
 * /api/messages: `audit` offers a FileConsentCard; Allow comes back as fileConsent/invoke with an upload URL,
 * answered here by a local stand-in for OneDrive's upload session (one PUT with Content-Range), then a
 * FileInfoCard; Decline, a non-administrator and a failing upload each get a plain answer.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DANA, fileConsent, FOX, message, postActivity } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { cardOf, cardText, type RecordedCall } from '../support/connector-recorder.js';
import { validateCard } from '../support/schemas.js';

interface Upload {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

let oneDrive: Server;
let oneDriveUrl: string;
const uploads: Upload[] = [];
/** What the stand-in answers the next upload with. */
let uploadStatus = 201;

// The OneDrive stand-in is up before the bot starts and until it has closed.
beforeAll(async () => {
  // OneDrive's upload session: a PUT of the bytes with their Content-Range; the last range is answered 201 with the driveItem.
  oneDrive = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      uploads.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      res.writeHead(uploadStatus, { 'content-type': 'application/json' });
      res.end(JSON.stringify(uploadStatus < 300 ? { id: '01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K', name: 'guest-invites-audit.csv', size: body.length, file: { mimeType: 'text/csv' } } : { error: { code: 'generalException', message: 'An unspecified error has occurred.' } }));
    });
  });
  await new Promise<void>((resolve) => oneDrive.listen(0, '127.0.0.1', resolve));
  oneDriveUrl = `http://127.0.0.1:${(oneDrive.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => oneDrive?.close(resolve));
});

const stack = useBotStack({ EXPORT_LINK_SECRET: 'an-export-link-secret-of-32-chars!' });

beforeEach(() => {
  uploads.splice(0);
  uploadStatus = 201;
});

const options = (from = DANA, locale?: string) => ({ serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, from, ...(locale ? { locale } : {}) });

/** uploadInfo as Teams sends it with an Allow, its upload URL pointing at the stand-in. */
function uploadInfo(uploadUrl = `${oneDriveUrl}/teams/bot/upload/7f3c`) {
  return {
    contentUrl: 'https://contoso-my.sharepoint.com/personal/dana_contoso_com/Documents/Applications/Guest%20Invites/guest-invites-audit.csv',
    name: 'guest-invites-audit.csv',
    uploadUrl,
    uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
    fileType: 'csv',
    etag: '"{1150D938-8870-4044-9F2C-5BBDEBA70C8C},1"',
  };
}

/** Says audit in the personal chat; returns the offer's consent attachment. */
async function offer(): Promise<{ name: string; content: { description: string; acceptContext: unknown; declineContext: unknown } }> {
  stack.connector.clear();
  expect((await postActivity(stack.bot.messagesEndpoint, message('audit', options()))).status).toBe(200);
  const [card, consent] = await stack.connector.waitFor((call) => call.method === 'POST' && call.activity.type === 'message', 2);
  expect(validateCard(cardOf(card!))).toEqual([]);
  // In a personal chat the card carries no link: the file is offered instead.
  expect(JSON.stringify(cardOf(card!))).not.toContain('Action.OpenUrl');
  const attachment = consent!.activity.attachments?.[0] as unknown as { contentType: string; name: string; content: { description: string; acceptContext: unknown; declineContext: unknown } };
  expect(attachment.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
  return attachment;
}

async function answer(action: 'accept' | 'decline', context: unknown, from = DANA, info = uploadInfo(), locale?: string): Promise<RecordedCall> {
  stack.connector.clear();
  const response = await postActivity(stack.bot.messagesEndpoint, fileConsent(action, context, { ...options(from, locale), replyToId: 'consent-card', uploadInfo: info }));
  expect(response.status).toBe(200);
  const [reply] = await stack.connector.waitFor((call) => call.method === 'POST' && call.activity.type === 'message');
  return reply!;
}

describe('the audit export in a personal chat', () => {
  it('offers the CSV with a FileConsentCard that names the file and what is in it, carrying no data', async () => {
    const consent = await offer();
    expect(consent.name).toMatch(/^guest-invites-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(consent.content.description).toBe('The audit trail of the last 7 days, as a CSV file for Excel. Allow saves it to your OneDrive.');
    expect(consent.content.acceptContext).toEqual({ export: 'audit', days: 7 });
  });

  it('Allow: one PUT of the whole CSV with its Content-Range to the upload URL, then a FileInfoCard', async () => {
    const consent = await offer();
    const reply = await answer('accept', consent.content.acceptContext);
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload!.method).toBe('PUT');
    expect(upload!.path).toBe('/teams/bot/upload/7f3c');
    const size = upload!.body.length;
    expect(upload!.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    expect(upload!.headers['content-length']).toBe(String(size));
    const rows = parse<Record<string, string>>(upload!.body.toString('utf8'), { columns: true });
    expect(rows.at(-1)).toMatchObject({ action: 'policy-change', outcome: 'recorded' });
    expect(reply.activity.text).toBe('Your audit export is saved in your OneDrive:');
    expect(reply.activity.attachments).toEqual([
      {
        contentType: 'application/vnd.microsoft.teams.card.file.info',
        contentUrl: uploadInfo().contentUrl,
        name: 'guest-invites-audit.csv',
        content: { uniqueId: uploadInfo().uniqueId, fileType: 'csv' },
      },
    ]);
    // The export is on the record, as the link's is.
    await answer('accept', consent.content.acceptContext);
    const again = parse<Record<string, string>>(uploads[1]!.body.toString('utf8'), { columns: true });
    expect(again[0]).toMatchObject({ action: 'audit-export', outcome: 'done', actor_name: DANA.name });
  });

  it('Decline: a polite word, nothing read or uploaded', async () => {
    const consent = await offer();
    const reply = await answer('decline', consent.content.declineContext);
    expect(reply.activity.text).toBe('No problem: no file was saved. Say audit again whenever you want the export.');
    expect(uploads).toEqual([]);
  });

  it('someone who is not an administrator gets no file, even with a forged Allow', async () => {
    const reply = await answer('accept', { export: 'audit', days: 30 }, FOX);
    expect(reply.activity.text).toBe('Only administrators of Guest Invites can export the audit trail. No file was saved.');
    expect(uploads).toEqual([]);
  });

  it('an upload address outside OneDrive is not written to', async () => {
    const reply = await answer('accept', { export: 'audit', days: 7 }, DANA, uploadInfo('https://upload.evil.example/teams/bot/upload/1'));
    expect(reply.activity.text).toContain('outside OneDrive');
    expect(uploads).toEqual([]);
  });

  it('a failed upload is said, in the person’s language', async () => {
    uploadStatus = 500;
    const reply = await answer('accept', { export: 'audit', days: 7 }, DANA, uploadInfo(), 'de-DE');
    expect(reply.activity.text).toBe('Ich konnte die Datei nicht in Ihrem OneDrive speichern (Antwort 500). Es ist nichts verloren gegangen: Schreiben Sie audit, um es erneut zu versuchen.');
    expect(uploads).toHaveLength(1);
  });
});

it('outside a personal chat the export stays a signed link, and no file is offered', async () => {
  stack.connector.clear();
  expect((await postActivity(stack.bot.messagesEndpoint, message('audit', { ...options(), scope: 'channel' }))).status).toBe(200);
  const [card] = await stack.connector.waitFor((call) => call.method === 'POST' && call.activity.type === 'message');
  const link = (cardOf(card!)?.actions as { type: string; url: string }[]).find((action) => action.type === 'Action.OpenUrl');
  expect(link?.url).toMatch(/\/api\/audit\.csv\?token=/);
  expect(cardText(cardOf(card!))).toContain('Audit trail');
  expect(stack.connector.calls.some((call) => call.activity.attachments?.some((a) => a.contentType.includes('file.consent')))).toBe(false);
});
