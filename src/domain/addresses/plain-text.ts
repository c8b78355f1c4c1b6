/**
 * Teams delivers message text with a little HTML: links it drew around addresses, other people's
 * mentions, and escaped angle brackets. Commands are read from the plain text.
 */
export function toPlainText(text: string): string {
  return plainText(text, LOOSE_TAG_NAMES);
}

/**
 * The plain text of a pasted list. Like toPlainText, with two differences. The line breaks Teams draws as
 * markup (<br>, the end of a <p> or <div>) stay line breaks, because in a list one line is one entry. And a
 * tag name ends where HTML ends it (at a space, "/" or ">"), because the list may also come as plain text
 * (a form field), where `Pat <p.smith@fabrikam.com>` is an address that toPlainText would read as a <p> tag.
 */
export function toPlainLines(text: string): string {
  // [^<>]* rather than [^>]*: a "<br" that never closes stops the search at the next "<", keeping it linear.
  return plainText(text.replace(/<br(?=[\s/>])[^<>]*>|<\/(?:p|div)\s*>/gi, '\n'), HTML_TAG_NAMES);
}

interface TagNames {
  /** Where a link's opening tag starts. */
  readonly link: RegExp;
  /** Where an opening or closing p, div, span or br tag starts. */
  readonly block: RegExp;
}

/** As toPlainText has always read tags: the name followed by any character that is not a letter or digit. */
const LOOSE_TAG_NAMES: TagNames = { link: /<a\b/gi, block: /<\/?(?:p|div|span|br)\b/gi };
const HTML_TAG_NAMES: TagNames = { link: /<a(?=[\s>])/gi, block: /<\/?(?:p|div|span|br)(?=[\s/>])/gi };

function plainText(text: string, tags: TagNames): string {
  const withoutLinks = unwrapElements(text, tags.link, /<\/a>/gi);
  const withoutMentions = unwrapElements(withoutLinks, /<at(?=>)/gi, /<\/at>/gi);
  return replaceTags(withoutMentions, tags.block, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&amp;/g, '&')
    .trim();
}

/*
 * The two helpers below give the results of /<a\b[^>]*>(.*?)<\/a>/gis and /<\/?(?:p|div|span|br)\b[^>]*>/gi,
 * which retry from every later "<" once an element has no end and so take quadratic time on a paste full of
 * unclosed tags. Here the scan stops instead: an opening tag runs to the first ">" after it and an element to
 * the first closing tag after that, so when one element has no end, no element that starts later has one.
 * They set `lastIndex` of the global expressions they are given before using them, so the shared TagNames
 * expressions carry no state from one call to the next.
 */

/** Replaces each element that `opening` starts (the tag runs on to the next ">") by what lies between it and `closing`. */
function unwrapElements(text: string, opening: RegExp, closing: RegExp): string {
  let result = '';
  let copiedUpTo = 0;
  opening.lastIndex = 0;
  for (let start = opening.exec(text); start !== null; start = opening.exec(text)) {
    const tagEnd = text.indexOf('>', opening.lastIndex);
    if (tagEnd === -1) break;
    closing.lastIndex = tagEnd + 1;
    const end = closing.exec(text);
    if (end === null) break;
    result += text.slice(copiedUpTo, start.index) + text.slice(tagEnd + 1, end.index);
    copiedUpTo = closing.lastIndex;
    opening.lastIndex = copiedUpTo;
  }
  return result + text.slice(copiedUpTo);
}

/** Replaces each tag that `opening` starts (the tag runs on to the next ">") by `replacement`. */
function replaceTags(text: string, opening: RegExp, replacement: string): string {
  let result = '';
  let copiedUpTo = 0;
  opening.lastIndex = 0;
  for (let start = opening.exec(text); start !== null; start = opening.exec(text)) {
    const tagEnd = text.indexOf('>', opening.lastIndex);
    if (tagEnd === -1) break;
    result += text.slice(copiedUpTo, start.index) + replacement;
    copiedUpTo = tagEnd + 1;
    opening.lastIndex = copiedUpTo;
  }
  return result + text.slice(copiedUpTo);
}
