import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.js';
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

  it('refuses text over the paste limit before reading it', () => {
    expect(parseCommand(`invite ${'x'.repeat(MAX_PASTE_CHARACTERS)}`)).toEqual({ kind: 'too-long', length: MAX_PASTE_CHARACTERS + 7 });
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
