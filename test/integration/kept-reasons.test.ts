/**
 * Reasons kept on records, in real tables (Azurite): new rows keep a catalogue Message (said in each reader's
 * language), and rows written before reasons were codes, which hold the English text, are still read and shown
 * as they are.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '../../local/azurite.js';
import { failureReason } from '../../src/domain/errors.js';
import { failureOf } from '../../src/domain/invitations/invitation.js';
import { message } from '../../src/domain/message.js';
import { sayKept } from '../../src/i18n/say.js';
import { translatorFor } from '../../src/i18n/translator.js';
import { TableInvitationStore, rowKeyFor } from '../../src/storage/table-invitation-store.js';
import { TableOutcomeStore } from '../../src/storage/table-outcome-store.js';
import { openTables, tableGuard, type Tables } from '../../src/storage/tables.js';

let azurite: RunningAzurite;
let tables: Tables;
let ready: () => Promise<void>;
const GERMAN = translatorFor({ locale: 'de-DE' });
const OLD_TEXT = 'Not a valid address.';

beforeAll(async () => {
  azurite = await startAzurite();
  tables = openTables({ kind: 'connection-string', connectionString: azurite.connectionString });
  ready = tableGuard(tables);
  await ready();
});

afterAll(async () => {
  await azurite?.close();
});

describe('an outcome’s reason', () => {
  it('is kept as a Message with its nested values, and said in the reader’s language', async () => {
    const store = new TableOutcomeStore(tables.outcomes, ready);
    const reason = failureReason('graph.domain-blocked', 'fabrikam.com');
    await store.record('t', 'b-new', { address: 'jane@fabrikam.com', outcome: 'failed', reason, code: 'graph.domain-blocked', round: 1 });
    const [kept] = await store.list('t', 'b-new');
    expect(kept?.reason).toEqual(reason);
    expect(sayKept(GERMAN, kept!.reason!)).toMatch(/^Die Einschränkungen .* \(fabrikam\.com\)$/);
  });

  it('written as English text by an older version is read as that text', async () => {
    await tables.outcomes.upsertEntity({ partitionKey: 't_b-old', rowKey: rowKeyFor('old@fabrikam.com'), address: 'old@fabrikam.com', outcome: 'failed', round: 1, reason: OLD_TEXT });
    const [kept] = await new TableOutcomeStore(tables.outcomes, ready).list('t', 'b-old');
    expect(kept).toMatchObject({ outcome: 'failed', reason: OLD_TEXT });
    expect(sayKept(GERMAN, kept!.reason!)).toBe(OLD_TEXT);
  });

  it('a Message reason round-trips without a values object when it has none', async () => {
    const store = new TableOutcomeStore(tables.outcomes, ready);
    await store.record('t', 'b-plain', { address: 'a@fabrikam.com', outcome: 'failed', reason: message('outcomes:reason.invalid-address'), round: 1 });
    const [kept] = await store.list('t', 'b-plain');
    expect(sayKept(translatorFor({ locale: 'fr-FR' }), kept!.reason!)).toBe('Adresse non valide.');
  });
});

describe('an invitation’s last error', () => {
  const record = { tenantId: 't', state: 'Failed' as const, inviter: { aadObjectId: 'dana' }, attempts: 1, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z' };

  it('keeps the code and Graph’s own words, said in the reader’s language', async () => {
    const store = new TableInvitationStore(tables.invitations, ready);
    await store.create({ ...record, email: 'new@fabrikam.com', lastError: { code: 'graph.invitation-refused', serviceMessage: 'Refused by Graph.' } });
    const kept = (await store.get('t', 'new@fabrikam.com'))!.value;
    expect(kept.lastError).toEqual({ code: 'graph.invitation-refused', serviceMessage: 'Refused by Graph.' });
    expect(sayKept(GERMAN, failureOf(kept)!)).toBe('Microsoft Graph hat diese Einladung abgelehnt. (Refused by Graph.)');
  });

  it('written as text by an older version is shown as that text', async () => {
    await tables.invitations.upsertEntity({
      partitionKey: 't',
      rowKey: rowKeyFor('old@fabrikam.com'),
      email: 'old@fabrikam.com',
      state: 'Failed',
      attempts: 1,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      lastErrorCode: 'graph.invitation-refused',
      lastErrorMessage: 'Microsoft Graph refused this invitation.',
    });
    const kept = (await new TableInvitationStore(tables.invitations, ready).get('t', 'old@fabrikam.com'))!.value;
    expect(sayKept(GERMAN, failureOf(kept)!)).toBe('Microsoft Graph refused this invitation.');
  });
});
