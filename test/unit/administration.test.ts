/**
 * Administrators' chat commands and what they rest on: the notification channel, the audit trail (read
 * and exported), the daily digest, the commands' parsing and the signed export links.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.js';
import { auditCsv, signExportGrant, verifyExportGrant } from '../../src/app/export-links.js';
import { DIRECTORY_ROLE_TEMPLATES as ROLES } from '../../src/domain/policy/who-may-invite.js';
import type { AuditEvent } from '../../src/domain/ports/audit-log.js';
import { chooseNotificationChannel, exportAuditTrail, notePolicyChange, readAuditTrail, type AdministrationDependencies } from '../../src/domain/use-cases/administration.js';
import { latestDigestSlot, postDigestIfDue } from '../../src/domain/use-cases/daily-digest.js';
import { FakeClock, MemoryAuditLog, MemoryChannelStore, MemoryPeople, MemoryPolicyStore } from '../support/in-memory-ports.js';

const DANA = { aadObjectId: 'dana', name: 'Dana Scully' };
const FOX = { aadObjectId: 'fox', name: 'Fox Mulder' };
const CHANNEL = { conversation: { conversation: { id: '19:admins@thread.tacv2' } }, name: 'IT › Guest requests' };

let deps: AdministrationDependencies;
let audit: MemoryAuditLog;
let channels: MemoryChannelStore;
let clock: FakeClock;

beforeEach(() => {
  audit = new MemoryAuditLog();
  channels = new MemoryChannelStore();
  clock = new FakeClock();
  const people = new MemoryPeople()
    .add({ id: 'dana', userType: 'Member', roleTemplateIds: [ROLES.userAdministrator], groupIds: [] })
    .add({ id: 'fox', userType: 'Member', roleTemplateIds: [ROLES.guestInviter], groupIds: [] });
  deps = { people, groups: { inviterGroupIds: [], adminGroupIds: [] }, channels, audit, clock, tenantId: 't' };
});

const event = (at: string, subject: string, extra: Partial<AuditEvent> = {}): AuditEvent => ({ at, actor: FOX, action: 'invite', subject, outcome: 'invited', ...extra });

describe('notify here / notify off', () => {
  it('an administrator chooses the channel and stops it; both are audited', async () => {
    expect(await chooseNotificationChannel(deps, DANA, CHANNEL)).toMatchObject({ kind: 'done', value: { name: 'IT › Guest requests', chosenBy: DANA } });
    expect((await channels.get())?.value.conversation).toEqual(CHANNEL.conversation);
    expect(await chooseNotificationChannel(deps, DANA, undefined)).toEqual({ kind: 'done', value: undefined });
    expect(await channels.get()).toBeUndefined();
    expect(audit.events.map((e) => [e.action, e.outcome])).toEqual([['notify-here', 'done'], ['notify-off', 'done']]);
  });

  it('anyone else is refused (a Guest Inviter too), audited, and the channel stays', async () => {
    await chooseNotificationChannel(deps, DANA, CHANNEL);
    expect(await chooseNotificationChannel(deps, FOX, undefined)).toEqual({ kind: 'not-allowed' });
    expect(await channels.get()).toBeDefined();
    expect(audit.events.at(-1)).toMatchObject({ action: 'notify-off', outcome: 'not-allowed', actor: FOX });
  });
});

describe('audit trail', () => {
  beforeEach(() => {
    audit.events.push(
      event('2026-11-01T10:00:00.000Z', 'old@fabrikam.com'),
      event('2026-11-28T10:00:00.000Z', 'jane@fabrikam.com'),
      event('2026-11-29T10:00:00.000Z', 'batch b1', { action: 'approve', outcome: 'done', addresses: ['jane@fabrikam.com', 'joe@litware.com'] }),
      event('2026-11-30T10:00:00.000Z', 'joe@litware.com'),
    );
    clock.set(new Date('2026-12-01T09:00:00.000Z'));
  });

  it('last N days, newest first; by address, including decisions about batches that held it', async () => {
    expect((await readAuditTrail(deps, DANA, { days: 7 })).kind).toBe('done');
    const week = await readAuditTrail(deps, DANA, { days: 7 });
    expect(week.kind === 'done' && week.value.map((e) => e.subject)).toEqual(['joe@litware.com', 'batch b1', 'jane@fabrikam.com']);
    const jane = await readAuditTrail(deps, DANA, { days: 30, address: 'Jane@Fabrikam.com' });
    expect(jane.kind === 'done' && jane.value.map((e) => e.subject)).toEqual(['batch b1', 'jane@fabrikam.com']);
    expect(await readAuditTrail(deps, FOX, { days: 7 })).toEqual({ kind: 'not-allowed' });
  });

  it('the export lists exactly the events asked for, then records itself', async () => {
    const exported = await exportAuditTrail(deps, DANA, { days: 2, limit: 1 });
    expect(exported.kind === 'done' && exported.value.map((e) => e.subject)).toEqual(['joe@litware.com', 'batch b1']);
    expect(audit.events.at(-1)).toMatchObject({ action: 'audit-export', outcome: 'done', detail: 'last 2 days, 2 events' });
    expect(await exportAuditTrail(deps, FOX, { days: 3 })).toEqual({ kind: 'not-allowed' });
    expect(audit.events.at(-1)).toMatchObject({ action: 'audit-export', outcome: 'not-allowed', actor: FOX });
  });

  it('CSV: a header, one row per event, quoting, and no cell a spreadsheet would run as a formula', () => {
    const csv = auditCsv([event('2026-11-30T10:00:00.000Z', 'a@x.com', { actor: { name: '=HYPERLINK("evil")', aadObjectId: 'id' }, detail: 'one, two' })]);
    expect(csv.split('\r\n')).toEqual([
      'at,actor_name,actor_id,action,subject,addresses,outcome,detail',
      `2026-11-30T10:00:00.000Z,"'=HYPERLINK(""evil"")",id,invite,a@x.com,,invited,"one, two"`,
      '',
    ]);
  });
});

describe('export links', () => {
  const grant = { actor: DANA, days: 7, expires: 2_000 };
  it('verify what was signed, until it expires; a changed or foreign token is refused', () => {
    const token = signExportGrant(grant, 'a'.repeat(32));
    expect(verifyExportGrant(token, 'a'.repeat(32), 1_000)).toEqual(grant);
    expect(verifyExportGrant(token, 'a'.repeat(32), 2_000)).toBeUndefined();
    expect(verifyExportGrant(token, 'b'.repeat(32), 1_000)).toBeUndefined();
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...grant, actor: FOX })).toString('base64url');
    expect(verifyExportGrant(`${forged}.${signature}`, 'a'.repeat(32), 1_000)).toBeUndefined();
    expect(verifyExportGrant(`${payload}`, 'a'.repeat(32), 1_000)).toBeUndefined();
  });
});

describe('daily digest', () => {
  it('the latest slot is today’s hour once it has passed, else yesterday’s', () => {
    expect(latestDigestSlot(new Date('2026-12-01T09:00:00Z'), 8).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(latestDigestSlot(new Date('2026-12-01T07:59:00Z'), 8).toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });

  it('the hour is on the administrators’ wall clock, summer time and winter time', () => {
    // 08:00 in Berlin is 07:00 UTC in winter (CET), 06:00 UTC in summer (CEST).
    expect(latestDigestSlot(new Date('2026-12-01T07:30:00Z'), 8, 'Europe/Berlin').toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(latestDigestSlot(new Date('2026-12-01T06:59:00Z'), 8, 'Europe/Berlin').toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(latestDigestSlot(new Date('2026-07-01T06:30:00Z'), 8, 'Europe/Berlin').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    // West of UTC the local day can still be yesterday's in UTC terms: 20:00 in New York is 01:00 UTC the next day.
    expect(latestDigestSlot(new Date('2026-12-02T00:30:00Z'), 20, 'America/New_York').toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(latestDigestSlot(new Date('2026-12-02T01:30:00Z'), 20, 'America/New_York').toISOString()).toBe('2026-12-02T01:00:00.000Z');
    // The day the clocks go forward (29 March 2026 in Berlin) still has its 08:00.
    expect(latestDigestSlot(new Date('2026-03-29T12:00:00Z'), 8, 'Europe/Berlin').toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('posts once per day, covering what happened since the last one', async () => {
    clock.set(new Date('2026-11-30T12:00:00.000Z'));
    await chooseNotificationChannel(deps, DANA, CHANNEL);
    audit.events.push(event('2026-11-30T18:00:00.000Z', 'jane@fabrikam.com'));
    const published: string[][] = [];
    const digest = { channels, audit, clock, tenantId: 't', hour: 8, timeZone: 'UTC', publish: async (events: readonly AuditEvent[]) => void published.push(events.map((e) => e.subject)) };
    expect(await postDigestIfDue(digest)).toBe(false);
    clock.set(new Date('2026-12-01T08:00:00.000Z'));
    expect(await postDigestIfDue(digest)).toBe(true);
    expect(await postDigestIfDue(digest)).toBe(false);
    expect(published).toEqual([['jane@fabrikam.com', 'channel IT › Guest requests']]);
  });
});

describe('policy changes', () => {
  it('the first record is the baseline; every later change is audited with before → after; an unchanged policy is not', async () => {
    const policies = new MemoryPolicyStore();
    const record = { policies, audit, clock, tenantId: 't' };
    expect(await notePolicyChange(record, DANA, { allowInvitesFrom: 'everyone', APPROVAL_BATCH_SIZE: '0', ADMIN_GROUP_IDS: '' })).toEqual({
      kind: 'baseline',
      settings: ['APPROVAL_BATCH_SIZE: 0', 'allowInvitesFrom: everyone'],
    });
    expect(await notePolicyChange(record, DANA, { allowInvitesFrom: 'everyone', APPROVAL_BATCH_SIZE: '0', ADMIN_GROUP_IDS: '' })).toEqual({ kind: 'unchanged' });
    expect(await notePolicyChange(record, FOX, { allowInvitesFrom: 'adminsAndGuestInviters', APPROVAL_BATCH_SIZE: '0', ADMIN_GROUP_IDS: '' })).toEqual({
      kind: 'changed',
      changes: ['allowInvitesFrom: everyone → adminsAndGuestInviters'],
    });
    expect(await notePolicyChange(record, FOX, { allowInvitesFrom: 'adminsAndGuestInviters', APPROVAL_BATCH_SIZE: '0', ADMIN_GROUP_IDS: 'g1' })).toEqual({
      kind: 'changed',
      changes: ['ADMIN_GROUP_IDS: (none) → g1'],
    });
    expect(audit.events.map((e) => [e.action, e.actor.name, e.outcome, e.detail])).toEqual([
      ['policy-change', 'Dana Scully', 'recorded', 'APPROVAL_BATCH_SIZE: 0; allowInvitesFrom: everyone'],
      ['policy-change', 'Fox Mulder', 'changed', 'allowInvitesFrom: everyone → adminsAndGuestInviters'],
      ['policy-change', 'Fox Mulder', 'changed', 'ADMIN_GROUP_IDS: (none) → g1'],
    ]);
  });
});

describe('commands', () => {
  it('notify and audit', () => {
    expect(parseCommand('notify here')).toEqual({ kind: 'notify', on: true });
    expect(parseCommand('Notify OFF')).toEqual({ kind: 'notify', on: false });
    expect(parseCommand('notify me')).toMatchObject({ kind: 'unknown' });
    expect(parseCommand('audit')).toEqual({ kind: 'audit', days: 7 });
    expect(parseCommand('audit 30')).toEqual({ kind: 'audit', days: 30 });
    expect(parseCommand('audit last 30 days')).toEqual({ kind: 'audit', days: 30 });
    expect(parseCommand('audit Jane@Fabrikam.com 90')).toEqual({ kind: 'audit', days: 90, address: 'jane@fabrikam.com' });
    expect(parseCommand('audit everything please')).toMatchObject({ kind: 'unknown' });
  });
});
