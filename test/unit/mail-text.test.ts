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
