/**
 * The tenant's allowInvitesFrom, mirrored for each person: every level × member, guest, Guest Inviter and
 * administrator, the organisation's group allow-list on top, and who administers the bot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLOW_INVITES_FROM,
  DIRECTORY_ROLE_TEMPLATES as ROLES,
  describeRefusal,
  isBotAdministrator,
  mayInvite,
  type AllowInvitesFrom,
  type PersonInDirectory,
} from '../../src/domain/policy/who-may-invite.js';
import { say } from '../../src/cards/say.js';
import type { Message } from '../../src/domain/message.js';
import { translatorFor } from '../../src/i18n/translator.js';

const said = (language: string, message: Message) => say(translatorFor({ locale: language }), message);

const person = (userType: 'Member' | 'Guest', roleTemplateIds: PersonInDirectory['roleTemplateIds'] = [], groupIds: string[] = []): PersonInDirectory => ({
  id: 'p',
  userType,
  roleTemplateIds,
  groupIds,
});
const PEOPLE = {
  member: person('Member'),
  guest: person('Guest'),
  guestInviter: person('Member', [ROLES.guestInviter]),
  guestWithGuestInviter: person('Guest', [ROLES.guestInviter]),
  userAdministrator: person('Member', [ROLES.userAdministrator]),
  globalAdministrator: person('Member', [ROLES.globalAdministrator]),
} as const;

const policy = (allowInvitesFrom: AllowInvitesFrom | 'unreadable', inviterGroupIds: string[] = [], adminGroupIds: string[] = []) => ({ allowInvitesFrom, inviterGroupIds, adminGroupIds });

/** The fact sheet's table (tenant-policy.md §1), as expected answers. */
const MATRIX: Record<AllowInvitesFrom, Record<keyof typeof PEOPLE, boolean>> = {
  everyone: { member: true, guest: true, guestInviter: true, guestWithGuestInviter: true, userAdministrator: true, globalAdministrator: true },
  adminsGuestInvitersAndAllMembers: { member: true, guest: false, guestInviter: true, guestWithGuestInviter: true, userAdministrator: true, globalAdministrator: true },
  adminsAndGuestInviters: { member: false, guest: false, guestInviter: true, guestWithGuestInviter: true, userAdministrator: true, globalAdministrator: true },
  none: { member: false, guest: false, guestInviter: false, guestWithGuestInviter: false, userAdministrator: false, globalAdministrator: false },
};

describe('mayInvite mirrors allowInvitesFrom', () => {
  for (const level of ALLOW_INVITES_FROM) {
    for (const [who, expected] of Object.entries(MATRIX[level])) {
      it(`${level}: ${who} ${expected ? 'may' : 'may not'} invite`, () => {
        expect(mayInvite(PEOPLE[who as keyof typeof PEOPLE], policy(level)).ok).toBe(expected);
      });
    }
  }

  it('each refusal names the rule and whom to ask', () => {
    expect(mayInvite(PEOPLE.globalAdministrator, policy('none'))).toEqual({ ok: false, refusal: 'invitations-off' });
    expect(mayInvite(PEOPLE.guest, policy('adminsGuestInvitersAndAllMembers'))).toEqual({ ok: false, refusal: 'members-only' });
    expect(mayInvite(PEOPLE.member, policy('adminsAndGuestInviters'))).toEqual({ ok: false, refusal: 'admins-and-guest-inviters-only' });
    expect(describeRefusal('admins-and-guest-inviters-only')).toEqual({
      why: { id: 'policy:refusal.admins-and-guest-inviters-only.why' },
      ask: { id: 'policy:refusal.admins-and-guest-inviters-only.ask' },
    });
    expect(said('en', describeRefusal('admins-and-guest-inviters-only').ask)).toMatch(/User Administrator.*Guest Inviter/);
    expect(said('de', describeRefusal('admins-and-guest-inviters-only').ask)).toMatch(/Benutzeradministrator.*„Gasteinladender“/);
    expect(said('fr', describeRefusal('admins-and-guest-inviters-only').ask)).toMatch(/administrateur d’utilisateurs.*Inviteur d’invités/);
    expect(said('en', describeRefusal('invitations-off').ask)).toMatch(/Global Administrator/);
    expect(said('de', describeRefusal('invitations-off').ask)).toMatch(/globaler Administrator/);
    expect(said('fr', describeRefusal('invitations-off').ask)).toMatch(/administrateur général/);
  });

  it.each(['en', 'de', 'fr'])('every refusal has its why and whom to ask in %s', (language) => {
    for (const refusal of ['invitations-off', 'admins-and-guest-inviters-only', 'members-only', 'not-in-inviter-group', 'roles-unreadable', 'policy-unreadable', 'unknown-person'] as const) {
      const { why, ask } = describeRefusal(refusal);
      expect(said(language, why).length).toBeGreaterThan(20);
      expect(said(language, ask).length).toBeGreaterThan(20);
    }
  });

  it('unreadable roles refuse only where roles decide, and say which permission to grant', () => {
    const unknownRoles = person('Member', 'unreadable');
    expect(mayInvite(unknownRoles, policy('everyone')).ok).toBe(true);
    expect(mayInvite(unknownRoles, policy('adminsGuestInvitersAndAllMembers')).ok).toBe(true);
    expect(mayInvite(unknownRoles, policy('adminsAndGuestInviters'))).toEqual({ ok: false, refusal: 'roles-unreadable' });
    for (const language of ['en', 'de', 'fr']) expect(said(language, describeRefusal('roles-unreadable').ask)).toContain('RoleManagement.Read.Directory');
  });

  it('an unreadable policy or an unknown person invites nobody', () => {
    expect(mayInvite(PEOPLE.globalAdministrator, policy('unreadable'))).toEqual({ ok: false, refusal: 'policy-unreadable' });
    expect(mayInvite(undefined, policy('everyone'))).toEqual({ ok: false, refusal: 'unknown-person' });
  });

  it('the group allow-list narrows the tenant’s rule; administrators pass it, and it never widens the rule', () => {
    const inGroup = person('Member', [], ['g1']);
    expect(mayInvite(inGroup, policy('everyone', ['g1'])).ok).toBe(true);
    expect(mayInvite(PEOPLE.member, policy('everyone', ['g1']))).toEqual({ ok: false, refusal: 'not-in-inviter-group' });
    expect(mayInvite(PEOPLE.userAdministrator, policy('everyone', ['g1']))).toEqual({ ok: true, as: 'administrator' });
    expect(mayInvite(person('Guest', [], ['g1']), policy('adminsGuestInvitersAndAllMembers', ['g1'])).ok).toBe(false);
    expect(mayInvite(PEOPLE.userAdministrator, policy('none', ['g1'])).ok).toBe(false);
  });

  it('property: nobody may invite under none; under everyone, anyone in an allowed group may', () => {
    const arbitraryPerson = fc.record({
      id: fc.uuid(),
      userType: fc.constantFrom<'Member' | 'Guest'>('Member', 'Guest'),
      roleTemplateIds: fc.oneof(fc.constant<'unreadable'>('unreadable'), fc.subarray(Object.values(ROLES))),
      groupIds: fc.subarray(['g1', 'g2', 'g3']),
    });
    fc.assert(
      fc.property(arbitraryPerson, fc.subarray(['g1', 'g2']), (someone, groups) => {
        expect(mayInvite(someone, policy('none', groups)).ok).toBe(false);
        const inGroup = groups.length === 0 || someone.groupIds.some((group) => groups.includes(group));
        if (inGroup) expect(mayInvite(someone, policy('everyone', groups)).ok).toBe(true);
      }),
    );
  });
});

describe('isBotAdministrator', () => {
  it('Global and User Administrators, and members of the configured groups; not Guest Inviters', () => {
    expect(isBotAdministrator(PEOPLE.globalAdministrator, { adminGroupIds: [] })).toBe(true);
    expect(isBotAdministrator(PEOPLE.userAdministrator, { adminGroupIds: [] })).toBe(true);
    expect(isBotAdministrator(PEOPLE.guestInviter, { adminGroupIds: [] })).toBe(false);
    expect(isBotAdministrator(person('Member', 'unreadable', ['admins']), { adminGroupIds: ['admins'] })).toBe(true);
    expect(isBotAdministrator(person('Member', 'unreadable'), { adminGroupIds: ['admins'] })).toBe(false);
    expect(isBotAdministrator(undefined, { adminGroupIds: [] })).toBe(false);
  });
});
