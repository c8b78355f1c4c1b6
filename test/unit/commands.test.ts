import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCommand, submittedCommand } from '../../src/bot/commands.js';
import { MAX_PASTE_CHARACTERS } from '../../src/domain/addresses/invitee-list.js';
import { catalogue } from '../../src/i18n/catalogue.js';
import { LANGUAGES, type Language } from '../../src/i18n/languages.js';

describe('parseCommand', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['  HELP  ', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['invite', { kind: 'invite-form' }],
    ['Invite ', { kind: 'invite-form' }],
    ['invite jane@fabrikam.com', { kind: 'invite', text: 'jane@fabrikam.com' }],
    ['invite Jane Doe <jane@fabrikam.com>; bob@tailspin.com', { kind: 'invite', text: 'Jane Doe <jane@fabrikam.com>; bob@tailspin.com' }],
    ['invite\njane@fabrikam.com\nbob@tailspin.com', { kind: 'invite', text: 'jane@fabrikam.com\nbob@tailspin.com' }],
    ['what can you do', { kind: 'unknown', text: 'what can you do' }],
    ['invitee', { kind: 'unknown', text: 'invitee' }],
    ['help the guest never got the email', { kind: 'question', text: 'the guest never got the email' }],
    ['? AADSTS50020', { kind: 'question', text: 'AADSTS50020' }],
    ['refresh', { kind: 'refresh' }],
    ['refresh everything', { kind: 'unknown', text: 'refresh everything' }],
    ['Paths', { kind: 'paths' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('reads the command out of the HTML Teams sends', () => {
    // The list itself stays in markup: the list parser decodes it once, keeping Teams' line breaks.
    expect(parseCommand('<p>invite <a href="mailto:jane@fabrikam.com">jane@fabrikam.com</a></p>')).toEqual({
      kind: 'invite',
      text: '<a href="mailto:jane@fabrikam.com">jane@fabrikam.com</a></p>',
    });
    expect(parseCommand('invite Jane &lt;jane@fabrikam.com&gt;')).toEqual({ kind: 'invite', text: 'Jane &lt;jane@fabrikam.com&gt;' });
    expect(parseCommand('<p>Invite</p>')).toEqual({ kind: 'invite-form' });
  });

  it.each([
    ['hi', false],
    ['Hello!', false],
    ['hey there 👋', false],
    ['Good morning, Guest Invites', false],
    ['<p>Hi</p>', false],
    ['thanks', true],
    ['Thank you so much!', true],
    ['thx', true],
    ['hi, thanks for the help', true],
  ])('%j is a greeting (thanks: %s), not an unknown command', (text, thanks) => {
    expect(parseCommand(text)).toEqual({ kind: 'greeting', thanks });
  });

  it.each(['hi, the link expired', 'hello jane@fabrikam.com', 'hey what can you do', 'thanks but it failed', 'history'])('%j is more than a greeting', (text) => {
    expect(parseCommand(text).kind).not.toBe('greeting');
  });

  it('a greeting with an address or a request in it is never taken for a greeting alone', () => {
    const greeting = fc.constantFrom('hi', 'hello', 'hey', 'good morning', 'thanks', 'thank you');
    const request = fc.constantFrom('jane@fabrikam.com', 'the link expired', 'please invite bob', 'status', 'it says AADSTS50020');
    fc.assert(
      fc.property(greeting, fc.constantFrom(' ', ', ', '! '), request, (hello, separator, asked) => {
        expect(parseCommand(`${hello}${separator}${asked}`).kind).not.toBe('greeting');
      }),
    );
  });

  it('refuses text over the paste limit before reading it', () => {
    expect(parseCommand(`invite ${'x'.repeat(MAX_PASTE_CHARACTERS)}`)).toEqual({ kind: 'too-long', length: MAX_PASTE_CHARACTERS + 7 });
  });
});

describe('a card button that stands for a command', () => {
  it('reads the command from the Action.Submit data, which arrives as the message value', () => {
    expect(submittedCommand({ command: 'invite' })).toBe('invite');
    expect(parseCommand(submittedCommand({ command: 'status' })!)).toEqual({ kind: 'status' });
  });

  it.each([undefined, null, 'invite', { command: 3 }, { verb: 'invite' }, { command: 'x'.repeat(201) }])('%j is no command', (value) => {
    expect(submittedCommand(value)).toBeUndefined();
  });
});

describe('an invite pasted in Teams markup', () => {
  it('keeps every line of a list and decodes entities once', async () => {
    const { parseInviteeList } = await import('../../src/domain/addresses/invitee-list.js');
    const command = parseCommand('<p>invite Jane &lt;jane@fabrikam.com&gt;<br>Bob &lt;bob@tailspin.com&gt;</p><p>&amp;lt;3 carl@litware.org</p>');
    if (command.kind !== 'invite') throw new Error(command.kind);
    expect(parseInviteeList(command.text).invitees).toEqual([
      { address: 'jane@fabrikam.com', displayName: 'Jane' },
      { address: 'bob@tailspin.com', displayName: 'Bob' },
      { address: 'carl@litware.org' },
    ]);
  });
});

describe('commands in every language', () => {
  const words = (language: Language, key: string): string[] => {
    let node: unknown = catalogue()[language].commands;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return String(node).split(',').map((word) => word.trim());
  };
  const verbs = ['invite', 'help', 'status', 'paths', 'refresh', 'notify', 'audit'] as const;
  const language = fc.constantFrom(...LANGUAGES);
  const casing = fc.constantFrom((word: string) => word, (word: string) => word.toUpperCase(), (word: string) => word[0]?.toUpperCase() + word.slice(1));

  it.each([
    ['hilfe', { kind: 'help' }],
    ['aide', { kind: 'help' }],
    ['Hilfe der Link ist abgelaufen', { kind: 'question', text: 'der Link ist abgelaufen' }],
    ['einladen', { kind: 'invite-form' }],
    ['inviter jane@fabrikam.com', { kind: 'invite', text: 'jane@fabrikam.com' }],
    ['status offen', { kind: 'status', filter: 'pending' }],
    ['statut en attente', { kind: 'status', filter: 'pending' }],
    ['benachrichtigen hier', { kind: 'notify', on: true }],
    ['notifier arrêt', { kind: 'notify', on: false }],
    ['protokoll letzte 30 tage', { kind: 'audit', days: 30 }],
    ['journal jane@fabrikam.com sur 30 jours', { kind: 'audit', days: 30, address: 'jane@fabrikam.com' }],
    ['hallo', { kind: 'greeting', thanks: false }],
    ['Danke schön!', { kind: 'greeting', thanks: true }],
    ['Bonjour à tous', { kind: 'greeting', thanks: false }],
    ['merci pour l’aide', { kind: 'greeting', thanks: true }],
    // The English words keep working for a German or French user, and the other way round.
    ['help', { kind: 'help' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('no command word means two different things across languages', () => {
    const meanings = new Map<string, string>();
    for (const lang of LANGUAGES) {
      for (const verb of verbs) {
        for (const word of words(lang, `verbs.${verb}`)) {
          expect(meanings.get(word) ?? verb, `${lang} ${word}`).toBe(verb);
          meanings.set(word, verb);
        }
      }
    }
  });

  it("each language's command words parse to the same command as the English ones", () => {
    const rest = fc.oneof(
      fc.constant(''),
      fc.emailAddress().filter((address) => !address.includes('<')),
      fc.integer({ min: 1, max: 999 }).map(String),
      fc.constantFrom('the link expired', 'AADSTS50020', 'here', 'off'),
    );
    fc.assert(
      fc.property(language, fc.constantFrom(...verbs), casing, rest, (lang, verb, cased, args) => {
        const english = words('en', `verbs.${verb}`)[0] ?? '';
        for (const word of words(lang, `verbs.${verb}`)) {
          const said = `${cased(word)} ${args}`.trim();
          const expected = parseCommand(`${english} ${args}`.trim());
          const parsed = parseCommand(said);
          expect(parsed.kind === 'unknown' ? 'unknown' : parsed).toEqual(expected.kind === 'unknown' ? 'unknown' : expected);
        }
      }),
    );
  });

  it("each language's filters, notify words and greetings mean what the English ones mean", () => {
    fc.assert(
      fc.property(language, fc.constantFrom('all', 'pending', 'accepted', 'failed'), casing, (lang, filter, cased) => {
        for (const word of words(lang, `statusFilters.${filter}`)) expect(parseCommand(`status ${cased(word)}`)).toEqual({ kind: 'status', filter });
      }),
    );
    fc.assert(
      fc.property(language, fc.constantFrom('here', 'off'), (lang, which) => {
        for (const word of words(lang, `notify.${which}`)) expect(parseCommand(`${words(lang, 'verbs.notify')[0]} ${word}`)).toEqual({ kind: 'notify', on: which === 'here' });
      }),
    );
    fc.assert(
      fc.property(language, fc.constantFrom('hello', 'thanks'), casing, (lang, kind, cased) => {
        for (const word of words(lang, `greetings.${kind}`)) expect(parseCommand(`${cased(word)}!`)).toEqual({ kind: 'greeting', thanks: kind === 'thanks' });
      }),
    );
  });
});
