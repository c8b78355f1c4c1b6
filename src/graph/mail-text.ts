/**
 * The words of the bot's own mails, in the mail's language (catalogue namespace `mail`), as plain text:
 * nothing anyone typed is interpreted as markup. A language the bot does not speak is written in English.
 */
import type { OutgoingMail } from '../domain/ports/mailer.js';
import { guestSteps } from '../domain/redemption/path-guide.js';
import type { PathPrediction } from '../domain/redemption/predict-path.js';
import { say } from '../i18n/say.js';
import { translatorFor, type Translator } from '../i18n/translator.js';

export interface MailText {
  readonly subject: string;
  readonly text: string;
}

function named(mail: OutgoingMail) {
  return { named: mail.inviter ? 'yes' : 'no', inviter: mail.inviter ?? '', greeted: mail.to.name ? 'yes' : 'no', name: mail.to.name ?? '' };
}

/** What this guest will see, predicted from the organisation's configuration; both branches when it depends on them. */
function signInGuide(words: Translator, prediction: PathPrediction): string[] {
  const steps = (path: PathPrediction['path'], via?: string) => guestSteps(path, via).map((step, i) => words.t('mail:invitation.step', { number: i + 1, step: say(words, step) }));
  const lines = [words.t('mail:invitation.howToSignIn'), ...steps(prediction.path, prediction.via)];
  if (prediction.otherwise) {
    lines.push(words.t('mail:invitation.otherwise', { path: prediction.path === 'entra' ? 'entra' : 'other' }), ...steps(prediction.otherwise.path, prediction.otherwise.via));
  }
  return [...lines, ''];
}

export function mailText(mail: OutgoingMail): MailText {
  const words = translatorFor({ locale: mail.language });
  const who = named(mail);
  if (mail.kind === 'new-link') {
    return {
      subject: words.t('mail:newLink.subject', who),
      text: [words.t('mail:hello', who), '', words.t('mail:newLink.text', who), mail.link, '', words.t('mail:signInWithThisAddress')].join('\n'),
    };
  }
  const lines = [
    words.t('mail:hello', who),
    '',
    words.t('mail:invitation.invited', who),
    ...(mail.note ? ['', words.t('mail:invitation.noteFrom', who), '', ...mail.note.split(/\r?\n/).map((line) => `  ${line}`)] : []),
    '',
    words.t('mail:invitation.toAccept'),
    mail.link,
    '',
    ...(mail.prediction ? signInGuide(words, mail.prediction) : []),
    words.t('mail:invitation.landsOn', { url: mail.landingPage }),
    '',
    words.t('mail:invitation.notExpected'),
  ];
  return { subject: words.t('mail:invitation.subject', who), text: lines.join('\n') };
}
