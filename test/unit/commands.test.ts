import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCommand, submittedCommand } from '../../src/bot/commands.js';
import { MAX_PASTE_CHARACTERS } from '../../src/domain/addresses/invitee-list.js';

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
