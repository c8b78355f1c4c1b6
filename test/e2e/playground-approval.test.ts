/**
 * End to end, approvals: the whole local stack with APPROVAL_BATCH_SIZE=2, the Agents Playground in
 * Debian's Chromium. Fox Mulder (a plain member) is the Playground's current user and does everything in
 * the page: asks for three guests, presses Send, opens the administrators' channel, tries to approve his
 * own request himself. Dana Scully (User Administrator) cannot use the page, which acts as one user only:
 * she speaks and presses through the Playground's custom activities (test/support/playground-members.ts),
 * and what the bot does in answer must show in Fox's page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { usePlaygroundInChromium } from '../support/playground-session.js';
import { DANA, FOX } from '../support/activities.js';
import { PlaygroundMember } from '../support/playground-members.js';
import { card, cards, openConversation, pressCardButton, send, typeInCard, type CardPress } from '../support/playground-page.js';
import { SimulatorControl } from '../support/simulator-control.js';

const CHANNEL = 'Guest requests';
/** The channel's label in the Playground's left pane. */
const CHANNEL_LABEL = `Contoso Partners - ${CHANNEL}`;
const PERSONAL_CHAT = 'Personal Chat';
const ADDRESSES = ['a@fabrikam.com', 'b@fabrikam.com', 'c@fabrikam.com'];
const COMMENT = 'Auditors for Q3';

const session = usePlaygroundInChromium({ playgroundUserId: FOX.aadObjectId, botEnv: { APPROVAL_BATCH_SIZE: '2' } });
let dana: PlaygroundMember;
let sim: SimulatorControl;
/** Fox's press of "Approve and send": where the approval card is, and its batch. */
let refused: CardPress | undefined;

beforeAll(async () => {
  dana = await PlaygroundMember.named(session.stack.playground!.url, DANA.name);
  expect(dana.user.aadObjectId).toBe(DANA.aadObjectId);
  sim = new SimulatorControl(session.stack.simulator.url);
});

async function invitationCalls(): Promise<number[]> {
  return Promise.all(ADDRESSES.map(async (address) => (await sim.invitationCallsFor(address)).length));
}

describe('approving a large batch in the Playground', () => {
  it('an administrator says notify here in a team channel: the bot reports there', async () => {
    await dana.postInChannel(CHANNEL, 'notify here');
    await openConversation(session.page, CHANNEL_LABEL);
    await card(session.page, 'Guest Invites reports here now').waitFor({ timeout: 30_000 });
  });

  it('a member asks for three guests: Send turns the review into "Waiting for an administrator" and the approval card comes to the channel', async () => {
    await openConversation(session.page, PERSONAL_CHAT);
    await send(session.page, `invite ${ADDRESSES.join(', ')}`);
    const review = card(session.page, 'Review before sending').filter({ hasText: 'c@fabrikam.com' });
    await review.waitFor({ timeout: 30_000 });
    await review.getByRole('button', { name: 'Send 3 invitations' }).click();
    const waiting = card(session.page, 'Waiting for an administrator: 3 invitations');
    await waiting.waitFor({ timeout: 30_000 });
    await waiting.getByText('more than 2 need an administrator’s approval').first().waitFor();
    // The review card itself turned into the waiting card.
    expect(await cards(session.page, 'Review before sending').count()).toBe(0);
    expect(await invitationCalls()).toEqual([0, 0, 0]);

    await openConversation(session.page, CHANNEL_LABEL);
    const approval = card(session.page, 'Approval needed: guest invitations');
    await approval.waitFor({ timeout: 30_000 });
    await approval.getByText('Fox Mulder').first().waitFor();
    await approval.getByText('asks to invite 3 guests from a personal chat.').first().waitFor();
    for (const address of ADDRESSES) await approval.getByText(address).first().waitFor();
    await approval.getByLabel('Comment for the requester (optional)').waitFor();
    await approval.getByRole('button', { name: 'Approve and send' }).waitFor();
    await approval.getByRole('button', { name: 'Reject' }).waitFor();
  });

  it('the requester presses "Approve and send" himself: refused as not an administrator, and nothing is sent', async () => {
    const approval = card(session.page, 'Approval needed: guest invitations');
    const comment = approval.getByLabel('Comment for the requester (optional)');
    await typeInCard(comment, 'me, myself');
    refused = await pressCardButton(session.page, approval, 'Approve and send');
    expect(refused.verb).toBe('approval.decide');
    expect(refused.data).toMatchObject({ decision: 'approved', comment: 'me, myself' });
    expect(typeof refused.data.batchId).toBe('string');
    // The approval card is a post of its own in the channel (sent to the channel id), not a reply in a thread.
    expect(refused.conversationId).toBe(`${dana.channelId(CHANNEL)};messageid=${refused.replyToId}`);
    // The bot answered the invoke with status 403; the Playground tells the page 502 and shows no message on the
    // card, only in its Log Panel, whose Response tab shows the bot's answer.
    expect(refused.status).toBe(502);
    await session.page.getByText('invoke 403', { exact: true }).last().click();
    await session.page.getByRole('tab', { name: 'Response' }).click();
    await session.page.getByText('"NotAnAdministrator"').first().waitFor();
    await session.page.getByText('"application/vnd.microsoft.error"').first().waitFor();

    await approval.getByRole('button', { name: 'Approve and send' }).waitFor();
    expect(await invitationCalls()).toEqual([0, 0, 0]);
  });

  it('an administrator approves with a comment: the approval card and the requester’s card change in place, and each guest is invited once', async () => {
    if (!refused) throw new Error('The previous test did not press the approval card');
    await dana.pressInChannel(CHANNEL, refused, 'approval.decide', { ...refused.data, decision: 'approved', comment: COMMENT });

    const approved = card(session.page, 'Approved: guest invitations');
    await approved.waitFor({ timeout: 30_000 });
    // The decision's time in the admin channel's locale and time zone (ADMIN_LOCALE, ADMIN_TIME_ZONE; English and UTC here).
    await approved.getByText(/^Approved by Dana Scully on \w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d\s?[AP]M$/).first().waitFor();
    await approved.getByText(COMMENT).first().waitFor();
    expect(await approved.getByRole('button').count()).toBe(0);
    expect(await approved.getByLabel('Comment for the requester (optional)').count()).toBe(0);
    // Updated in place: the channel still has one card about these guests.
    expect(await cards(session.page, 'a@fabrikam.com').count()).toBe(1);

    // Both attempts are in the audit trail, which Dana reads in the channel.
    await dana.postInChannel(CHANNEL, 'audit');
    const audit = card(session.page, 'Audit trail');
    await audit.waitFor({ timeout: 30_000 });
    await audit.getByText(/Fox Mulder\s+approve\s+batch \S+ \(3 guests\)\s+not-allowed · not an administrator of Guest Invites/).first().waitFor();
    await audit.getByText(new RegExp(`Dana Scully\\s+approve\\s+batch \\S+ \\(3 guests\\)\\s+done · ${COMMENT}`)).first().waitFor();

    await openConversation(session.page, PERSONAL_CHAT);
    const result = card(session.page, '3 invitations sent');
    await result.waitFor({ timeout: 30_000 });
    await result.getByText(`Approved by Dana Scully: “${COMMENT}”`).first().waitFor();
    for (const address of ADDRESSES) await result.getByText(address).first().waitFor();
    // The waiting card became the result: no second card for the batch.
    expect(await cards(session.page, 'Waiting for an administrator').count()).toBe(0);
    expect(await cards(session.page, 'invitations sent').count()).toBe(1);

    for (const address of ADDRESSES) {
      const calls = await sim.invitationCallsFor(address);
      expect(calls, address).toHaveLength(1);
      expect(calls[0]?.status).toBe(201);
    }
    await session.page.screenshot({ path: '.local/e2e-approval.png', fullPage: true });
  });
});
