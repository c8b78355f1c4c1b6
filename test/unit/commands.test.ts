import { describe, expect, it } from 'vitest';
import { parseCommand, toPlainText } from '../../src/bot/commands.js';

describe('parseCommand', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['  HELP  ', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['invite', { kind: 'invite-missing-address' }],
    ['invite jane@fabrikam.com', { kind: 'invite', address: 'jane@fabrikam.com' }],
    ['Invite jane@fabrikam.com.', { kind: 'invite', address: 'jane@fabrikam.com' }],
    ['invite mailto:jane@fabrikam.com', { kind: 'invite', address: 'jane@fabrikam.com' }],
    ['invite Jane Doe <jane@fabrikam.com>', { kind: 'invite', address: 'jane@fabrikam.com', displayName: 'Jane Doe' }],
    ['invite "Doe, Jane" <jane@fabrikam.com>', { kind: 'invite', address: 'jane@fabrikam.com', displayName: 'Doe, Jane' }],
    ['invite <jane@fabrikam.com>', { kind: 'invite', address: 'jane@fabrikam.com' }],
    ['invite a@fabrikam.com, b@fabrikam.com', { kind: 'invite-several', count: 2 }],
    ['what can you do', { kind: 'unknown', text: 'what can you do' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('reads addresses out of the HTML Teams puts around them', () => {
    expect(parseCommand('invite <a href="mailto:jane@fabrikam.com">jane@fabrikam.com</a>')).toEqual({ kind: 'invite', address: 'jane@fabrikam.com' });
    expect(parseCommand('invite Jane &lt;jane@fabrikam.com&gt;')).toEqual({ kind: 'invite', address: 'jane@fabrikam.com', displayName: 'Jane' });
  });

  it('does not read a huge message as a command', () => {
    const result = parseCommand(`invite ${'x'.repeat(10_000)}@fabrikam.com`);
    expect(result.kind).toBe('unknown');
  });
});

describe('toPlainText', () => {
  it('drops markup and decodes entities once', () => {
    expect(toPlainText('<p>a &amp;lt; b</p>')).toBe('a &lt; b');
    expect(toPlainText('<at>Dana</at> hi&nbsp;there')).toBe('Dana hi there');
  });
});
