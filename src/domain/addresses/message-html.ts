/**
 * A Teams message's HTML body (what a message extension receives as `messagePayload.body.content`) as the
 * text a person would paste, so one intake (parseInviteeList) reads both. The message is what Teams drew,
 * not what was typed: a link's address lives in its href while its text may be a name
 * (`<a href="mailto:ann@x">Ann Perkins</a>`), mentions carry attributes (`<at id="0">Dana</at>`), and lists,
 * tables and formatting come as elements. Teams escapes literal angle brackets in the text (`&lt;`), so a `<`
 * starts a tag, except a raw `<address>` (a client that passes markdown's raw HTML through), read as the address.
 *
 * - A mailto link becomes `"Name" <address>`, or the address alone when its text is the address.
 * - A mention is dropped: it names someone already in the conversation, and Teams gives their id, not an address.
 * - Paragraphs, line breaks, list items, headings and table rows end a line; table cells are separated by tabs
 *   (a pasted spreadsheet reads the same way); other tags go, their text stays.
 * - Entities stay encoded, except numeric ones, which become the character (or its named entity for < > & ")
 *   so that the paste reader decodes everything the same way.
 *
 * Every step scans the text once: no expression can backtrack over more than the tag it matches.
 */

const LINE_ENDING_TAGS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const CELL_TAGS = new Set(['td', 'th']);

export function pasteFromMessageHtml(html: string): string {
  return withoutTags(withMailtoAddresses(withoutMentions(html)))
    .split('\n')
    .map(withoutTrailingTabs)
    .join('\n');
}

/** A table row's last cell ends in a tab too; a loop, because /\t+$/ retries from every tab of a long run. */
function withoutTrailingTabs(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === '\t') end--;
  return line.slice(0, end);
}

/** `<at …>Name</at>` → a space. */
function withoutMentions(html: string): string {
  return html.replace(/<at\b[^<>]*>[^<]*<\/at\s*>/gi, ' ');
}

/** Each `<a href="mailto:…">text</a>` → `"text" &lt;address&gt;`, or the address alone when the text is it. */
function withMailtoAddresses(html: string): string {
  let result = '';
  let copiedUpTo = 0;
  const lower = html.toLowerCase();
  const opening = /<a\b([^<>]*)>/gi;
  for (let start = opening.exec(html); start !== null; start = opening.exec(html)) {
    const close = lower.indexOf('</a>', opening.lastIndex);
    if (close === -1) break;
    const address = mailtoAddress(start[1] ?? '');
    const text = withoutTags(html.slice(opening.lastIndex, close)).trim();
    if (address !== undefined) {
      const plainText = decodeNamedEntities(text);
      const named = plainText !== '' && plainText.toLowerCase() !== address.toLowerCase();
      result += html.slice(copiedUpTo, start.index) + (named ? ` "${encode(plainText.replace(/"/g, ''))}" &lt;${encode(address)}&gt; ` : ` ${encode(address)} `);
      copiedUpTo = close + '</a>'.length;
    }
    opening.lastIndex = close + '</a>'.length;
  }
  return result + html.slice(copiedUpTo);
}

/** The address of an href="mailto:…" among a tag's attributes, without its ?subject=… and percent-encoding. */
function mailtoAddress(attributes: string): string | undefined {
  const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
  const value = decodeNamedEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim();
  if (!/^mailto:/i.test(value)) return undefined;
  const target = value.slice('mailto:'.length).split('?')[0] ?? '';
  try {
    return decodeURIComponent(target).trim() || undefined;
  } catch {
    return target.trim() || undefined;
  }
}

function withoutTags(html: string): string {
  return html
    .replace(/<(\/?)([a-z][a-z0-9]*)\b[^<>]*>/gi, (whole: string, closing: string, name: string) => {
      // `<jane@fabrikam.com>` left raw (a client that renders markdown with raw HTML allowed) is an address, not a tag.
      if (/^<[^\s<>="'@]+@[^\s<>="']+>$/.test(whole)) return encode(whole);
      const tag = name.toLowerCase();
      if (LINE_ENDING_TAGS.has(tag)) return '\n';
      // A cell's end separates it from the next; its start adds nothing, so a row does not begin with an empty cell.
      if (CELL_TAGS.has(tag)) return closing ? '\t' : '';
      return '';
    })
    .replace(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi, (entity, hex: string | undefined, decimal: string | undefined) => {
      const code = hex !== undefined ? parseInt(hex, 16) : Number(decimal);
      return code > 0 && code <= 0x10ffff ? encode(String.fromCodePoint(code)) : entity;
    });
}

/** Text placed back into the HTML: the characters the paste reader would take for markup, as entities. */
function encode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function decodeNamedEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}
