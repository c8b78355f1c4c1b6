/** A Teams message's HTML read as a paste: what the message extension hands the intake. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInviteeList } from '../../src/domain/addresses/invitee-list.js';
import { pasteFromMessageHtml } from '../../src/domain/addresses/message-html.js';

const invitees = (html: string) => parseInviteeList(pasteFromMessageHtml(html)).invitees;

describe('pasteFromMessageHtml', () => {
  it('takes a mailto link’s address from its href, with the link text as the name', () => {
    expect(invitees('<p>Ask <a href="mailto:lena.ortiz@fabrikam.com" title="mailto:lena.ortiz@fabrikam.com">Lena Ortiz</a> too</p>')).toEqual([
      { address: 'lena.ortiz@fabrikam.com', displayName: 'Lena Ortiz' },
    ]);
    expect(invitees('<a href="MAILTO:Jo%40fabrikam.com?subject=Hi">Jo@fabrikam.com</a>')).toEqual([{ address: 'Jo@fabrikam.com' }]);
  });

  it('reads an escaped Name <address> and addresses in prose', () => {
    expect(invitees('<div>Jane Doe &lt;jane@fabrikam.com&gt;, and <strong>omar@northwind.example</strong>.</div>')).toEqual([
      { address: 'jane@fabrikam.com', displayName: 'Jane Doe' },
      { address: 'omar@northwind.example' },
    ]);
  });

  it('reads a raw <address> as an address, not a tag (clients that pass markdown’s raw HTML through)', () => {
    expect(invitees('<p>Please invite Jane Doe <jane@fabrikam.com> and omar@northwind.example</p>')).toEqual([
      { address: 'jane@fabrikam.com', displayName: 'Please invite Jane Doe' },
      { address: 'omar@northwind.example' },
    ]);
  });

  it('drops mentions, which name people already in the conversation', () => {
    expect(pasteFromMessageHtml('<p><at id="0">Dana Scully</at> hi</p>')).not.toContain('Dana');
    expect(invitees('<p><at id="0">Dana Scully</at>, <at id="1">Fox</at> invite eve@fabrikam.com</p>')).toEqual([{ address: 'eve@fabrikam.com' }]);
  });

  it('reads a table as spreadsheet rows, and list items and line breaks as lines', () => {
    const table = '<table><tr><th>Name</th><th>Email</th></tr><tr><td>Eve Ng</td><td>eve&#64;northwind.example</td></tr></table>';
    expect(invitees(table)).toEqual([{ address: 'eve@northwind.example', displayName: 'Eve Ng' }]);
    expect(invitees('<ul><li>a@fabrikam.com</li><li>b@fabrikam.com</li></ul>a2@fabrikam.com<br>b2@fabrikam.com')).toHaveLength(4);
  });

  it('keeps a numeric entity that spells markup inert', () => {
    expect(pasteFromMessageHtml('&#60;p&#62;')).toBe('&lt;p&gt;');
  });

  it('finds every address of a message built from links, prose and mentions, and never throws', () => {
    const local = fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/).filter((name) => !name.includes('..'));
    const address = fc.tuple(local, fc.constantFrom('fabrikam.com', 'northwind.example')).map(([name, domain]) => `${name}@${domain}`);
    const part = fc.oneof(
      address.map((a) => ({ html: `<a href="mailto:${a}">Someone</a>`, address: a })),
      address.map((a) => ({ html: `Jo Bloggs &lt;${a}&gt;`, address: a })),
      address.map((a) => ({ html: `<em>${a}</em>`, address: a })),
      fc.constant({ html: '<at id="0">Dana</at>', address: undefined }),
      fc.constant({ html: 'please invite', address: undefined }),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), fc.constantFrom(', ', '<br>', '</p><p>', '; '), (parts, separator) => {
        const found = invitees(`<p>${parts.map((p) => p.html).join(separator)}</p>`).map((invitee) => invitee.address);
        expect(found).toEqual(parts.flatMap((p) => (p.address ? [p.address] : [])));
      }),
    );
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (html) => void pasteFromMessageHtml(html)));
  });
});
