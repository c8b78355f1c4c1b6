/**
 * A prediction for people: a short label for the review and what each warning means, as catalogue messages
 * (locales/<language>/paths.json, said at the edge; src/cards/path-words.ts composes "X or Y"), and the steps
 * the guest will see (shared/domain/redemption-paths.md, "Path-by-path"). The steps are still English text
 * because the bot's own invitation email (invitation-mail.ts) is written in the domain; they move to the
 * catalogue with it.
 */
import type { PathPrediction, PredictionWarning, RedemptionPath } from './predict-path.js';
import { message, type Message } from '../message.js';

/** The short name of a path (`paths:label.<path>`), with the organisation or identity provider when known. */
export function pathLabel(path: RedemptionPath, via?: string): Message {
  return message(`paths:label.${path}`, { via: via ?? '', named: via ? 'yes' : 'no' });
}

/** What a prediction names, as a review entry holds it or an invitation record kept it. */
export type PredictedSignIn = Pick<PathPrediction, 'path' | 'via' | 'otherwise'>;

/** The prediction an invitation record kept, if any. */
export function predictionOfRecord(record: { readonly predictedPath?: RedemptionPath; readonly predictedVia?: string; readonly predictedOtherwise?: RedemptionPath }): PredictedSignIn | undefined {
  if (!record.predictedPath) return undefined;
  return {
    path: record.predictedPath,
    ...(record.predictedVia ? { via: record.predictedVia } : {}),
    ...(record.predictedOtherwise ? { otherwise: { path: record.predictedOtherwise } } : {}),
  };
}

const STEPS: Record<RedemptionPath, (via?: string) => string[]> = {
  entra: (via) => [
    'Open the invitation link (Accept invitation in the email).',
    `Sign in with your work account${via ? ` at ${via}` : ''}, as you do every day, including its multi-factor sign-in.`,
    'Accept the permissions page (Review permissions).',
  ],
  'saml-federation': (via) => [
    'Open the invitation link (Accept invitation in the email).',
    `You are sent to your organisation's own sign-in page${via ? ` (${via})` : ''}: sign in there.`,
    'Accept the permissions page (Review permissions).',
  ],
  google: () => [
    'Open the invitation link (Accept invitation in the email).',
    'Sign in with Google, choosing the invited Gmail account if you have several.',
    'In the Teams desktop app Google may ask you to enter a code at https://microsoft.com/devicelogin instead.',
    'Accept the permissions page (Review permissions).',
  ],
  'microsoft-account': () => [
    'Open the invitation link (Accept invitation in the email).',
    'Sign in with your personal Microsoft account for this address.',
    'Accept the permissions page (Review permissions).',
  ],
  'email-otp': () => [
    'Open the invitation link (Accept invitation in the email).',
    'Choose Send code: a one-time passcode arrives at the invited address (check spam).',
    'Type the code within 30 minutes. A sign-in lasts 24 hours; after that, ask for a new code.',
    'Accept the permissions page (Review permissions).',
  ],
  'new-microsoft-account': () => [
    'Open the invitation link (Accept invitation in the email).',
    'When asked, create a Microsoft account for the invited address (a code is sent to it to confirm).',
    'Accept the permissions page (Review permissions).',
  ],
  blocked: () => ['Wait for the inviter: their administrator has to allow your organisation first.'],
};

export function guestSteps(path: RedemptionPath, via?: string): string[] {
  return STEPS[path](via);
}

/** What a warning means for the inviter (`paths:warning.<warning>`). */
export function warningText(warning: PredictionWarning): Message {
  return message(`paths:warning.${warning}`);
}
