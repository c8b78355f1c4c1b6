import { userPropertyNamed, type DirectoryUser } from '../fixture.js';
import { badRequest, unsupportedQuery, type GraphRequestError } from './errors.js';

// The $filter subset for users that Microsoft recommends for finding a guest by address
// (guest-users-and-status.md, "Finding an existing guest by email"):
//   mail eq '…'   userPrincipalName eq '…'   otherMails/any(x:x eq '…')   proxyAddresses/any(x:x eq 'SMTP:…')
// plus userType eq '…' and externalUserState eq '…', joined with and/or and grouped with parentheses.
// Matching ignores case, as the directory does for these properties.

const equalityProperties = ['mail', 'userPrincipalName', 'userType', 'externalUserState'] as const;
const collectionProperties = ['otherMails', 'proxyAddresses'] as const;
type EqualityProperty = (typeof equalityProperties)[number];
type CollectionProperty = (typeof collectionProperties)[number];

export type UserFilter =
  | { kind: 'and' | 'or'; left: UserFilter; right: UserFilter }
  | { kind: 'equals'; property: EqualityProperty; value: string }
  | { kind: 'anyEquals'; property: CollectionProperty; value: string };

export function parseUserFilter(text: string): UserFilter {
  return new FilterParser(tokenize(text)).parseWhole();
}

export function matchesFilter(user: DirectoryUser, filter: UserFilter): boolean {
  switch (filter.kind) {
    case 'or':
      return matchesFilter(user, filter.left) || matchesFilter(user, filter.right);
    case 'and':
      return matchesFilter(user, filter.left) && matchesFilter(user, filter.right);
    case 'equals':
      return equalsIgnoringCase(user[filter.property], filter.value);
    case 'anyEquals':
      return user[filter.property].some((element) => equalsIgnoringCase(element, filter.value));
  }
}

function equalsIgnoringCase(actual: string | null, expected: string): boolean {
  return actual !== null && actual.toLowerCase() === expected.toLowerCase();
}

type Token =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'word'; value: string; position: number }
  | { kind: 'punctuation'; value: Punctuation; position: number };

// ',' only appears in function calls, which are outside the subset, but must still tokenize.
const punctuation = ['(', ')', ':', ','] as const;
type Punctuation = (typeof punctuation)[number];

function isPunctuation(character: string): character is Punctuation {
  return (punctuation as readonly string[]).includes(character);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    const character = text[position] ?? '';
    if (/\s/.test(character)) {
      position += 1;
    } else if (isPunctuation(character)) {
      tokens.push({ kind: 'punctuation', value: character, position });
      position += 1;
    } else if (character === "'") {
      const { value, end } = readStringLiteral(text, position);
      tokens.push({ kind: 'string', value, position });
      position = end;
    } else {
      const word = /^[A-Za-z0-9_./@-]+/.exec(text.slice(position))?.[0];
      if (word === undefined) throw syntaxError(`unexpected '${character}' at position ${position}`);
      tokens.push({ kind: 'word', value: word, position });
      position += word.length;
    }
  }
  return tokens;
}

/** An OData string literal: single-quoted, with '' standing for one quote. */
function readStringLiteral(text: string, start: number): { value: string; end: number } {
  let value = '';
  let position = start + 1;
  while (position < text.length) {
    if (text[position] === "'") {
      if (text[position + 1] !== "'") return { value, end: position + 1 };
      position += 1;
    }
    value += text[position];
    position += 1;
  }
  throw syntaxError(`unterminated string literal at position ${start}`);
}

class FilterParser {
  private next = 0;

  constructor(private readonly tokens: Token[]) {}

  parseWhole(): UserFilter {
    const filter = this.parseOr();
    const extra = this.tokens[this.next];
    if (extra !== undefined) throw syntaxError(`unexpected '${extra.value}' at position ${extra.position}`);
    return filter;
  }

  private parseOr(): UserFilter {
    let left = this.parseAnd();
    while (this.takeKeyword('or')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): UserFilter {
    let left = this.parseClause();
    while (this.takeKeyword('and')) left = { kind: 'and', left, right: this.parseClause() };
    return left;
  }

  private parseClause(): UserFilter {
    if (this.takePunctuation('(')) {
      const inner = this.parseOr();
      this.expectPunctuation(')');
      return inner;
    }
    const word = this.expectWord();
    const isFunctionCall = this.peek()?.kind === 'punctuation' && this.peek()?.value === '(' && !word.includes('/');
    if (isFunctionCall || word.toLowerCase() === 'not') throw unsupportedQuery(); // startsWith(…), not(…) and the like
    const [propertyName = '', lambda] = word.split('/');
    const property = resolveUserProperty(propertyName);
    if (lambda === undefined) return this.parseComparison(property);
    if (lambda.toLowerCase() !== 'any' || !isCollectionProperty(property)) throw unsupportedClause(property);
    return this.parseAnyLambda(property);
  }

  private parseComparison(property: string): UserFilter {
    if (!isEqualityProperty(property) || this.expectWord().toLowerCase() !== 'eq') throw unsupportedClause(property);
    return { kind: 'equals', property, value: this.expectStringLiteral(property) };
  }

  // otherMails/any(x:x eq '…'), with any variable name.
  private parseAnyLambda(property: CollectionProperty): UserFilter {
    this.expectPunctuation('(');
    const variable = this.expectWord();
    this.expectPunctuation(':');
    if (this.expectWord() !== variable) throw syntaxError(`the lambda must compare its variable '${variable}'`);
    if (this.expectWord().toLowerCase() !== 'eq') throw unsupportedClause(property);
    const value = this.expectStringLiteral(property);
    this.expectPunctuation(')');
    return { kind: 'anyEquals', property, value };
  }

  private peek(): Token | undefined {
    return this.tokens[this.next];
  }

  private takeKeyword(keyword: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'word' || token.value.toLowerCase() !== keyword) return false;
    this.next += 1;
    return true;
  }

  private takePunctuation(expected: Punctuation): boolean {
    const token = this.peek();
    if (token?.kind !== 'punctuation' || token.value !== expected) return false;
    this.next += 1;
    return true;
  }

  private expectPunctuation(expected: Punctuation): void {
    if (!this.takePunctuation(expected)) throw this.unexpected(`'${expected}'`);
  }

  private expectWord(): string {
    const token = this.peek();
    if (token?.kind !== 'word') throw this.unexpected('a property name or operator');
    this.next += 1;
    return token.value;
  }

  private expectStringLiteral(property: string): string {
    const token = this.peek();
    // Other literals (null, numbers) are valid OData but outside the simulated subset.
    if (token?.kind !== 'string') throw token === undefined ? this.unexpected('a string literal') : unsupportedClause(property);
    this.next += 1;
    return token.value;
  }

  private unexpected(expected: string): GraphRequestError {
    const token = this.peek();
    return syntaxError(
      token === undefined ? `expected ${expected} at the end` : `expected ${expected} at position ${token.position}, found '${token.value}'`,
    );
  }
}

function resolveUserProperty(name: string): string {
  const property = userPropertyNamed(name);
  if (property === undefined) throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
  return property;
}

function isEqualityProperty(property: string): property is EqualityProperty {
  return (equalityProperties as readonly string[]).includes(property);
}

function isCollectionProperty(property: string): property is CollectionProperty {
  return (collectionProperties as readonly string[]).includes(property);
}

function unsupportedClause(property: string): GraphRequestError {
  return unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`);
}

function syntaxError(detail: string): GraphRequestError {
  return badRequest(`Invalid filter clause: ${detail}.`);
}
