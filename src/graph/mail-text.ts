/**
 * The words of the bot's own mails, in the mail's language (catalogue namespace `mail`), as plain text:
 * nothing anyone typed is interpreted as markup. A language the bot does not speak is written in English.
 */
import type { OutgoingMail } from '../domain/ports/mailer.js';
import { guestHelpUrl, pathSection, type GuestHelpSection } from '../domain/redemption/guest-help.js';
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

/** The guest help page in the mail's language, at the section about what the guest meets; nothing without the bot's public address. */
function helpPage(words: Translator, publicBaseUrl: string, section: GuestHelpSection): string[] {
  const url = guestHelpUrl(publicBaseUrl, words.language, section);
  return url ? [words.t('mail:helpPage', { url }), ''] : [];
}

export function mailText(mail: OutgoingMail, publicBaseUrl = ''): MailText {
  const words = translatorFor({ locale: mail.language });
  const who = named(mail);
  if (mail.kind === 'new-link') {
    return {
      subject: words.t('mail:newLink.subject', who),
      text: [words.t('mail:hello', who), '', words.t('mail:newLink.text', who), mail.link, '', words.t('mail:signInWithThisAddress'), '', ...helpPage(words, publicBaseUrl, 'accept')].join('\n').trimEnd(),
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
    ...helpPage(words, publicBaseUrl, mail.prediction ? pathSection(mail.prediction.path) : 'accept'),
    words.t('mail:invitation.landsOn', { url: mail.landingPage }),
    '',
    words.t('mail:invitation.notExpected'),
  ];
  return { subject: words.t('mail:invitation.subject', who), text: lines.join('\n') };
}
