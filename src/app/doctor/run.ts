/** Runs every deployment check against a validated Config and returns their results in a fixed order. */
import { rulesOn } from '../../domain/lifecycle/lifecycle-rules.js';
import { createGraphClient } from '../../graph/client.js';
import type { Config } from '../config.js';
import { graphCredential, storageAccount } from '../credentials.js';
import { checkBotFramework } from './bot-framework.js';
import { checkGraphAnswers } from './graph-answers.js';
import { checkLifecycle } from './lifecycle.js';
import { checkMailbox } from './mailbox.js';
import { checkPermissions } from './permissions.js';
import { skip, type CheckResult } from './result.js';
import { checkSignIn } from './sign-in.js';
import { checkStorage } from './storage.js';

export async function runDoctor(config: Config): Promise<CheckResult[]> {
  const timeoutSeconds = config.sending.requestTimeoutSeconds;
  const graphChecks = async (): Promise<CheckResult[]> => {
    const credential = graphCredential(config.graph);
    const signIn = await checkSignIn(credential, config.graph, timeoutSeconds);
    const permissions = checkPermissions(signIn.accessToken, config);
    const mailboxWanted = config.invitations.delivery === 'mailbox';
    if (signIn.accessToken === undefined) {
      return [signIn.result, ...permissions, skip('Graph', 'no token: fix the sign-in first'), ...(mailboxWanted ? [skip('Mailbox', 'no token: fix the sign-in first')] : [])];
    }
    // The same credential: its token is cached, so Graph is not asked to sign in twice.
    const graph = createGraphClient(config.graph.baseUrl, credential);
    const answers = await checkGraphAnswers(graph, config, timeoutSeconds);
    const mailbox = mailboxWanted ? [await checkMailbox(graph, config, timeoutSeconds)] : [];
    const lifecycle = rulesOn(config.lifecycle).length > 0 ? [await checkLifecycle(graph, config)] : [];
    return [signIn.result, ...permissions, answers, ...mailbox, ...lifecycle];
  };
  const [graph, storage] = await Promise.all([graphChecks(), checkStorage(storageAccount(config.storage), timeoutSeconds)]);
  return [...graph, ...storage, checkBotFramework(config.bot)];
}
