/**
 * Reads the invitees out of whatever an inviter pastes into Teams: lists separated by lines, commas,
 * semicolons or tabs; `Name <address>`, `"Last, First" <address>` and Outlook's unquoted
 * `Last, First <address>`; mailto: links; addresses in prose; spreadsheet rows with a header.
 *
 * It only extracts. Each candidate comes back as written, less the marks prose puts around it (see
 * cleanWord), so that checkEmailAddress can say exactly why B2B would refuse it: a refused character inside
 * an address is never cut away to leave a different address that looks valid.
 *
 * How a line is read: it is cut into words, "quoted strings", <bracketed text> and separators (, ;) in one
 * pass. A word with an "@" is a candidate on its own. A bracketed text with an "@" is a candidate whose
 * display name is the quoted string right before it, or else the text since the last separator or
 * candidate (so prose in front of an unquoted name joins it: `invite Jane <jane@x>` names "invite Jane";
 * the caller passes the list without its command word). A comma is part of that name when more
 * name and then a bracketed address follow before the next separator (Outlook's `Doe, Jane <jane@x>`).
 * Everything else is prose and is dropped, except what is reported as unreadable so that the review can
 * name it: a segment that reads as an address without its "@" (see addressWithoutAt), and a list item that
 * is no address: what stands alone between separators in a line that names addresses
 * (`a@x.com; not-an-address; b@y.com`), or a word alone on its line in a paste that names addresses.
 *
 * Every step is linear in the length of the text: one pass per line, look-aheads that stop at the next
 * separator, and no regular expression that can backtrack over more than the text it matches.
 */
import { toPlainLines } from './plain-text.js';

export interface ParsedInvitee {
  /** The address as written, cleaned of mailto:, angle brackets and trailing sentence punctuation, NOT validated or lower-cased. */
  readonly address: string;
  /** A display name when the paste gave one ("Jane Doe <jane@x>", "Doe, Jane" <…>, spreadsheet name columns). */
  readonly displayName?: string;
}

export interface InviteeListParse {
  /** Every address-like candidate in order of appearance (duplicates kept: the caller merges and reports them). */
  readonly invitees: readonly ParsedInvitee[];
  /**
   * List items that are no address, as written, for a "not an address" message: without an "@"
   * (`jane.fabrikam.com`, `not-an-address`), or with nothing before it (`@Jane`).
   */
  readonly unreadable: readonly string[];
}

/**
 * The longest paste the caller should hand over by default (MAX_PASTE_CHARACTERS may change it); it refuses
 * longer ones before parsing so that one message cannot cost much. parseInviteeList does not enforce it,
 * and stays linear past it.
 */
export const MAX_PASTE_CHARACTERS = 200_000;

export function parseInviteeList(text: string): InviteeListParse {
  const found: Findings = { invitees: [], unreadable: [] };
  let nameColumns: NameColumns | undefined;
  for (const line of toPlainLines(text).split(/\r\n|\r|\n/)) {
    if (!line.includes('\t')) {
      if (!readOneWordLine(line, found)) readLine(line, found);
      continue;
    }
    const cells = line.split('\t').map((cell) => cell.trim());
    const header = headerNameColumns(cells);
    if (header) nameColumns = header;
    else readRow(cells, nameColumns, found);
  }
  // A word alone on its line is a list item only in a list: alone, "Thanks." is prose.
  const inAList = found.invitees.length > 0;
  return { invitees: found.invitees, unreadable: found.unreadable.flatMap((item) => (item.onlyInAList && !inAList ? [] : [item.text])) };
}

interface Findings {
  readonly invitees: ParsedInvitee[];
  readonly unreadable: { readonly text: string; readonly onlyInAList?: true }[];
}

interface Token {
  readonly kind: 'word' | 'separator' | 'quoted' | 'bracketed';
  /** The word, the separator, or what stood between the double quotes or the < and >. */
  readonly text: string;
  /** Where the token starts and ends in its line, quotes and brackets included. */
  readonly start: number;
  readonly end: number;
}

// ---------------------------------------------------------------------------------------------------------
// One line (or one spreadsheet cell)

function readLine(line: string, found: Findings): void {
  const tokens = tokenize(line);
  // What stands alone between separators is a list item, not prose: always in a line that names an
  // address, and in another line when the paste names addresses elsewhere (`x, y` on a line of its own).
  const listLine = tokens.some((token, index) => isBracketedAddress(token) || (holdsCandidate(token) && !isBracketedAddress(tokens[index + 1])));
  const separated = tokens.some((token) => token.kind === 'separator');
  const item = (afterSeparator: boolean): ListItem => (!afterSeparator ? 'prose' : listLine ? 'item' : separated ? 'item-in-a-list' : 'prose');
  // The phrase runs from here to the current token: prose, or the display name of a bracketed address.
  let phraseStart = 0;
  let phraseAfterSeparator = true;
  for (const [index, token] of tokens.entries()) {
    if (token.kind === 'separator' && !(token.text === ',' && index > phraseStart && nameContinuesAfter(tokens, index))) {
      reportPhrase(textOf(line, tokens, phraseStart, index), item(phraseAfterSeparator), found);
      phraseAfterSeparator = true;
    } else if (isBracketedAddress(token)) {
      const name = textOf(line, tokens, quotedNameStart(tokens, phraseStart, index), index);
      found.invitees.push(invitee(cleanBracketed(token.text), name));
      phraseAfterSeparator = false;
    } else if (holdsCandidate(token) && !isBracketedAddress(tokens[index + 1])) {
      reportPhrase(textOf(line, tokens, phraseStart, index), 'prose', found);
      readCandidates(token, found);
      phraseAfterSeparator = false;
    } else {
      continue; // the token joins the phrase
    }
    phraseStart = index + 1;
  }
  reportPhrase(textOf(line, tokens, phraseStart, tokens.length), item(phraseAfterSeparator), found);
}

/**
 * A line that is one word without an "@" (`jdoe`, `Thanks,`): an item of a one-per-line list, reported
 * when the paste holds addresses too (or always, when it reads as an address without its "@"). A column
 * title (`Email`) is no item. Says whether the line was such a word.
 */
function readOneWordLine(line: string, found: Findings): boolean {
  const words = line.split(/[\s,;]+/).filter((word) => word !== '');
  const [word] = words;
  if (words.length !== 1 || word === undefined || word.includes('@') || word.includes('<')) return false;
  const cleaned = itemText(word);
  const fragment = addressWithoutAt(cleaned);
  if (fragment !== undefined) found.unreadable.push({ text: fragment });
  else if (!headerNameColumns([cleaned])) found.unreadable.push({ text: cleaned, onlyInAList: true });
  return true;
}

/**
 * Where the display name of the bracketed address at `bracket` starts: a quoted name right before it is
 * the whole name (`invite "Doe, Jane" <jane@x>`); otherwise the name is the phrase since `phraseStart`.
 */
function quotedNameStart(tokens: readonly Token[], phraseStart: number, bracket: number): number {
  let start = bracket;
  while (start > phraseStart && tokens[start - 1]?.kind === 'quoted') start -= 1;
  return start === bracket ? phraseStart : start;
}

/** The text of tokens `from` up to (not including) `to`, as written between them. */
function textOf(line: string, tokens: readonly Token[], from: number, to: number): string {
  const first = tokens[from];
  const last = tokens[to - 1];
  return first !== undefined && last !== undefined && from < to ? line.slice(first.start, last.end) : '';
}

/**
 * Cuts a line into words, separators, "quoted strings" and <bracketed text>. A "<" without its ">" before
 * the next "<", and a '"' inside a word or without a closing quote followed by a word boundary, are
 * ordinary characters: `jane<x@y.com` and `"jane"@x.com` stay whole words.
 */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let wordStart = NO_WORD;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    const bracketEnd = ch === '<' ? closingBracket(line, i) : -1;
    const quoteEnd = ch === '"' && wordStart === NO_WORD ? closingQuote(line, i) : -1;
    if (isSpaceAt(line, i)) {
      wordStart = endWord(tokens, line, wordStart, i);
    } else if (ch === ',' || ch === ';') {
      wordStart = endWord(tokens, line, wordStart, i);
      tokens.push({ kind: 'separator', text: ch, start: i, end: i + 1 });
    } else if (bracketEnd !== -1) {
      wordStart = endWord(tokens, line, wordStart, i);
      tokens.push({ kind: 'bracketed', text: line.slice(i + 1, bracketEnd), start: i, end: bracketEnd + 1 });
      i = bracketEnd;
    } else if (quoteEnd !== -1) {
      tokens.push({ kind: 'quoted', text: line.slice(i + 1, quoteEnd), start: i, end: quoteEnd + 1 });
      i = quoteEnd;
    } else {
      if (wordStart === NO_WORD) wordStart = i;
      i = endOfPlainRun(line, i + 1) - 1;
    }
  }
  endWord(tokens, line, wordStart, line.length);
  return tokens;
}

const NO_WORD = -1;
/** Characters that can neither end a word nor open a bracket; sticky, so it matches where lastIndex points. */
const PLAIN_RUN = /[^\s,;<]*/y;

/** Skips the rest of a word's ordinary characters at once: most of a line is such runs. */
function endOfPlainRun(line: string, from: number): number {
  PLAIN_RUN.lastIndex = from;
  PLAIN_RUN.test(line);
  return PLAIN_RUN.lastIndex;
}

/** Ends the word that started at `wordStart`, if one did; returns NO_WORD for the next one. */
function endWord(tokens: Token[], line: string, wordStart: number, end: number): number {
  if (wordStart !== NO_WORD) tokens.push({ kind: 'word', text: line.slice(wordStart, end), start: wordStart, end });
  return NO_WORD;
}

/** The index of the ">" closing the "<" at `open`, or -1 when another "<" or the end of the line comes first. */
function closingBracket(line: string, open: number): number {
  for (let i = open + 1; i < line.length; i++) {
    const ch = line.charAt(i);
    if (ch === '>') return i;
    if (ch === '<') return -1;
  }
  return -1;
}

/** The index of the quote closing the one at `open` when a word boundary (or a <bracketed> text) follows it, else -1. */
function closingQuote(line: string, open: number): number {
  const close = line.indexOf('"', open + 1);
  if (close === -1) return -1;
  const after = line.charAt(close + 1);
  const boundary = after === '' || after === ',' || after === ';' || isSpaceAt(line, close + 1);
  return boundary || (after === '<' && closingBracket(line, close + 1) !== -1) ? close : -1;
}

const NON_ASCII_SPACE = /\s/;
const ZERO_WIDTH_NO_BREAK_SPACE = 0xfeff;

/**
 * Same characters as /\s/ (and so as String.prototype.trim), without running a regular expression on ASCII,
 * except U+FEFF: it is invisible, not a space, so a word holding it stays whole for checkEmailAddress to refuse.
 */
function isSpaceAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && code !== ZERO_WIDTH_NO_BREAK_SPACE && NON_ASCII_SPACE.test(text.charAt(index)));
}

/**
 * Outlook writes `Doe, Jane <jane@x.com>; Roe, Rick <rick@y.com>`: the comma at `commaIndex` belongs to a
 * name when more name and then a bracketed address follow it before the next separator.
 */
function nameContinuesAfter(tokens: readonly Token[], commaIndex: number): boolean {
  for (let i = commaIndex + 1; ; i++) {
    const token = tokens[i];
    if (token === undefined || token.kind === 'separator') return false;
    if (isBracketedAddress(token)) return i > commaIndex + 1;
    if (holdsCandidate(token) && !isBracketedAddress(tokens[i + 1])) return false;
  }
}

function isBracketedAddress(token: Token | undefined): boolean {
  return token?.kind === 'bracketed' && token.text.includes('@');
}

/**
 * Whether a token stands for addresses of its own rather than for a part of a name (when no bracketed
 * address follows it). A word does when something stands before its "@" (`@Jane` is a handle).
 */
function holdsCandidate(token: Token): boolean {
  if (!token.text.includes('@')) return false;
  return token.kind === 'quoted' || cleanWord(token.text).indexOf('@') > 0;
}

/** A word is one candidate; a quoted string (`"jane@x.com, bob@y.com"`) is read as a line of its own. */
function readCandidates(token: Token, found: Findings): void {
  if (token.kind === 'quoted') readLine(token.text, found);
  else found.invitees.push({ address: cleanWord(token.text) });
}

/** How a phrase that named no address is read: as prose, or as a list item (only in a paste that names addresses). */
type ListItem = 'prose' | 'item' | 'item-in-a-list';

/**
 * A list item is reported (see itemText); prose is dropped, unless it reads as an address without its "@" or
 * without what comes before it.
 */
function reportPhrase(phrase: string, item: ListItem, found: Findings): void {
  const fragment = addressWithoutAt(phrase) ?? addressWithoutLocalPart(phrase);
  if (fragment !== undefined) found.unreadable.push({ text: fragment });
  else if (item === 'item' && phrase !== '') found.unreadable.push({ text: itemText(phrase) });
  else if (item === 'item-in-a-list' && phrase !== '') found.unreadable.push({ text: itemText(phrase), onlyInAList: true });
}

/**
 * How a list item is named on the review: a phrase as written, a single word less the marks prose puts
 * around it, as a candidate would be. The review judges what it names: `“@x.com` named as written would
 * pass for an address whose local part is the quote mark, where the parser read `@x.com`.
 */
function itemText(phrase: string): string {
  return /\s/.test(phrase) ? phrase : cleanWord(phrase) || phrase;
}

/** A name that only repeats the address (Outlook's `"jane@x.com" <jane@x.com>`) is no name. */
function invitee(address: string, name: string): ParsedInvitee {
  const displayName = displayNameOf(name);
  const repeatsAddress = displayName?.length === address.length && displayName.toLowerCase() === address.toLowerCase();
  return displayName === undefined || repeatsAddress ? { address } : { address, displayName };
}

// ---------------------------------------------------------------------------------------------------------
// Cleaning

/** Marks that open a quotation or an aside in prose; no real address starts with one. */
const OPENING_MARKS = new Set(['(', '[', '<', '“', '‘', '«']);
/** Sentence punctuation and closing marks; none can end a domain. */
const CLOSING_MARKS = new Set(['.', '…', ',', ';', ':', '!', '?', ')', ']', '>', '"', '”', '’', '»', "'"]);
const MAILTO = /^(?:mailto:\s*)+/i;

/**
 * `(mailto:jane@fabrikam.com).` → `jane@fabrikam.com`: the marks prose puts around an address are not part of
 * it. Quote marks that an address may hold are kept: an apostrophe may start a local part, so a leading one
 * is dropped only when another follows the "@", where no domain holds one.
 */
function cleanWord(word: string): string {
  const lastAt = word.lastIndexOf('@');
  const apostropheAfterAt = word.lastIndexOf("'") > lastAt;
  let start = 0;
  for (;;) {
    const ch = word.charAt(start);
    if (OPENING_MARKS.has(ch) || (ch === "'" && apostropheAfterAt) || (ch === '"' && !quotesLocalPart(word, start, lastAt))) start += 1;
    else if (startsWithMailto(word, start)) start += 'mailto:'.length;
    else break;
  }
  let end = word.length;
  while (end > start && CLOSING_MARKS.has(word.charAt(end - 1))) end -= 1;
  return word.slice(start, end);
}

const MAILTO_HERE = /mailto:/iy;

function startsWithMailto(word: string, index: number): boolean {
  MAILTO_HERE.lastIndex = index;
  return MAILTO_HERE.test(word);
}

/** Whether the double quote at `quote` opens a quoted local part (`"jane"@x.com`): B2B refuses it, and the inviter should see why. */
function quotesLocalPart(word: string, quote: number, lastAt: number): boolean {
  const closing = word.indexOf('"', quote + 1);
  return closing !== -1 && closing < lastAt;
}

/** What stood in <…> is taken as written, less mailto: and surrounding spaces. */
function cleanBracketed(text: string): string {
  return text.trim().replace(MAILTO, '');
}

const QUOTE_PAIRS = new Map([
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['«', '»'],
]);

/**
 * Double quotes only ever quote, so they are dropped; other quotes are kept inside a name (O'Brien) and
 * removed when they surround it. An empty name is no name.
 */
function displayNameOf(text: string): string | undefined {
  let name = (text.includes('"') ? text.replaceAll('"', '') : text).replace(/\s+/g, ' ').trim();
  while (name.length >= 2 && QUOTE_PAIRS.get(name.charAt(0)) === name.charAt(name.length - 1)) {
    name = name.slice(1, -1).trim();
  }
  return name === '' ? undefined : name;
}

// ---------------------------------------------------------------------------------------------------------
// Segments meant as an address

const DOTTED_NAME = /^[^.]+(?:\.[^.]+)+$/;
const TOP_LEVEL_LABEL = /\.[a-z]{2,63}$/i;

/**
 * A segment that reads as an address without its "@": one dotted word ending in a top-level label
 * (`jane.fabrikam.com`, `fabrikam.com`), or the spelled-out `jane at fabrikam.com` (also `[at]`, `(at)`),
 * which people write to hide an address from robots. Prose does not match: one word without a dot
 * ("Thanks."), abbreviations ("e.g.") or a longer sentence.
 */
function addressWithoutAt(segment: string): string | undefined {
  if (!segment.includes('.')) return undefined;
  const words = segment.split(/\s+/).filter((word) => word !== '');
  const [first = '', at = '', domain = ''] = words.map(cleanWord);
  if (words.length === 1) return dottedWord(first);
  const spelledOut = words.length === 3 && first !== '' && !first.includes('@') && at.toLowerCase() === 'at' && dottedWord(domain) !== undefined;
  return spelledOut ? `${first} ${at} ${domain}` : undefined;
}

/**
 * A segment that is one word reading as an address with nothing before its "@" (`@fabrikam.com`, `“@x.com”`),
 * cleaned of the marks around it. A handle (`@Jane`) is no address: it stays prose.
 */
function addressWithoutLocalPart(segment: string): string | undefined {
  if (/\s/.test(segment)) return undefined;
  const word = cleanWord(segment);
  return word.startsWith('@') && dottedWord(word.slice(1)) !== undefined ? word : undefined;
}

/** A word (already cleaned of punctuation) that reads as a domain, or an address that lost its "@". */
function dottedWord(word: string): string | undefined {
  return !word.includes('@') && DOTTED_NAME.test(word) && TOP_LEVEL_LABEL.test(word) ? word : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Spreadsheet rows (tab-separated cells)

/** The columns that a spreadsheet header titled as parts of a name. */
type NameColumns = ReadonlySet<number>;

const NAME_TITLES = new Set([
  'name',
  'fullname',
  'displayname',
  'first',
  'firstname',
  'givenname',
  'middle',
  'middlename',
  'last',
  'lastname',
  'surname',
  'familyname',
]);

/**
 * A header row has no "@" and titles a column as the address (Email, E-mail, Mail, Address…). Its name
 * columns (Name, First, Last, Display name…) are the ones later rows take a display name from, so a
 * Company or Phone column stays out of it. Any other line is no header: undefined.
 */
function headerNameColumns(cells: readonly string[]): NameColumns | undefined {
  if (cells.some((cell) => cell.includes('@'))) return undefined;
  const titles = cells.map((cell) => cell.toLowerCase().replace(/[^a-z]/g, ''));
  if (!titles.some((title) => title.includes('mail') || title === 'address')) return undefined;
  return new Set(titles.flatMap((title, column) => (NAME_TITLES.has(title) ? [column] : [])));
}

/**
 * One row of a spreadsheet: when exactly one cell holds an "@", the other cells (only the name columns,
 * after a header) form the display name. A cell that is one dotted word (`jane.fabrikam.com`) is reported
 * instead of being taken for a name. Otherwise the tabs only separate a list, and each cell is read as a line.
 */
function readRow(cells: readonly string[], nameColumns: NameColumns | undefined, found: Findings): void {
  const addressColumns = cells.flatMap((cell, column) => (cell.includes('@') ? [column] : []));
  const [addressColumn] = addressColumns;
  if (addressColumn === undefined || addressColumns.length > 1) {
    for (const cell of cells) readLine(cell, found);
    return;
  }
  const firstFromCell = found.invitees.length;
  readLine(cells[addressColumn] ?? '', found);
  const nameParts = rowNameParts(cells, addressColumn, nameColumns, found);
  const only = found.invitees[firstFromCell];
  if (found.invitees.length === firstFromCell + 1 && only !== undefined && only.displayName === undefined) {
    found.invitees[firstFromCell] = invitee(only.address, nameParts.join(' '));
  }
}

function rowNameParts(cells: readonly string[], addressColumn: number, nameColumns: NameColumns | undefined, found: Findings): string[] {
  const parts: string[] = [];
  for (const [column, cell] of cells.entries()) {
    const part = column === addressColumn || nameColumns?.has(column) === false ? undefined : displayNameOf(cell);
    if (part === undefined) continue;
    // Only one word: "Jane" + "at fabrikam.com" are two parts of a name, however they read together.
    const fragment = part.includes(' ') ? undefined : dottedWord(cleanWord(part));
    if (fragment === undefined) parts.push(part);
    else found.unreadable.push({ text: fragment });
  }
  return parts;
}
