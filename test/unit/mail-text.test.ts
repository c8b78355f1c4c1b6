/** The bot's own mail (mailbox delivery) is written in the batch's email language; what people typed stays verbatim. */
import { describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../src/domain/ports/mailer.js';
import { mailText } from '../../src/graph/mail-text.js';

const invitation = (language: string, overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  kind: 'invitation',
  to: { address: 'jane@fabrikam.com', name: 'Jane Doe' },
  language,
  inviter: 'Dana Scully',
  link: 'https://login.example/redeem',
  note: 'Willkommen im <b>Projekt</b>!\n[link](https://evil.example)',
  landingPage: 'https://myapps.microsoft.com/',
  ...overrides,
});

describe('the mailbox invitation email', () => {
  it.each([
    ['en-US', 'Dana Scully invited you to collaborate', 'Hello Jane Doe,', 'To accept, open this link'],
    ['de-DE', 'Dana Scully lädt Sie zur Zusammenarbeit ein', 'Hallo Jane Doe,', 'Um anzunehmen, öffnen Sie diesen Link'],
    ['fr-FR', 'Dana Scully vous invite à collaborer', 'Bonjour Jane Doe,', 'Pour accepter, ouvrez ce lien'],
    // Microsoft writes in languages the bot does not speak; the bot's own mail falls back to English.
    ['ja-JP', 'Dana Scully invited you to collaborate', 'Hello Jane Doe,', 'To accept, open this link'],
  ])('in %s', (language, subject, hello, toAccept) => {
    const mail = mailText(invitation(language));
    expect(mail.subject).toBe(subject);
    expect(mail.text.startsWith(hello)).toBe(true);
    expect(mail.text).toContain(toAccept);
    expect(mail.text).toContain('https://login.example/redeem');
    expect(mail.text).toContain('  Willkommen im <b>Projekt</b>!\n  [link](https://evil.example)');
  });

  it('speaks of a colleague when the inviter has no name, and greets without a name', () => {
    const mail = mailText({ kind: 'new-link', to: { address: 'jane@fabrikam.com' }, language: 'de-DE', link: 'https://login.example/new' });
    expect(mail.subject).toBe('Ihre Einladung von einer Kollegin oder einem Kollegen, erneut');
    expect(mail.text).toMatch(/^Guten Tag,\n\nEine Kollegin oder ein Kollege hat Ihnen einen neuen Link gesendet/);
  });
});

describe('the guest’s steps and the guest help page in the bot’s own mail', () => {
  const predicted = (language: string) => invitation(language, { prediction: { path: 'email-otp', confidence: 'likely', warnings: [], otherwise: { path: 'microsoft-account' } } });
  const BASE = 'https://guest-invites.contoso.example';

  it.each([
    ['en-US', 'en', 'Choose Send code: a one-time passcode arrives at the invited address (check spam).', 'Step by step, and what to do if something goes wrong: '],
    ['de-DE', 'de', 'Wählen Sie „Code senden“: Ein Einmalpasscode kommt an die eingeladene Adresse', 'Schritt für Schritt, und was Sie tun können, wenn etwas nicht klappt: '],
    ['fr-FR', 'fr', 'Choisissez « Envoyer le code » : un code à usage unique arrive à l’adresse invitée', 'Pas à pas, et que faire en cas de problème : '],
  ])('in %s: the steps in the mail’s language, and the page at the predicted path’s section', (language, lang, step, helpLine) => {
    const text = mailText(predicted(language), BASE).text;
    expect(text).toContain(step);
    expect(text).toContain(`${helpLine}${BASE}/guest-help?lang=${lang}#passcode`);
    expect(mailText(predicted(language)).text).not.toContain('/guest-help');
  });

  it('a new link mail points at how to accept; a language the bot does not speak gets the English page', () => {
    const text = mailText({ kind: 'new-link', to: { address: 'jane@fabrikam.com' }, language: 'ja-JP', link: 'https://login.example/new' }, `${BASE}/bot/`).text;
    expect(text.endsWith(`${BASE}/bot/guest-help?lang=en#accept`)).toBe(true);
  });
});
