/**
 * Issue 8 through the bot's real HTTP surface, against a tenant configured in the simulator: who may
 * invite under each allowInvitesFrom level, approvals in the administrators' channel (a round trip, a
 * rejection, a forged decision), Graph's refusal of a blocked domain, and the admin-only commands.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DANA, FOX, message, MONICA, postActivity, WALTER, type Scope } from '../support/activities.js';
import { useBotStack } from '../support/bot-stack.js';
import { type Person } from '../support/bot-chat.js';
import { actionData, cardOf, cardText, type RecordedCall } from '../support/connector-recorder.js';
import { validCard } from '../support/conversation.js';

let guest: Person;
const stack = useBotStack({ APPROVAL_BATCH_SIZE: '2', TRACKING_POLL_SECONDS: '1' });

const ADMIN_CHANNEL = '19:general@thread.tacv2';

beforeAll(async () => {
  const created = await stack.sim.createUser({ displayName: 'Gus Guest', mail: 'gus@partner.example', userType: 'Guest' });
  guest = { id: '29:gus', name: 'Gus Guest', aadObjectId: created.id };
});

beforeEach(() => stack.connector.clear());

const { chat } = stack;
const say = (text: string, from: Person, scope: Scope = 'personal') => chat().say(text, from, scope);
const press = (verb: string, data: Record<string, unknown>, from: Person, replyToId: string, scope: Scope = 'personal') =>
  chat().press(verb, data, from, replyToId, scope);

/** The tenant's setting changes, and an administrator makes the bot read it again now. */
async function allowInvitesFrom(level: string): Promise<void> {
  await stack.sim.configure({ authorizationPolicy: { allowInvitesFrom: level } } as never);
  expect(cardText(await say('refresh', DANA))).not.toContain('For administrators only');
}

const isPostTo = (conversation: string) => (call: RecordedCall) => call.method === 'POST' && call.conversationId === conversation && call.activity.type === 'message';

describe('who may invite: each allowInvitesFrom level × member, guest, Guest Inviter, administrator', () => {
  const MATRIX: Record<string, Record<string, boolean>> = {
    everyone: { member: true, guest: true, guestInviter: true, administrator: true },
    adminsGuestInvitersAndAllMembers: { member: true, guest: false, guestInviter: true, administrator: true },
    adminsAndGuestInviters: { member: false, guest: false, guestInviter: true, administrator: true },
    none: { member: false, guest: false, guestInviter: false, administrator: false },
  };
  afterAll(() => allowInvitesFrom('everyone'));

  for (const [level, expected] of Object.entries(MATRIX)) {
    it(`${level}`, async () => {
      await allowInvitesFrom(level);
      const people: Record<string, Person> = { member: FOX, guest, guestInviter: MONICA, administrator: DANA };
      const seen: Record<string, boolean> = {};
      for (const [who, person] of Object.entries(people)) {
        const text = cardText(await say(`invite someone.${who}@fabrikam.com`, person));
        seen[who] = text.includes('Review before sending');
        if (!seen[who]) expect(text).toContain('You cannot invite guests');
      }
      expect(seen).toEqual(expected);
      const refusal = cardText(await say('invite x@fabrikam.com', level === 'none' ? DANA : FOX));
      if (level === 'none') expect(refusal).toContain('Only a Global Administrator can change that setting');
      if (level === 'adminsAndGuestInviters') expect(refusal).toContain('Guest Inviter role');
      expect(await stack.sim.invitationCallsFor('x@fabrikam.com')).toHaveLength(0);
    });
  }
});

describe('administrators', () => {
  it('notify here is for administrators, in a team channel', async () => {
    expect(cardText(await say('notify here', FOX, 'channel'))).toContain('For administrators only');
    expect(cardText(await say('notify here', DANA, 'personal'))).toContain('Say that in a team channel');
    expect(cardText(await say('audit', FOX))).toContain('For administrators only');
    expect(cardText(await say('paths', FOX))).toContain('For administrators only');
  });

  it('when the directory cannot say who is asking, invite says so instead of failing the turn', async () => {
    const created = await stack.sim.createUser({ displayName: 'Nora New', mail: 'nora@contoso.com', userType: 'Member' });
    const nora = { id: '29:nora', name: 'Nora New', aadObjectId: created.id };
    await stack.sim.fault({ method: 'GET', path: `/v1.0/users/${nora.aadObjectId}/transitiveMemberOf`, status: 503, code: 'ServiceUnavailable', message: 'Try later.', count: 10 });
    try {
      const text = cardText(await say('invite', nora));
      expect(text).toContain('I cannot open the invite form right now');
      expect(text).toContain('Microsoft Graph is unavailable right now');
    } finally {
      await stack.sim.clearFaults();
    }
  });

  it('an approval round trip: the request waits, a forged approval is refused, an administrator approves and the requester’s card follows', async () => {
    expect(cardText(await say('notify here', DANA, 'channel'))).toContain('Guest Invites reports here now');

    const review = await say('invite gil@fabrikam.com, hal@fabrikam.com, ivy@fabrikam.com', FOX);
    stack.connector.clear();
    const waiting = await press('review.send', actionData(review, 'review.send'), FOX, 'fox-review');
    expect(cardText(waiting.value)).toContain('Waiting for an administrator: 3 invitations');
    expect(cardText(waiting.value)).toContain('more than 2 need an administrator');
    const [approvalPost] = await stack.connector.waitFor(isPostTo(ADMIN_CHANNEL));
    // Posted to the channel itself (no ;messageid=…): a new post, not a reply in the notify here thread.
    expect(approvalPost!.conversationId).toBe(ADMIN_CHANNEL);
    const approval = validCard(approvalPost!);
    expect(cardText(approval)).toContain('Approval needed: guest invitations');
    expect(cardText(approval)).toContain('Fox Mulder');
    expect(cardText(approval)).toContain('ivy@fabrikam.com');
    expect(await stack.sim.invitationCallsFor('gil@fabrikam.com')).toHaveLength(0);

    const decide = actionData(approval, 'approval.decide');
    const forged = await press('approval.decide', { ...decide, decision: 'approved', comment: 'me, myself' }, FOX, 'approval-card', 'channel');
    expect(forged).toMatchObject({ statusCode: 403, value: { code: 'NotAnAdministrator' } });
    const guestInviter = await press('approval.decide', { ...decide, decision: 'approved' }, MONICA, 'approval-card', 'channel');
    expect(guestInviter.statusCode).toBe(403);
    expect(await stack.sim.invitationCallsFor('gil@fabrikam.com')).toHaveLength(0);

    stack.connector.clear();
    const approved = await press('approval.decide', { ...decide, decision: 'approved', comment: 'Auditors for Q3' }, DANA, 'approval-card', 'channel');
    expect(cardText(approved.value)).toContain('Approved: guest invitations');
    expect(cardText(approved.value)).toContain('Auditors for Q3');
    expect(JSON.stringify(approved.value)).not.toContain('approval.decide');

    const [result] = await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith('/activities/fox-review') && cardText(cardOf(call)).includes('3 invitations sent'));
    expect(cardText(cardOf(result!))).toContain('Approved by Dana Scully: “Auditors for Q3”');
    expect(await stack.sim.invitationCounts()).toMatchObject({ 'gil@fabrikam.com': 1, 'hal@fabrikam.com': 1, 'ivy@fabrikam.com': 1 });
    await stack.connector.waitFor((call) => isPostTo(ADMIN_CHANNEL)(call) && cardText(cardOf(call)).includes('Invitations sent'));

    const again = await press('approval.decide', { ...decide, decision: 'rejected' }, WALTER, 'approval-card', 'channel');
    expect(cardText(again.value)).toContain('Approved: guest invitations');

    const trail = cardText(await say('audit', DANA));
    expect(trail).toMatch(/Fox Mulder\s+approve\s+batch [^\n]+\s+not-allowed/);
    expect(trail).toMatch(/Dana Scully\s+approve\s+batch [^\n]+\s+done · Auditors for Q3/);
  });

  it('an invitation’s facts go to its inviter and to administrators; anyone else is told whom to ask', async () => {
    expect(cardText(await say('status gil@fabrikam.com', FOX))).toContain('Invited by Fox Mulder on');
    expect(cardText(await say('status gil@fabrikam.com', WALTER))).toContain('Invited by Fox Mulder on');
    const other = await say('status gil@fabrikam.com', MONICA);
    expect(cardText(other)).toContain('Invited by Fox Mulder: ask them, or an administrator');
    expect(JSON.stringify(other)).not.toContain('fix.confirm');
  });

  it('a rejection: nothing is sent and the requester reads the comment', async () => {
    const review = await say('invite dee@fabrikam.com, eve@fabrikam.com, flo@fabrikam.com', FOX);
    stack.connector.clear();
    await press('review.send', actionData(review, 'review.send'), FOX, 'fox-review-2');
    const [approvalPost] = await stack.connector.waitFor(isPostTo(ADMIN_CHANNEL));
    stack.connector.clear();
    const rejected = await press('approval.decide', { ...actionData(validCard(approvalPost!), 'approval.decide'), decision: 'rejected', comment: 'Use the partner portal' }, WALTER, 'approval-2', 'channel');
    expect(cardText(rejected.value)).toContain('Rejected: guest invitations');
    const [update] = await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith('/activities/fox-review-2'));
    expect(cardText(cardOf(update!))).toContain('Not approved');
    expect(cardText(cardOf(update!))).toContain('Rejected by Walter Skinner: “Use the partner portal”');
    expect(await stack.sim.invitationCallsFor('dee@fabrikam.com')).toHaveLength(0);
  });

  it('the requester withdraws a waiting request: nothing is sent and the approval card says so', async () => {
    const review = await say('invite joy@fabrikam.com, kim@fabrikam.com, lou@fabrikam.com', FOX);
    stack.connector.clear();
    const waiting = await press('review.send', actionData(review, 'review.send'), FOX, 'fox-review-3');
    const [approvalPost] = await stack.connector.waitFor(isPostTo(ADMIN_CHANNEL));
    expect(await press('approval.withdraw', actionData(waiting.value, 'approval.withdraw'), DANA, 'fox-review-3')).toMatchObject({ statusCode: 403 });
    stack.connector.clear();
    const withdrawn = await press('approval.withdraw', actionData(waiting.value, 'approval.withdraw'), FOX, 'fox-review-3');
    expect(cardText(withdrawn.value)).toContain('Request withdrawn');
    const [update] = await stack.connector.waitFor((call) => call.method === 'PUT' && call.conversationId === ADMIN_CHANNEL);
    expect(cardText(cardOf(update!))).toContain('Withdrawn by the requester');
    const late = await press('approval.decide', { ...actionData(validCard(approvalPost!), 'approval.decide'), decision: 'approved' }, DANA, 'approval-3', 'channel');
    expect(cardText(late.value)).toContain('Withdrawn by the requester');
    expect(await stack.sim.invitationCallsFor('joy@fabrikam.com')).toHaveLength(0);
  });

  it('the channel hears of policy refusals and of guests accepting', async () => {
    await allowInvitesFrom('adminsAndGuestInviters');
    try {
      stack.connector.clear();
      await postActivity(stack.bot.messagesEndpoint, message('invite mo@fabrikam.com', { serviceUrl: stack.connector.serviceUrl, tenantId: stack.simulator.tenantId, scope: 'personal', from: FOX }));
      const [refusal] = await stack.connector.waitFor((call) => isPostTo(ADMIN_CHANNEL)(call) && cardText(cardOf(call)).includes('Invitation refused by policy'));
      expect(cardText(cardOf(refusal!))).toContain('Fox Mulder');
    } finally {
      await allowInvitesFrom('everyone');
    }
    stack.connector.clear();
    await stack.sim.redeem('gil@fabrikam.com');
    const [accepted] = await stack.connector.waitFor((call) => isPostTo(ADMIN_CHANNEL)(call) && cardText(cardOf(call)).includes('Guest accepted'));
    expect(cardText(cardOf(accepted!))).toContain('gil@fabrikam.com');
    expect(cardText(cardOf(accepted!))).toContain('Invited by Fox Mulder');
  });

  it('a domain the tenant’s collaboration restrictions block fails with the rule named, not Graph’s words', async () => {
    await stack.sim.configure({ collaborationRestrictions: { blockedDomains: ['litware.com'], allowedDomains: [] } });
    try {
      const review = await say('invite lee@litware.com', DANA);
      stack.connector.clear();
      await press('review.send', actionData(review, 'review.send'), DANA, 'dana-litware');
      const [done] = await stack.connector.waitFor((call) => call.method === 'PUT' && call.path.endsWith('/activities/dana-litware') && cardText(cardOf(call)).includes('Failed'));
      const text = cardText(cardOf(done!));
      expect(text).toContain('collaboration restrictions');
      expect(text).toContain('(litware.com)');
      expect(text).not.toContain("blocked by your organization's collaboration restrictions");
      expect(await stack.sim.invitationCounts()).not.toHaveProperty('lee@litware.com');
    } finally {
      await stack.sim.configure({ collaborationRestrictions: { blockedDomains: [], allowedDomains: [] } });
    }
  });
});
