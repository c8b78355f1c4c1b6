import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEmailAddress } from '../../src/domain/addresses/email-address.js';
import { parseInviteeList, type InviteeListParse, type ParsedInvitee } from '../../src/domain/addresses/invitee-list.js';
import { toPlainLines, toPlainText } from '../../src/domain/addresses/plain-text.js';

function found(...invitees: (string | [address: string, displayName: string])[]): InviteeListParse {
  return { invitees: invitees.map((i) => (typeof i === 'string' ? { address: i } : { address: i[0], displayName: i[1] })), unreadable: [] };
}

function unreadable(...fragments: string[]): InviteeListParse {
  return { invitees: [], unreadable: fragments };
}

function table(rows: [input: string, expected: InviteeListParse][]): void {
  it.each(rows)('%j', (input, expected) => {
    expect(parseInviteeList(input)).toEqual(expected);
  });
}

describe('parseInviteeList', () => {
  describe('lists', () => {
    table([
      ['', found()],
      ['  \n\n\t\n ', found()],
      ['jane@fabrikam.com\nbob@tailspin.com', found('jane@fabrikam.com', 'bob@tailspin.com')],
      ['jane@fabrikam.com\r\nbob@tailspin.com\r\n', found('jane@fabrikam.com', 'bob@tailspin.com')],
      ['jane@fabrikam.com, bob@tailspin.com; carol@contoso.com', found('jane@fabrikam.com', 'bob@tailspin.com', 'carol@contoso.com')],
      ['jane@fabrikam.com\tbob@tailspin.com', found('jane@fabrikam.com', 'bob@tailspin.com')],
      ['jane@fabrikam.com;bob@tailspin.com,\n\tcarol@contoso.com ; ;, dan@x.org\r', found('jane@fabrikam.com', 'bob@tailspin.com', 'carol@contoso.com', 'dan@x.org')],
      ['jane@fabrikam.com bob@tailspin.com', found('jane@fabrikam.com', 'bob@tailspin.com')],
      ['jane@fabrikam.com\njane@fabrikam.com\nJANE@fabrikam.com', found('jane@fabrikam.com', 'jane@fabrikam.com', 'JANE@fabrikam.com')],
    ]);
  });

  describe('names', () => {
    table([
      ['Jane Doe <jane@fabrikam.com>', found(['jane@fabrikam.com', 'Jane Doe'])],
      ['Jane<jane@fabrikam.com>', found(['jane@fabrikam.com', 'Jane'])],
      ['"Doe, Jane" <jane@fabrikam.com>', found(['jane@fabrikam.com', 'Doe, Jane'])],
      ['"Doe, Jane"<jane@fabrikam.com>', found(['jane@fabrikam.com', 'Doe, Jane'])],
      ["'Jane Doe' <jane@fabrikam.com>", found(['jane@fabrikam.com', 'Jane Doe'])],
      ["Seán O'Brien <sean@fabrikam.com>", found(['sean@fabrikam.com', "Seán O'Brien"])],
      ['  "  Jane \u2003  Doe " <jane@fabrikam.com>', found(['jane@fabrikam.com', 'Jane Doe'])],
      ['Jane "JD" Doe <jane@fabrikam.com>', found(['jane@fabrikam.com', 'Jane JD Doe'])],
      ['"" <jane@fabrikam.com>', found('jane@fabrikam.com')],
      ['<jane@fabrikam.com>', found('jane@fabrikam.com')],
      ['"jane@fabrikam.com" <jane@fabrikam.com>', found('jane@fabrikam.com')],
      ['jane@fabrikam.com <Jane@Fabrikam.com>', found('Jane@Fabrikam.com')],
      ['"Doe, Jane" <jane@fabrikam.com>, "Roe, Rick" <rick@tailspin.com>', found(['jane@fabrikam.com', 'Doe, Jane'], ['rick@tailspin.com', 'Roe, Rick'])],
      // Outlook: unquoted "Last, First", entries separated by semicolons.
      ['Doe, Jane <jane@x.com>; Roe, Rick <rick@y.com>', found(['jane@x.com', 'Doe, Jane'], ['rick@y.com', 'Roe, Rick'])],
      ['Doe,Jane<jane@x.com>;Roe,Rick<rick@y.com>', found(['jane@x.com', 'Doe,Jane'], ['rick@y.com', 'Roe,Rick'])],
      ['van der Berg, Anna Maria <anna@x.com>', found(['anna@x.com', 'van der Berg, Anna Maria'])],
      ['Doe, Jane <jane@x.com>, Roe, Rick <rick@y.com>', found(['jane@x.com', 'Doe, Jane'], ['rick@y.com', 'Roe, Rick'])],
      // Gmail's copy form.
      ['Jane Doe <jane@x.com>, Bob <bob@y.com>', found(['jane@x.com', 'Jane Doe'], ['bob@y.com', 'Bob'])],
      ['jane@x.com, Roe, Rick <rick@y.com>, carol@z.com', found('jane@x.com', ['rick@y.com', 'Roe, Rick'], 'carol@z.com')],
      // A comma before a bare address or before nothing name-like separates: what stands before it is a
      // list item of its own, and no address.
      ['Doe, jane@x.com', { invitees: [{ address: 'jane@x.com' }], unreadable: ['Doe'] }],
      ['Hello, <jane@x.com>', { invitees: [{ address: 'jane@x.com' }], unreadable: ['Hello'] }],
      // A quoted name is the whole name; an unquoted one takes the prose in front of it along.
      ['Please invite "Doe, Jane" <jane@x.com>', found(['jane@x.com', 'Doe, Jane'])],
      ['Please invite Jane <jane@x.com>', found(['jane@x.com', 'Please invite Jane'])],
      // Display names are data: nothing in them is interpreted.
      ['${x} <jane@x.com>', found(['jane@x.com', '${x}'])],
      ['[a](b) <jane@x.com>', found(['jane@x.com', '[a](b)'])],
      ['&lt;script&gt;alert(1)&lt;/script&gt; &lt;jane@x.com&gt;', found(['jane@x.com', '<script>alert(1)</script>'])],
      ['"<b>Jane</b> & {{name}}" <jane@x.com>', found(['jane@x.com', '<b>Jane</b> & {{name}}'])],
    ]);
  });

  describe('mailto: links', () => {
    table([
      ['mailto:jane@fabrikam.com', found('jane@fabrikam.com')],
      ['MAILTO:jane@fabrikam.com', found('jane@fabrikam.com')],
      ['Jane <mailto:jane@fabrikam.com>', found(['jane@fabrikam.com', 'Jane'])],
      ['(mailto:jane@fabrikam.com).', found('jane@fabrikam.com')],
    ]);
  });

  describe('prose', () => {
    table([
      ['Please invite jane@fabrikam.com and bob@tailspin.com.', found('jane@fabrikam.com', 'bob@tailspin.com')],
      ['Hi! Can you add jane@fabrikam.com, bob@tailspin.com; and carol@contoso.com? Thanks.', found('jane@fabrikam.com', 'bob@tailspin.com', 'carol@contoso.com')],
      ['Our guests (jane@fabrikam.com) and "bob@tailspin.com"!', found('jane@fabrikam.com', 'bob@tailspin.com')],
      ["Add 'jane@fabrikam.com' please", found('jane@fabrikam.com')],
      ['Invite “jane@fabrikam.com” and ‘bob@tailspin.com’…', found('jane@fabrikam.com', 'bob@tailspin.com')],
      ['Is it jane@fabrikam.com?!', found('jane@fabrikam.com')],
      ['Invite "jane@fabrikam.com bob@tailspin.com"', found('jane@fabrikam.com', 'bob@tailspin.com')],
      // A handle is not an address.
      ['@Jane can you invite bob@tailspin.com?', found('bob@tailspin.com')],
    ]);
  });

  describe('Teams markup', () => {
    table([
      ['<p>Please invite <a href="mailto:jane@fabrikam.com">jane@fabrikam.com</a></p>', found('jane@fabrikam.com')],
      ['Jane Doe &lt;<a href="mailto:jane@fabrikam.com">jane@fabrikam.com</a>&gt;', found(['jane@fabrikam.com', 'Jane Doe'])],
      ['<at>Guest Invites</at> invite &quot;Doe, Jane&quot; &lt;jane@x.com&gt;', found(['jane@x.com', 'Doe, Jane'])],
      ['<div>Doe, Jane &lt;jane@x.com&gt;</div><div>Roe, Rick &lt;rick@y.com&gt;</div>', found(['jane@x.com', 'Doe, Jane'], ['rick@y.com', 'Roe, Rick'])],
      ['jane@x.com<br>bob@y.com<br/>carol@z.com', found('jane@x.com', 'bob@y.com', 'carol@z.com')],
      ['<p>jane@x.com</p><p>bob.y.com</p>', { invitees: [{ address: 'jane@x.com' }], unreadable: ['bob.y.com'] }],
      // Teams escapes the brackets a person types; typed in a form they come plain. Either way an address
      // that starts like a tag name stays an address.
      ['Pat &lt;p.x@fabrikam.com&gt;', found(['p.x@fabrikam.com', 'Pat'])],
      ['Pat <p.smith@x.com>\nBrian <br-o@x.com>\nSue <span@x.com>, Anna <a.b@x.com>, Dan <dan@y.com> </a>', found(['p.smith@x.com', 'Pat'], ['br-o@x.com', 'Brian'], ['span@x.com', 'Sue'], ['a.b@x.com', 'Anna'], ['dan@y.com', 'Dan'])],
      ['Tom&nbsp;&amp;&nbsp;Ann &lt;team@x.com&gt;', found(['team@x.com', 'Tom & Ann'])],
    ]);
  });

  describe('spreadsheet rows', () => {
    table([
      ['Name\tEmail\nJane Doe\tjane@x.com\nBob Roe\tbob@y.com', found(['jane@x.com', 'Jane Doe'], ['bob@y.com', 'Bob Roe'])],
      ['First name\tLast name\tE-mail address\r\nJane\tDoe\tjane@x.com\r\n', found(['jane@x.com', 'Jane Doe'])],
      ['Jane\tDoe\tjane@x.com', found(['jane@x.com', 'Jane Doe'])],
      ['jane@x.com\tJane\tDoe', found(['jane@x.com', 'Jane Doe'])],
      ['Jane\t\t jane@x.com \t', found(['jane@x.com', 'Jane'])],
      ['"Doe, Jane"\tjane@x.com', found(['jane@x.com', 'Doe, Jane'])],
      // After a header, only its name columns give the name.
      ['Display name\tEmail\tCompany\tPhone\nJane Doe\tjane@x.com\tFabrikam Ltd.\t+1 555 0100', found(['jane@x.com', 'Jane Doe'])],
      ['Email\tCompany\njane@x.com\tfabrikam.com', found('jane@x.com')],
      ['Name\tEmail', found()],
      ['Jane\tJane Doe <jane@x.com>', found(['jane@x.com', 'Jane Doe'])],
      ['Jane Doe\tjane.fabrikam.com', unreadable('jane.fabrikam.com')],
      // Tabs that separate a list: several cells hold an address.
      ['Jane <jane@x.com>\tbob@y.com\tRick', found(['jane@x.com', 'Jane'], 'bob@y.com')],
      ['jane.fabrikam.com\tbob@y.com', { invitees: [{ address: 'bob@y.com' }], unreadable: ['jane.fabrikam.com'] }],
    ]);
  });

  describe('addresses B2B refuses stay whole for checkEmailAddress to explain', () => {
    it.each([
      ['jane!@fabrikam.com', 'jane!@fabrikam.com', 'refused-character'],
      ['a+b@fabrikam.com', 'a+b@fabrikam.com', 'plus-addressing'],
      ['jane@fabrikam', 'jane@fabrikam', 'domain-no-top-level-label'],
      ['ja..ne@fabrikam.com', 'ja..ne@fabrikam.com', 'local-part-dot-rule'],
      ['.jane@fabrikam.com', '.jane@fabrikam.com', 'local-part-dot-rule'],
      ['Invite jane.@fabrikam.com, please', 'jane.@fabrikam.com', 'local-part-dot-rule'],
      ['-jane@fabrikam.com', '-jane@fabrikam.com', 'local-part-hyphen-rule'],
      ['"jane"@fabrikam.com', '"jane"@fabrikam.com', 'refused-character'],
      ['jane(doe)@fabrikam.com', 'jane(doe)@fabrikam.com', 'refused-character'],
      ['jane<doe@fabrikam.com', 'jane<doe@fabrikam.com', 'refused-character'],
      ['Jane <jane doe@fabrikam.com>', 'jane doe@fabrikam.com', 'refused-character'],
      ['<jane;doe@fabrikam.com>', 'jane;doe@fabrikam.com', 'refused-character'],
      ['jane@fabrikam.com@tailspin.com', 'jane@fabrikam.com@tailspin.com', 'several-at'],
      ['jane@', 'jane@', 'domain-no-top-level-label'],
      ['<@fabrikam.com>', '@fabrikam.com', 'local-part-empty'],
      [`${'j'.repeat(65)}@fabrikam.com`, `${'j'.repeat(65)}@fabrikam.com`, 'local-part-too-long'],
    ])('%j → %j (%s)', (input, address, problem) => {
      const { invitees } = parseInviteeList(input);
      expect(invitees.map((i) => i.address)).toEqual([address]);
      expect(checkEmailAddress(address)).toMatchObject({ ok: false, problem });
    });
  });

  describe('fragments meant as an address but missing the "@"', () => {
    table([
      ['jane.fabrikam.com', unreadable('jane.fabrikam.com')],
      ['fabrikam.com.', unreadable('fabrikam.com')],
      ['jane.fabrikam.com, bob@y.com', { invitees: [{ address: 'bob@y.com' }], unreadable: ['jane.fabrikam.com'] }],
      ['(jane.fabrikam.com)', unreadable('jane.fabrikam.com')],
      // Spelled out to hide it from robots: reported too, as written.
      ['jane at fabrikam.com', unreadable('jane at fabrikam.com')],
      ['jane [at] fabrikam.com', unreadable('jane at fabrikam.com')],
      // Or without what stands before it, even alone: never dropped.
      ['“@x.com', unreadable('@x.com')],
      ['@fabrikam.com', unreadable('@fabrikam.com')],
      ['‘@fabrikam.com’.', unreadable('@fabrikam.com')],
      // A handle, or such a word inside a sentence, is prose.
      ['@Jane', found()],
      ['Ask @fabrikam.com about it.', found()],
      // Prose and headers are not fragments.
      ['Thanks.', found()],
      ['e.g. Jane, i.e., U.S.A.', found()],
      ['We met at fabrikam.com last week.', found()],
      ['Name\tE-mail\tDisplay name', found()],
      ['Jane Doe', found()],
    ]);
  });

  describe('list items that are no address are named, never dropped', () => {
    table([
      ['a@x.com; not-an-address; b@y.com', { invitees: [{ address: 'a@x.com' }, { address: 'b@y.com' }], unreadable: ['not-an-address'] }],
      ['a@x.com, Jane Doe, b@y.com', { invitees: [{ address: 'a@x.com' }, { address: 'b@y.com' }], unreadable: ['Jane Doe'] }],
      ['a@x.com\nnot-an-address\nb@y.com', { invitees: [{ address: 'a@x.com' }, { address: 'b@y.com' }], unreadable: ['not-an-address'] }],
      ['a@x.com; @Jane', { invitees: [{ address: 'a@x.com' }], unreadable: ['@Jane'] }],
      // A one-word item is named less the marks around it, as checkEmailAddress would judge it: `“@x.com` as
      // written would pass for an address whose local part is the quote. `<@>` is an address like `<@x.com>`.
      ['“@x.com; <@>\n', { invitees: [{ address: '@' }], unreadable: ['@x.com'] }],
      ['a@x.com; “@Jane”', { invitees: [{ address: 'a@x.com' }], unreadable: ['@Jane'] }],
      ['a@x.com; «@xn--80ak6aa92e.xn--p1ai»', { invitees: [{ address: 'a@x.com' }], unreadable: ['@xn--80ak6aa92e.xn--p1ai'] }],
      ['a@x.com\n(not-an-address)', { invitees: [{ address: 'a@x.com' }], unreadable: ['not-an-address'] }],
      // In a list, a word alone on its line is an item; a column title is not.
      ['Email\na@x.com\nThanks,', { invitees: [{ address: 'a@x.com' }], unreadable: ['Thanks'] }],
      // Prose around addresses stays prose where it does not stand alone between separators; a line cut by
      // separators is read as list items when the paste names addresses.
      ['Hi! Can you add a@x.com; and b@y.com? Thanks.', found('a@x.com', 'b@y.com')],
      ['Hi team,\nPlease invite a@x.com\nKind regards', { invitees: [{ address: 'a@x.com' }], unreadable: ['Hi team'] }],
      ['aa, A0\na@x.com', { invitees: [{ address: 'a@x.com' }], unreadable: ['aa', 'A0'] }],
      // Without any address, a lone word is prose.
      ['not-an-address', found()],
    ]);

    // Words without an "@", a separator or a space, not ending in sentence punctuation.
    const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._'-]{0,14}[A-Za-z0-9]$/).filter((text) => !/mail|address/i.test(text));
    const address = fc.emailAddress({ size: 'xsmall' }).filter((text) => checkEmailAddress(text).ok);
    const item = fc.oneof(address.map((text) => ({ text, isAddress: true })), word.map((text) => ({ text, isAddress: false })));
    const listSeparator = fc.constantFrom('\n', '\r\n', ',', ', ', ';', '; ', ' ;\n');

    it('every non-blank fragment of a pasted list ends up as an address or named as no address', () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(item, listSeparator), { minLength: 1, maxLength: 12 }), address, (items, oneAddress) => {
          const list = [...items, [{ text: oneAddress, isAddress: true }, '\n'] as const];
          const { invitees, unreadable } = parseInviteeList(list.map(([{ text }, separator]) => text + separator).join(''));
          const addresses = invitees.map((invitee) => invitee.address);
          for (const [{ text, isAddress }] of list) {
            if (isAddress) expect(addresses).toContain(text);
            else expect(unreadable).toContain(text);
          }
        }),
        { numRuns: 2000 },
      );
    });
  });

  it('keeps a word holding an invisible character whole, for checkEmailAddress to refuse', () => {
    for (const invisible of ['\ufeff', '\u200b', '\u202e']) {
      expect(parseInviteeList(`a@x.com, jane${invisible}doe@fabrikam.com`).invitees.map((i) => i.address)).toEqual(['a@x.com', `jane${invisible}doe@fabrikam.com`]);
    }
  });

  it('reads a paste far longer than MAX_PASTE_CHARACTERS without failing', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `User ${i} <user${i}@fabrikam.com>`);
    const { invitees } = parseInviteeList(lines.join('\n'));
    expect(invitees).toHaveLength(100_000);
    expect(invitees[99_999]).toEqual({ address: 'user99999@fabrikam.com', displayName: 'User 99999' });
  });
});

describe('parseInviteeList properties', () => {
  /** What Teams delivers for text a person typed: the characters that are markup are escaped. */
  const asTeamsMarkup = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

  const pasteCharacters = fc.constantFrom(...'@<>",;\t\n\r .()\'’:a'.split(''), 'jane', 'x.com', 'mailto:', 'Doe', ' at ', 'Email', '&lt;', '&amp;', '<p>', '</p>', '<a href="x">', '</a>', '<br>');
  const pasteLike = fc.array(pasteCharacters, { maxLength: 60 }).map((parts) => parts.join(''));
  // Entries in every format, built from fragments full of the characters that steer the parser.
  const fragment = fc
    .array(fc.constantFrom(...'aZé.-_\'"’“”()<>[],;: @\t'.split(''), 'mailto:', 'at', 'x.com', '&amp;', '&lt;'), { maxLength: 8 })
    .map((parts) => parts.join(''));
  const oddAddress = fc.tuple(fragment, fragment).map(([local, domain]) => `${local}@${domain}`);
  const oddEntry = fc.oneof(
    fc.tuple(fragment, oddAddress).map(([name, address]) => `${name} <${address}>`),
    fc.tuple(fragment, oddAddress).map(([name, address]) => `"${name}" <${address}>`),
    fc.tuple(fragment, fragment, oddAddress).map(([last, first, address]) => `${last}, ${first} <${address}>`),
    fc.tuple(fragment, oddAddress, fragment).map(([first, address, last]) => `${first}\t${address}\t${last}`),
    fc.constantFrom('Name\tEmail', 'First\tLast\tE-mail\tCompany', 'Email'),
    oddAddress,
    fragment,
  );
  const oddList = fc
    .array(fc.tuple(oddEntry, fc.constantFrom('\n', ', ', ';', '\t', ' ', '<br>')), { maxLength: 10 })
    .map((entries) => entries.map(([entry, separator]) => entry + separator).join(''));
  // Lists of words wrapped in the marks cleanWord strips (`“@x.com”`, `(mailto:jane@x.com).`), where the word the
  // parser judges and the text it names could part; weighted so that 3000 runs reliably reach `a@x.com, “@x.com`.
  const marks = (...chosen: string[]) => fc.array(fc.constantFrom(...chosen), { maxLength: 2 }).map((parts) => parts.join(''));
  const markedWord = fc
    .tuple(
      marks('“', '‘', '«', '(', '[', '<', '"', "'", 'mailto:'),
      fc.constantFrom('', 'a', 'Jane', 'é', '-', ' '),
      fc.constantFrom('@', '', '@@'),
      fc.constantFrom('x.com', 'X.COM', 'xn--80ak6aa92e.xn--p1ai', 'Jane', ''),
      marks('”', '’', '»', ')', ']', '>', '"', "'", '.', ',', ':', '…'),
    )
    .map((parts) => parts.join(''));
  const markedList = fc
    .array(fc.tuple(markedWord, fc.constantFrom('\n', ', ', ';', ' ', '\t', '')), { maxLength: 6 })
    .map((entries) => entries.map(([entry, separator]) => entry + separator).join(''));
  const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 }), pasteLike, oddList, { arbitrary: markedList, weight: 3 });

  it('never throws; every candidate has an "@", and nothing reported unreadable is a usable address', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { invitees, unreadable } = parseInviteeList(text);
        for (const { address } of invitees) expect(address).toContain('@');
        for (const fragment of unreadable) expect(checkEmailAddress(fragment).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('never invents an address: each one is part of the plain text of the paste', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const plain = toPlainLines(text);
        for (const { address } of parseInviteeList(text).invitees) expect(plain).toContain(address);
      }),
      { numRuns: 3000 },
    );
  });

  /**
   * The canonical form `"Name" <address>`. An address with a bracket of its own can only come from a
   * spreadsheet cell, so it is written back as one.
   */
  function render({ address, displayName }: ParsedInvitee): string {
    if (/[<>]/.test(address)) return displayName === undefined ? address : `${displayName}\t${address}`;
    return displayName === undefined ? `<${address}>` : `"${displayName}" <${address}>`;
  }

  it('is idempotent on its own output: the parse written as `"Name" <address>` lines reads back the same', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const first = parseInviteeList(text).invitees;
        const again = parseInviteeList(asTeamsMarkup(first.map(render).join('\n'))).invitees;
        expect(again).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });

  // Few of fc.emailAddress()'s addresses pass B2B's rules; its extra-small ones do more often, which keeps the filter cheap.
  const validAddress = fc.oneof(fc.emailAddress({ size: 'xsmall' }), fc.emailAddress()).filter((address) => checkEmailAddress(address).ok);
  const nameWord = fc.stringMatching(/^[A-Za-zÀ-ÿ][a-zà-ÿ'.-]{0,8}$/);
  const name = fc.array(nameWord, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
  const entry = fc.oneof(
    validAddress.map((address) => ({ text: address, expected: { address } })),
    validAddress.map((address) => ({ text: `mailto:${address}`, expected: { address } })),
    validAddress.map((address) => ({ text: `<${address}>`, expected: { address } })),
    fc.tuple(name, validAddress).map(([displayName, address]) => ({ text: `${displayName} <${address}>`, expected: { address, displayName } })),
    fc.tuple(name, name, validAddress).map(([last, first, address]) => ({ text: `"${last}, ${first}" <${address}>`, expected: { address, displayName: `${last}, ${first}` } })),
    fc.tuple(name, name, validAddress).map(([last, first, address]) => ({ text: `${last}, ${first} <${address}>`, expected: { address, displayName: `${last}, ${first}` } })),
  );
  const separator = fc.constantFrom('\n', '\r\n', ',', ', ', ';', '; ', '\t', ' ;\n');
  const noiseLine = fc.constantFrom('', 'Hello team,', 'Please invite these people:', 'jane.fabrikam.com', 'Thanks!', 'Name\tEmail');

  it('finds every valid address in a list, with its display name, in a Teams message or as plain text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(entry, separator), { minLength: 1, maxLength: 12 }), noiseLine, noiseLine, fc.boolean(), (entries, before, after, inTeams) => {
        const list = `${before}\n${entries.map(([{ text }, sep]) => text + sep).join('')}\n${after}`;
        const paste = inTeams ? asTeamsMarkup(list) : list;
        expect(parseInviteeList(paste).invitees).toEqual(entries.map(([{ expected }]) => expected));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('toPlainText', () => {
  /** The regular-expression version it replaces, which takes quadratic time on unclosed tags. */
  function regexToPlainText(text: string): string {
    return text
      .replace(/<a\b[^>]*>(.*?)<\/a>/gis, '$1')
      .replace(/<at>(.*?)<\/at>/gis, '$1')
      .replace(/<\/?(?:p|div|span|br)\b[^>]*>/gi, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&nbsp;|\u00a0/g, ' ')
      .replace(/&amp;/g, '&')
      .trim();
  }

  const markup = fc
    .array(
      fc.constantFrom(
        ...['<a', '<A href="mailto:x@y.com">', '<a>', '<abbr>', '</a>', '</A>', '<at>', '<AT>', '</at>', '<atx>', '<p>', '</P>', '<p class="x">'],
        ...['<pre>', '<div>', '</div>', '<span>', '<br>', '<br/>', '<', '>', '/', 'a', 't', ' ', '\n', '&lt;', '&gt;', '&amp;', '&amp;lt;'],
        ...['&quot;', '&#39;', '&apos;', '&nbsp;', '\u00a0', 'jane@x.com'],
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it('gives the same text as the regular expressions it replaces', () => {
    fc.assert(
      fc.property(fc.oneof(markup, fc.string({ maxLength: 80 })), (text) => {
        expect(toPlainText(text)).toBe(regexToPlainText(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps the line breaks Teams draws as markup when reading a list', () => {
    expect(toPlainLines('<p>a</p><p>b</p>')).toBe('a\n b');
    expect(toPlainLines('a<br>b<BR />c<div>d</div >e')).toBe('a\nb\nc d\ne');
  });

  it('reads tag names as HTML does when reading a list, where toPlainText takes `<p.x@y>` for a tag', () => {
    expect(toPlainLines('<P class="x">Pat <p.x@y.com></p><br.o@y.com>')).toBe('Pat <p.x@y.com>\n<br.o@y.com>');
    expect(toPlainText('<P class="x">Pat <p.x@y.com></p><br.o@y.com>')).toBe('Pat');
  });
});
