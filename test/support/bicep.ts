/**
 * A reader for the Bicep the project writes (infra/), for tests: no Bicep compiler installs from the registries
 * this project can reach. It reads the declarations (param, var, resource, module, output, with their
 * decorators) and their object and array values into a tree; any other expression (a function call, a property
 * path, a ternary) stays as its source text, which is what the tests compare. Unknown syntax throws, so a
 * template the reader cannot follow fails the test instead of passing unread.
 */

export type BicepValue =
  | { readonly kind: 'object'; readonly props: ReadonlyMap<string, BicepValue> }
  | { readonly kind: 'array'; readonly items: readonly BicepValue[] }
  | { readonly kind: 'for'; readonly variable: string; readonly source: string; readonly body: BicepValue }
  /** A string literal; `text` is its content with escapes resolved and `${…}` kept as written. */
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'expr'; readonly text: string };

export interface BicepDeclaration {
  readonly keyword: 'param' | 'var' | 'resource' | 'module' | 'output' | 'targetScope';
  readonly name: string;
  /** The resource type with its API version, the module path, or the param/output type. */
  readonly type: string;
  readonly decorators: readonly string[];
  readonly value: BicepValue | undefined;
}

type Token =
  | { readonly t: 'id'; readonly v: string }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'num'; readonly v: string }
  | { readonly t: 'punct'; readonly v: string }
  | { readonly t: 'nl' };

const PUNCTUATION = ['==', '!=', '<=', '>=', '&&', '||', '??', '.?', '{', '}', '[', ']', '(', ')', ':', ',', '.', '=', '?', '!', '@', '<', '>', '+', '-', '*', '/', '%'];

/** Reads a '…' string starting at `start` (the quote); returns its content and the index after the closing quote. */
function readString(source: string, start: number): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === "'") return { text, end: i + 1 };
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      text += ({ n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' } as Record<string, string>)[next] ?? next;
      i += 2;
      continue;
    }
    if (ch === '$' && source[i + 1] === '{') {
      // An interpolation may hold strings of its own: copy it whole, as written.
      let depth = 0;
      let j = i + 1;
      for (; j < source.length; j++) {
        const c = source[j]!;
        if (c === "'") j = readString(source, j).end - 1;
        else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) break;
      }
      text += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '\n') throw new Error(`unterminated string at ${start}`);
    text += ch;
    i++;
  }
  throw new Error(`unterminated string at ${start}`);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === '\n') {
      tokens.push({ t: 'nl' });
      i++;
    } else if (/\s/.test(ch)) {
      i++;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 2;
    } else if (source.startsWith("'''", i)) {
      throw new Error('multi-line strings are not read by this reader');
    } else if (ch === "'") {
      const { text, end } = readString(source, i);
      tokens.push({ t: 'str', v: text });
      i = end;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))![0];
      tokens.push({ t: 'id', v: match });
      i += match.length;
    } else if (/[0-9]/.test(ch)) {
      const match = /^[0-9]+/.exec(source.slice(i))![0];
      tokens.push({ t: 'num', v: match });
      i += match.length;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (!punct) throw new Error(`unexpected character ${JSON.stringify(ch)} at ${i}`);
      tokens.push({ t: 'punct', v: punct });
      i += punct.length;
    }
  }
  return tokens;
}

function tokenText(token: Token): string {
  if (token.t === 'nl') return '\n';
  if (token.t === 'str') return `'${token.v}'`;
  return token.v;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.index + offset];
  }

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new Error('unexpected end of template');
    return token;
  }

  private is(v: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token !== undefined && token.t !== 'nl' && token.v === v && token.t !== 'str';
  }

  private expect(v: string): void {
    const token = this.next();
    if (token.t === 'nl' || token.t === 'str' || token.v !== v) throw new Error(`expected ${v}, found ${tokenText(token)}`);
  }

  private skipNewlines(): void {
    while (this.peek()?.t === 'nl') this.index++;
  }

  private identifier(): string {
    const token = this.next();
    if (token.t !== 'id') throw new Error(`expected a name, found ${tokenText(token)}`);
    return token.v;
  }

  declarations(): BicepDeclaration[] {
    const result: BicepDeclaration[] = [];
    let decorators: string[] = [];
    for (this.skipNewlines(); this.peek(); this.skipNewlines()) {
      if (this.is('@')) {
        this.next();
        decorators.push(this.expressionText(['nl']));
        continue;
      }
      const keyword = this.identifier();
      if (keyword === 'targetScope') {
        this.expect('=');
        result.push({ keyword, name: 'targetScope', type: '', decorators, value: this.value() });
      } else if (keyword === 'param' || keyword === 'output') {
        const name = this.identifier();
        const type = this.identifier();
        let value: BicepValue | undefined;
        if (this.is('=')) {
          this.next();
          value = this.value();
        }
        result.push({ keyword, name, type, decorators, value });
      } else if (keyword === 'var') {
        const name = this.identifier();
        this.expect('=');
        result.push({ keyword, name, type: '', decorators, value: this.value() });
      } else if (keyword === 'resource' || keyword === 'module') {
        const name = this.identifier();
        const typeToken = this.next();
        if (typeToken.t !== 'str') throw new Error(`${keyword} ${name}: expected its type in quotes`);
        if (this.is('existing')) this.next();
        this.expect('=');
        result.push({ keyword, name, type: typeToken.v, decorators, value: this.value() });
      } else {
        throw new Error(`unknown declaration ${keyword}`);
      }
      decorators = [];
    }
    return result;
  }

  /** An object, an array, a for-expression, a lone string, or any other expression as text. */
  value(): BicepValue {
    if (this.is('{')) return this.object();
    if (this.is('[')) return this.is('for', 1) ? this.forExpression() : this.array();
    const token = this.peek();
    if (token?.t === 'str' && this.endsValue(1)) {
      this.next();
      return { kind: 'string', text: token.v };
    }
    return { kind: 'expr', text: this.expressionText(['nl', ',', '}', ']']) };
  }

  private endsValue(offset: number): boolean {
    const after = this.peek(offset);
    return after === undefined || after.t === 'nl' || (after.t === 'punct' && [',', '}', ']'].includes(after.v));
  }

  private object(): BicepValue {
    this.expect('{');
    const props = new Map<string, BicepValue>();
    for (;;) {
      this.skipNewlines();
      if (this.is(',')) {
        this.next();
        continue;
      }
      if (this.is('}')) {
        this.next();
        return { kind: 'object', props };
      }
      const key = this.next();
      if (key.t !== 'id' && key.t !== 'str') throw new Error(`expected a property name, found ${tokenText(key)}`);
      this.expect(':');
      props.set(key.v, this.value());
    }
  }

  private array(): BicepValue {
    this.expect('[');
    const items: BicepValue[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.is(',')) {
        this.next();
        continue;
      }
      if (this.is(']')) {
        this.next();
        return { kind: 'array', items };
      }
      items.push(this.value());
    }
  }

  private forExpression(): BicepValue {
    this.expect('[');
    this.expect('for');
    if (this.is('(')) throw new Error('(item, index) loops are not read by this reader');
    const variable = this.identifier();
    this.expect('in');
    const source = this.expressionText([':']);
    this.expect(':');
    this.skipNewlines();
    const body = this.value();
    this.skipNewlines();
    this.expect(']');
    return { kind: 'for', variable, source, body };
  }

  /** Source text up to a terminator at bracket depth 0. */
  private expressionText(terminators: string[]): string {
    const parts: string[] = [];
    let depth = 0;
    for (let token = this.peek(); token; token = this.peek()) {
      const v = token.t === 'nl' ? 'nl' : token.t === 'punct' ? token.v : undefined;
      if (depth === 0 && v !== undefined && terminators.includes(v)) break;
      if (v === '(' || v === '[' || v === '{') depth++;
      if (v === ')' || v === ']' || v === '}') depth--;
      if (depth < 0) break;
      parts.push(tokenText(this.next()));
    }
    if (parts.length === 0) throw new Error(`expected an expression, found ${this.peek() ? tokenText(this.peek()!) : 'the end'}`);
    return parts.join('').replace(/\n/g, ' ');
  }
}

export function parseBicep(source: string): BicepDeclaration[] {
  return new Parser(tokenize(source)).declarations();
}

/** The value at a property path (`properties.siteConfig.healthCheckPath`), through a for-expression's body. */
export function valueAt(value: BicepValue | undefined, path: string): BicepValue | undefined {
  let current = value;
  for (const key of path.split('.')) {
    if (current?.kind === 'for') current = current.body;
    if (current?.kind !== 'object') return undefined;
    current = current.props.get(key);
  }
  return current;
}

/** A string literal's text or an expression's source text. */
export function textAt(value: BicepValue | undefined, path: string): string | undefined {
  const found = valueAt(value, path);
  return found?.kind === 'string' || found?.kind === 'expr' ? found.text : undefined;
}
