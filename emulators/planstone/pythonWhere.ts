/**
 * Eve's second `where` syntax, Python conditionals (`eve/io/mongo/parser.py`), for the subset
 * real clients send: `a == "x"`, `a.b != 2`, `<`, `<=`, `>`, `>=`, combined with `and`/`or`
 * and parentheses, with string, number, `True`/`False`/`None` and `ObjectId("...")` values.
 * `a == "x" and b == "y"` becomes `{"$and": [{"a": "x"}, {"b": "y"}]}` as in Eve.
 * Returns undefined when the text is not such an expression (Eve then answers 400).
 */
export function parsePythonWhere(text: string): Record<string, unknown> | undefined {
  const tokens = tokenize(text);
  if (!tokens) return undefined;
  const parser = new Parser(tokens);
  try {
    const query = parser.orExpression();
    if (!parser.done()) return undefined;
    return query;
  } catch {
    return undefined;
  }
}

type Token = { kind: 'name'; value: string } | { kind: 'value'; value: unknown } | { kind: 'op'; value: string } | { kind: 'punct'; value: '(' | ')' | ',' };

const OPERATORS: Record<string, string> = { '==': '', '!=': '$ne', '<': '$lt', '<=': '$lte', '>': '$gt', '>=': '$gte' };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern =
    /\s*(?:(?<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?<num>-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(?<op>==|!=|<=|>=|<|>)|(?<punct>[(),]))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match?.groups) return undefined;
    index = pattern.lastIndex;
    const { str, num, name, op, punct } = match.groups;
    if (str !== undefined) tokens.push({ kind: 'value', value: unquote(str) });
    else if (num !== undefined) tokens.push({ kind: 'value', value: Number(num) });
    else if (name !== undefined) {
      if (name === 'True' || name === 'False' || name === 'None') tokens.push({ kind: 'value', value: name === 'None' ? null : name === 'True' });
      else tokens.push({ kind: 'name', value: name });
    } else if (op !== undefined) tokens.push({ kind: 'op', value: op });
    else if (punct !== undefined) tokens.push({ kind: 'punct', value: punct as '(' | ')' | ',' });
  }
  return tokens;
}

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, escape: string) => {
    if (escape.startsWith('u') || escape.startsWith('x')) return String.fromCharCode(parseInt(escape.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', '0': '\0' } as Record<string, string>)[escape] ?? escape;
  });
}

class Parser {
  #tokens: Token[];
  #at = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  done(): boolean {
    return this.#at === this.#tokens.length;
  }

  orExpression(): Record<string, unknown> {
    const parts = [this.andExpression()];
    while (this.#peekName('or')) {
      this.#at++;
      parts.push(this.andExpression());
    }
    return parts.length === 1 ? parts[0]! : { $or: parts };
  }

  andExpression(): Record<string, unknown> {
    const parts = [this.atom()];
    while (this.#peekName('and')) {
      this.#at++;
      parts.push(this.atom());
    }
    return parts.length === 1 ? parts[0]! : { $and: parts };
  }

  atom(): Record<string, unknown> {
    const token = this.#next();
    if (token.kind === 'punct' && token.value === '(') {
      const inner = this.orExpression();
      this.#expect(')');
      return inner;
    }
    if (token.kind !== 'name' || token.value === 'and' || token.value === 'or' || token.value === 'not') throw new Error('expected a field name');
    const op = this.#next();
    if (op.kind !== 'op') throw new Error('expected a comparison');
    const value = this.#value();
    if (this.#tokens[this.#at]?.kind === 'op') throw new Error('chained comparisons are not supported');
    const mongoOp = OPERATORS[op.value]!;
    return { [token.value]: mongoOp === '' ? value : { [mongoOp]: value } };
  }

  #value(): unknown {
    const token = this.#next();
    if (token.kind === 'value') return token.value;
    if (token.kind === 'name' && token.value === 'ObjectId') {
      this.#expect('(');
      const inner = this.#next();
      this.#expect(')');
      if (inner.kind !== 'value' || typeof inner.value !== 'string') throw new Error('ObjectId needs a string');
      return inner.value;
    }
    throw new Error('expected a value');
  }

  #peekName(name: string): boolean {
    const token = this.#tokens[this.#at];
    return token?.kind === 'name' && token.value === name;
  }

  #next(): Token {
    const token = this.#tokens[this.#at++];
    if (!token) throw new Error('unexpected end');
    return token;
  }

  #expect(punct: '(' | ')'): void {
    const token = this.#next();
    if (token.kind !== 'punct' || token.value !== punct) throw new Error(`expected ${punct}`);
  }
}
