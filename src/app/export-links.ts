/**
 * Audit CSV exports: the bot hands an administrator a short-lived link signed with EXPORT_LINK_SECRET
 * (HMAC-SHA256), because Teams cannot carry a file from a bot into every chat. Whoever opens the link is
 * checked again as an administrator on the server, the export is audited, and the link expires.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type restify from 'restify';
import type { AuditEvent } from '../domain/ports/audit-log.js';
import { auditExportFileName, type AdminOutcome, type AuditRequest } from '../domain/use-cases/administration.js';
import type { Inviter } from '../domain/invitations/invitation.js';
import type { Logger } from './logger.js';

const EXPORT_LINK_TTL_MS = 15 * 60 * 1000;

export interface ExportGrant extends AuditRequest {
  readonly actor: Inviter;
  /** Expiry, milliseconds since the epoch. */
  readonly expires: number;
}

export function signExportGrant(grant: ExportGrant, secret: string): string {
  const payload = Buffer.from(JSON.stringify(grant)).toString('base64url');
  return `${payload}.${signature(payload, secret)}`;
}

/** The link to the CSV export of `request` on this instance (at `baseUrl`), valid for EXPORT_LINK_TTL_MS from `now`. */
export function exportLink(baseUrl: string, actor: Inviter, request: AuditRequest, secret: string, now: Date): string {
  const grant: ExportGrant = { actor, days: request.days, ...(request.address ? { address: request.address } : {}), expires: now.getTime() + EXPORT_LINK_TTL_MS };
  return `${baseUrl}/api/audit.csv?token=${signExportGrant(grant, secret)}`;
}

/** The grant, if the token is ours, untampered and unexpired. */
export function verifyExportGrant(token: string, secret: string, now: number): ExportGrant | undefined {
  const [payload = '', given = ''] = token.split('.');
  const expected = signature(payload, secret);
  if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) return undefined;
  try {
    const grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ExportGrant;
    return typeof grant.expires === 'number' && grant.expires > now && typeof grant.days === 'number' ? grant : undefined;
  } catch {
    return undefined;
  }
}

function signature(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

const CSV_COLUMNS = ['at', 'actor_name', 'actor_id', 'action', 'subject', 'addresses', 'outcome', 'detail'] as const;

/** RFC 4180 CSV; a cell a spreadsheet would run as a formula is quoted with a leading apostrophe (OWASP). */
export function auditCsv(events: readonly AuditEvent[]): string {
  const rows = events.map((event) =>
    [event.at, event.actor.name ?? '', event.actor.aadObjectId ?? '', event.action, event.subject, (event.addresses ?? []).join(' '), event.outcome, event.detail ?? ''].map(
      defuseFormula,
    ),
  );
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: 'windows' });
}

function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export interface AuditExportRoute {
  readonly secret: string;
  readonly exportTrail: (actor: Inviter, request: AuditRequest) => Promise<AdminOutcome<AuditEvent[]>>;
  readonly now?: () => number;
}

export function mountAuditExport(server: restify.Server, route: AuditExportRoute, logger: Logger): void {
  server.get('/api/audit.csv', async (req, res) => {
    // restify types the parsed query string as any.
    const query = (req.query ?? {}) as { token?: unknown };
    const token = typeof query.token === 'string' ? query.token : '';
    const grant = verifyExportGrant(token, route.secret, (route.now ?? Date.now)());
    if (!grant) {
      res.send(403, { error: 'This export link is not valid or has expired. Say audit to the bot for a new one.' });
      return;
    }
    try {
      const outcome = await route.exportTrail(grant.actor, { days: grant.days, ...(grant.address ? { address: grant.address } : {}) });
      if (outcome.kind === 'not-allowed') {
        res.send(403, { error: 'Only administrators of Guest Invites can export the audit trail.' });
        return;
      }
      const fileName = auditExportFileName(new Date((route.now ?? Date.now)()));
      res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${fileName}"` });
      res.end(auditCsv(outcome.value));
    } catch (error) {
      logger.error({ err: error }, 'audit export failed');
      res.send(503, { error: 'The audit trail could not be read right now. Try the link again in a minute.' });
    }
  });
}
