/**
 * A prediction for people: a short label for the review, what each warning means, and the steps the guest will
 * see, as catalogue messages (locales/<language>/paths.json), said at the edge in the reader's language: the
 * inviter's on the batch card, the mail's on the bot's own invitation email. src/cards/path-words.ts composes
 * "X or Y".
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

/** One step the guest takes (`paths:step.<step>`), with the organisation or identity provider when known. */
function step(name: string, via?: string): Message {
  return message(`paths:step.${name}`, { via: via ?? '', named: via ? 'yes' : 'no' });
}

const OPEN = step('open');
const CONSENT = step('consent');

const STEPS: Record<RedemptionPath, (via?: string) => Message[]> = {
  entra: (via) => [OPEN, step('entra', via), CONSENT],
  'saml-federation': (via) => [OPEN, step('saml-federation', via), CONSENT],
  google: () => [OPEN, step('google'), step('google-device-code'), CONSENT],
  'microsoft-account': () => [OPEN, step('microsoft-account'), CONSENT],
  'email-otp': () => [OPEN, step('email-otp'), step('email-otp-expiry'), CONSENT],
  'new-microsoft-account': () => [OPEN, step('new-microsoft-account'), CONSENT],
  blocked: () => [step('blocked')],
};

/** The steps the guest will see on a path (shared/domain/redemption-paths.md, "Path-by-path"). */
export function guestSteps(path: RedemptionPath, via?: string): Message[] {
  return STEPS[path](via);
}

/** What a warning means for the inviter (`paths:warning.<warning>`). */
export function warningText(warning: PredictionWarning): Message {
  return message(`paths:warning.${warning}`);
}
