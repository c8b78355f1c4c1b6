/** Check 4 (INVITATION_DELIVERY=mailbox only): the mailbox the bot sends from exists in the tenant. */
import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { Config } from '../config.js';
import { graphAdvice } from './graph-advice.js';
import { fail, pass, withTimeout, type CheckResult } from './result.js';

const NAME = 'Mailbox';

interface User {
  readonly id?: string;
  readonly displayName?: string;
  readonly mail?: string | null;
  readonly userPrincipalName?: string;
}

export async function checkMailbox(graph: Client, config: Config, timeoutSeconds: number): Promise<CheckResult> {
  const mailbox = config.invitations.mailbox;
  let user: User;
  try {
    user = (await withTimeout(
      graph.api(`/users/${encodeURIComponent(mailbox)}`).select(['id', 'displayName', 'mail', 'userPrincipalName']).get() as Promise<User>,
      timeoutSeconds,
      `Graph at ${config.graph.baseUrl}`,
    )) ?? {};
  } catch (error) {
    if (error instanceof GraphError && error.statusCode === 404) {
      return fail(NAME, `INVITATION_MAILBOX ${mailbox} is not a user in tenant ${config.graph.tenantId}. Set it to the user principal name of a user or shared mailbox with an Exchange Online mailbox.`);
    }
    return fail(NAME, graphAdvice(error, `GET /users/${mailbox}`, 'User.Read.All', config));
  }
  if (!user.mail) {
    return fail(NAME, `${mailbox} exists (${user.displayName ?? user.id}) but has no mail address, so it has no mailbox to send from. Give it an Exchange Online mailbox or choose another INVITATION_MAILBOX.`);
  }
  return pass(NAME, `INVITATION_MAILBOX ${mailbox} is ${user.displayName ?? user.userPrincipalName ?? user.id}, mail ${user.mail}`);
}
