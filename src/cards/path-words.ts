/** How a guest will sign in, in the reader's words: the one wording the review, the help answers and status use. */
import type { PredictedSignIn } from '../domain/redemption/path-guide.js';
import { pathLabel } from '../domain/redemption/path-guide.js';
import type { Translator } from '../i18n/translator.js';
import { say } from './say.js';

/** "Work account (Fabrikam) or Email passcode": the path, and the branch taken otherwise. */
export function predictionLabel(words: Translator, prediction: PredictedSignIn): string {
  const main = say(words, pathLabel(prediction.path, prediction.via));
  if (!prediction.otherwise) return main;
  return words.t('paths:prediction', { main, otherwise: say(words, pathLabel(prediction.otherwise.path, prediction.otherwise.via)) });
}

export function signInLine(words: Translator, prediction: PredictedSignIn): string {
  return words.t('paths:signInLine', { label: predictionLabel(words, prediction) });
}
