/**
 * `npm run guest`: plays the guest against a running stack found through its stack file, as a person does
 * after `npm start`: the simulator must really have redeemed, and what a person can get wrong gets a clear answer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playGuest } from '../../local/guest.js';
import { localIdentities } from '../../local/local-identities.js';
import { writeStackFile } from '../../local/stack-file.js';
import { startLocalStack, freePort, type LocalStack } from '../../local/stack.js';
import { SimulatorControl } from '../support/simulator-control.js';

let stack: LocalStack;
let sim: SimulatorControl;
const dir = mkdtempSync(join(tmpdir(), 'guest-command-'));
const stackFile = join(dir, 'stack.json');

beforeAll(async () => {
  stack = await startLocalStack();
  writeStackFile(stack, stackFile);
  sim = new SimulatorControl(stack.simulator.url);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

/** Invites through Graph with the bot's own app registration, as the bot does on Send. */
async function invite(address: string): Promise<void> {
  const { app } = localIdentities();
  const tokenResponse = await fetch(`${stack.simulator.url}/${stack.simulator.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, scope: 'https://graph.microsoft.com/.default', grant_type: 'client_credentials' }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const invited = await fetch(`${stack.simulator.url}/v1.0/invitations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ invitedUserEmailAddress: address, inviteRedirectUrl: 'https://myapps.microsoft.com', sendInvitationMessage: false }),
  });
  expect(invited.status).toBe(201);
}

const stateOf = async (address: string) => (await sim.users()).find((user) => user.mail === address)?.externalUserState;

describe('npm run guest', () => {
  it('accept: the invited guest redeems in the simulator, once', async () => {
    await invite('jane.cmd@fabrikam.com');
    expect(await stateOf('jane.cmd@fabrikam.com')).toBe('PendingAcceptance');

    const accepted = await playGuest(['accept', 'jane.cmd@fabrikam.com'], { stackFile });
    expect(accepted).toMatchObject({ ok: true });
    expect(accepted.message).toMatch(/^jane\.cmd@fabrikam\.com accepted the invitation, signing in with /);
    expect(await stateOf('jane.cmd@fabrikam.com')).toBe('Accepted');

    expect(await playGuest(['accept', 'jane.cmd@fabrikam.com'], { stackFile })).toEqual({ ok: false, message: 'jane.cmd@fabrikam.com has already accepted the invitation.' });
  }, 60_000);

  it('list shows the invited guests and whether they accepted; leave removes one', async () => {
    await invite('bob.cmd@tailspin.com');
    const listed = await playGuest(['list'], { stackFile });
    expect(listed.ok).toBe(true);
    expect(listed.message).toMatch(/bob\.cmd@tailspin\.com\s+not accepted yet/);
    expect(listed.message).toMatch(/ann@fabrikam\.com\s+accepted/);

    expect(await playGuest(['leave', 'bob.cmd@tailspin.com'], { stackFile })).toMatchObject({ ok: true });
    expect(await stateOf('bob.cmd@tailspin.com')).toBeUndefined();
  }, 60_000);

  it('an address never invited, an unknown act and a missing address are explained, and nothing changes', async () => {
    const before = await sim.users();
    const never = await playGuest(['accept', 'nobody.cmd@fabrikam.com'], { stackFile });
    expect(never).toMatchObject({ ok: false });
    expect(never.message).toContain('nobody.cmd@fabrikam.com was never invited in this stack');
    expect(await playGuest(['dance', 'jane.cmd@fabrikam.com'], { stackFile })).toMatchObject({ ok: false, message: expect.stringContaining('"dance" is not something a guest does') });
    expect(await playGuest(['accept'], { stackFile })).toMatchObject({ ok: false, message: expect.stringContaining('Which guest?') });
    expect(await sim.users()).toEqual(before);
  });

  it('with no stack running it says to start one', async () => {
    const missing = await playGuest(['accept', 'jane.cmd@fabrikam.com'], { stackFile: join(dir, 'none.json') });
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('The local stack is not running') });
    expect(missing.message).toContain('npm start');

    const stale = join(dir, 'stale.json');
    const closedPort = await freePort();
    writeFileSync(stale, JSON.stringify({ pid: 1, startedAt: '', bot: '', simulator: { url: `https://127.0.0.1:${closedPort}`, tenantId: 't' }, tableEndpoint: '', queueEndpoint: '' }));
    const gone = await playGuest(['list'], { stackFile: stale });
    expect(gone).toMatchObject({ ok: false, message: expect.stringContaining(`Nothing answers at https://127.0.0.1:${closedPort}`) });
  });
});
