/**
 * `npm run guest -- <act> …`: plays an invited guest against the running `npm start` stack, through the
 * tenant simulator's control API (local/simulator/README.md), so nobody needs its port or curl.
 *
 *   accept <address> [--as <address>] [--choose work|personal]   the guest opens the link and signs in
 *   leave <address> [--permanently]                              the guest leaves (their account is deleted)
 *   list                                                         the invited guests and their state
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readStackFile, STACK_FILE } from './stack-file.js';

export interface GuestOutcome {
  readonly ok: boolean;
  readonly message: string;
}

const USAGE = [
  'Usage: npm run guest -- <act>',
  '  accept <address> [--as <other address>] [--choose work|personal]   the guest accepts the invitation',
  '  leave <address> [--permanently]                                    the guest leaves your directory',
  '  list                                                               invited guests and whether they accepted',
].join('\n');

const PATH_WORDS: Record<string, string> = {
  azureActiveDirectory: 'their work or school account (Microsoft Entra)',
  externalFederation: "their organisation's SAML/WS-Fed identity provider",
  google: 'Google',
  microsoftAccount: 'their personal Microsoft account',
  emailOneTimePasscode: 'a one-time passcode sent to their email',
  newMicrosoftAccount: 'a Microsoft account created on the spot',
};

const CHOICES: Record<string, string> = { work: 'azureActiveDirectory', personal: 'microsoftAccount' };

interface DirectoryUser {
  readonly id: string;
  readonly mail: string | null;
  readonly userType: string;
  readonly creationType: string | null;
  readonly externalUserState: string | null;
}

class StackUnavailable extends Error {}

/** Runs one act against the stack described by `stackFile`; never throws for what a person can get wrong. */
export async function playGuest(args: readonly string[], options: { stackFile?: string } = {}): Promise<GuestOutcome> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { as: { type: 'string' }, choose: { type: 'string' }, permanently: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n\n${USAGE}` };
  }
  const [act, address, ...extra] = parsed.positionals;
  if (parsed.values.help || act === undefined) return { ok: act !== undefined || parsed.values.help === true, message: USAGE };
  if (extra.length > 0) return { ok: false, message: `One address at a time; "${extra.join(' ')}" is left over.\n\n${USAGE}` };

  const stackFile = options.stackFile ?? STACK_FILE;
  const read = readStackFile(stackFile);
  if (read.kind === 'missing') return { ok: false, message: `The local stack is not running (${stackFile} is missing). Start it with npm start in another terminal, then try again.` };
  if (read.kind === 'unreadable') return { ok: false, message: `${stackFile} cannot be read (${read.why}). Stop npm start and start it again.` };
  const simulator = read.stack.simulator.url;

  try {
    switch (act) {
      case 'accept':
        if (!address) return { ok: false, message: `Which guest? e.g. npm run guest -- accept jane@fabrikam.com\n\n${USAGE}` };
        return await accept(simulator, address, parsed.values.as, parsed.values.choose);
      case 'leave':
        if (!address) return { ok: false, message: `Which guest? e.g. npm run guest -- leave jane@fabrikam.com\n\n${USAGE}` };
        return await leave(simulator, address, parsed.values.permanently === true);
      case 'list':
        return await list(simulator);
      default:
        return { ok: false, message: `"${act}" is not something a guest does here.\n\n${USAGE}` };
    }
  } catch (error) {
    if (error instanceof StackUnavailable) return { ok: false, message: error.message };
    throw error;
  }
}

async function accept(simulator: string, address: string, signInAs: string | undefined, choice: string | undefined): Promise<GuestOutcome> {
  if (choice !== undefined && !CHOICES[choice]) return { ok: false, message: `--choose is work or personal, not "${choice}".` };
  const body = { email: address, ...(signInAs ? { signInAs } : {}), ...(choice ? { choose: CHOICES[choice] } : {}) };
  const answer = await control(simulator, 'POST', '/_sim/redeem', body);
  if (answer.status === 200) {
    const redeemed = answer.body as { path: string };
    return {
      ok: true,
      message: `${address} accepted the invitation, signing in with ${PATH_WORDS[redeemed.path] ?? redeemed.path}${signInAs ? ` as ${signInAs}` : ''}. The bot's card shows it within a second.`,
    };
  }
  const why = errorText(answer.body);
  if (answer.status === 404) {
    return { ok: false, message: `${address} was never invited in this stack. Invite them first (invite ${address} in the Playground, then Send), or see who was: npm run guest -- list` };
  }
  if (answer.status === 409 && /already accepted/.test(why)) return { ok: false, message: `${address} has already accepted the invitation.` };
  return { ok: false, message: `The guest could not accept (${answer.status}): ${why}` };
}

async function leave(simulator: string, address: string, permanently: boolean): Promise<GuestOutcome> {
  const guest = (await invitedGuests(simulator)).find((user) => user.mail?.toLowerCase() === address.toLowerCase());
  if (!guest) return { ok: false, message: `${address} is not a guest invited in this stack. See who is: npm run guest -- list` };
  const answer = await control(simulator, 'DELETE', `/_sim/users/${encodeURIComponent(guest.id)}${permanently ? '?permanently=true' : ''}`);
  if (answer.status !== 204) return { ok: false, message: `The simulator did not remove ${address} (${answer.status}): ${errorText(answer.body)}` };
  return { ok: true, message: `${address} left your directory${permanently ? ' for good' : ''}. The bot marks the invitation as removed at its next tracking round.` };
}

async function list(simulator: string): Promise<GuestOutcome> {
  const guests = await invitedGuests(simulator);
  if (guests.length === 0) return { ok: true, message: 'No invited guests yet.' };
  const width = Math.max(...guests.map((guest) => (guest.mail ?? guest.id).length));
  const lines = guests.map((guest) => `  ${(guest.mail ?? guest.id).padEnd(width)}  ${guest.externalUserState === 'Accepted' ? 'accepted' : 'not accepted yet'}`);
  return { ok: true, message: [`${guests.length} invited guest${guests.length === 1 ? '' : 's'}:`, ...lines].join('\n') };
}

async function invitedGuests(simulator: string): Promise<DirectoryUser[]> {
  const answer = await control(simulator, 'GET', '/_sim/users');
  if (answer.status !== 200) throw new StackUnavailable(`The simulator at ${simulator} did not list its users (${answer.status}): ${errorText(answer.body)}`);
  return (answer.body as DirectoryUser[]).filter((user) => user.userType === 'Guest' && user.creationType === 'Invitation');
}

async function control(simulator: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(`${simulator}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED') {
      throw new StackUnavailable(`Nothing answers at ${simulator}: the local stack is not running (it may have stopped without tidying up). Start it with npm start, then try again.`);
    }
    if (/certificate/i.test(cause?.message ?? '')) {
      throw new StackUnavailable(`The simulator's local certificate is not trusted by this process; run this through npm run guest, which trusts .local/tls/cert.pem.`);
    }
    throw new StackUnavailable(`Could not reach the simulator at ${simulator}: ${cause?.message ?? (error as Error).message}`);
  }
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function errorText(body: unknown): string {
  if (body && typeof body === 'object') {
    const { error, message } = body as { error?: string; message?: string };
    return [error, message].filter(Boolean).join(': ');
  }
  if (typeof body === 'string') return body;
  return body === undefined || body === null ? '' : JSON.stringify(body);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outcome = await playGuest(process.argv.slice(2));
  (outcome.ok ? process.stdout : process.stderr).write(`${outcome.message}\n`);
  process.exitCode = outcome.ok ? 0 : 1;
}
