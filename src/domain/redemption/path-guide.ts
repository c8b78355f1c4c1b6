/**
 * A prediction in words: a short label for the review, one sentence of why, the steps the guest will see
 * (shared/domain/redemption-paths.md, "Path-by-path"), and what each warning means. Plain text only: it is
 * shown in Adaptive Card TextRuns and sent in plain-text email.
 */
import type { PathPrediction, PredictionWarning, RedemptionPath } from './predict-path.js';

const LABELS: Record<RedemptionPath, (via?: string) => string> = {
  entra: (via) => `Work account${via ? ` (${via})` : ''}`,
  'saml-federation': (via) => `Their organisation's sign-in${via ? ` (${via})` : ''}`,
  google: () => 'Google',
  'microsoft-account': () => 'Microsoft account',
  'email-otp': () => 'Email passcode',
  'new-microsoft-account': () => 'New Microsoft account',
  blocked: () => 'Blocked by cross-tenant access',
};

export function pathLabel(path: RedemptionPath, via?: string): string {
  return LABELS[path](via);
}

/** What a prediction names, as a review entry holds it or an invitation record kept it. */
export type PredictedSignIn = Pick<PathPrediction, 'path' | 'via' | 'otherwise'>;

/** "Work account (Fabrikam) or Email passcode": the path, and the branch taken otherwise. */
export function predictionLabel(prediction: PredictedSignIn): string {
  const main = pathLabel(prediction.path, prediction.via);
  return prediction.otherwise ? `${main} or ${pathLabel(prediction.otherwise.path, prediction.otherwise.via)}` : main;
}

/** How a guest will sign in, in the one wording the review, the help answers and status use. */
export function signInLine(prediction: PredictedSignIn): string {
  return `Signs in with: ${predictionLabel(prediction)}`;
}

/** The prediction an invitation record kept, if any. */
export function predictionOfRecord(record: { readonly predictedPath?: RedemptionPath; readonly predictedVia?: string; readonly predictedOtherwise?: RedemptionPath }): PredictedSignIn | undefined {
  if (!record.predictedPath) return undefined;
  return {
    path: record.predictedPath,
    ...(record.predictedVia ? { via: record.predictedVia } : {}),
    ...(record.predictedOtherwise ? { otherwise: { path: record.predictedOtherwise } } : {}),
  };
}

export function predictionReason(prediction: PathPrediction, domain: string): string {
  switch (prediction.path) {
    case 'blocked':
      return `Your organisation's cross-tenant access settings block B2B collaboration with ${prediction.via ?? domain}: the guest cannot accept (AADSTS500213) until an administrator allows it.`;
    case 'entra':
      return `${domain} belongs to ${prediction.via ? `the Microsoft Entra organisation ${prediction.via}` : 'a Microsoft Entra organisation'}, so the guest signs in with their work account there if it exists; otherwise: ${pathLabel(prediction.otherwise?.path ?? 'email-otp', prediction.otherwise?.via).toLowerCase()}.`;
    case 'saml-federation':
      return `${domain} is federated with your organisation (SAML/WS-Fed, ${prediction.via ?? 'their identity provider'}), so the guest signs in at their own organisation.`;
    case 'google':
      return 'Gmail addresses sign in with Google, because your organisation has Google federation on.';
    case 'microsoft-account':
      return `${domain} is a Microsoft consumer mail domain: every address there is a personal Microsoft account.`;
    case 'email-otp':
      return prediction.confidence === 'depends-on-guest'
        ? 'No organisation sign-in applies. If the guest already has a personal Microsoft account for this address they use it; otherwise a one-time passcode is emailed to them. Nothing at invite time tells which.'
        : 'Your organisation sends new guests a one-time passcode by email (the Microsoft account fallback is off).';
    case 'new-microsoft-account':
      return prediction.confidence === 'depends-on-guest' && prediction.otherwise
        ? 'No organisation sign-in applies and email passcodes are off. If the guest has a personal Microsoft account for this address they use it; otherwise they must create one.'
        : 'The guest signs in with a Microsoft account for this address, creating one if needed.';
  }
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

const WARNINGS: Record<PredictionWarning, string> = {
  'inbound-blocked': 'Cross-tenant access blocks this organisation: the invitation can be sent, but it cannot be accepted (AADSTS500213). An administrator must allow inbound B2B collaboration for it.',
  'inbound-some': 'Cross-tenant access admits only some users or groups of this organisation: the guest may be refused (AADSTS500213).',
  'new-microsoft-account': 'Email passcodes are off: a guest without a Microsoft account must create one to accept.',
  'gmail-without-google': 'Google federation is off, so this Gmail address does not sign in with Google.',
  'google-device-code': 'Google blocks sign-in inside the Teams desktop app: the guest may be asked for a code at https://microsoft.com/devicelogin; a browser avoids it.',
  'domain-unchecked': 'Whether this domain is a Microsoft Entra organisation could not be checked; if it is, the guest signs in with their work account there.',
  'configuration-unreadable': 'Part of your organisation’s sign-in configuration could not be read, so this prediction may be off.',
};

export function warningText(warning: PredictionWarning): string {
  return WARNINGS[warning];
}
