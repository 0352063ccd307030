import type { JsonObject } from '../http/json.ts';
import { normalizeDefenderTime } from './timestamps.ts';

/** A rejected query option; `code` is the Defender error code the API answers with (400). */
export class ODataQueryError extends Error {
  readonly code: 'ODataError' | 'InvalidInput';

  constructor(message: string, code: 'ODataError' | 'InvalidInput' = 'ODataError') {
    super(message);
    this.code = code;
  }
}

type FieldKind = 'id' | 'text' | 'datetime';

/** The fields Defender documents as filterable on machine actions. Names are case-sensitive, as in OData. */
const FILTERABLE_FIELDS: Readonly<Record<string, FieldKind>> = {
  id: 'id',
  machineId: 'id',
  status: 'text',
  type: 'text',
  requestor: 'text',
  creationDateTimeUtc: 'datetime',
};

const COMPARISONS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
export type ComparisonOperator = (typeof COMPARISONS)[number];

export type FilterExpression =
  | { readonly kind: 'and' | 'or'; readonly left: FilterExpression; readonly right: FilterExpression }
  | { readonly kind: 'not'; readonly operand: FilterExpression }
  | { readonly kind: 'compare'; readonly field: string; readonly operator: ComparisonOperator; readonly value: string }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly string[] };

type Token =
  | { readonly kind: 'open' | 'close' | 'comma'; readonly text: string; readonly position: number }
  | { readonly kind: 'string' | 'word'; readonly text: string; readonly position: number };

const PUNCTUATION = { '(': 'open', ')': 'close', ',': 'comma' } as const;

function isPunctuation(char: string): char is keyof typeof PUNCTUATION {
  return char in PUNCTUATION;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input.charAt(index);
    const position = index + 1;
    if (/\s/.test(char)) {
      index += 1;
    } else if (isPunctuation(char)) {
      tokens.push({ kind: PUNCTUATION[char], text: char, position });
      index += 1;
    } else if (char === "'") {
      // OData escapes a quote inside a string literal by doubling it.
      let value = '';
      index += 1;
      for (;;) {
        if (index >= input.length) {
          throw new ODataQueryError(`Unterminated string literal starting at position ${position}.`);
        }
        if (input.charAt(index) === "'") {
          if (input.charAt(index + 1) !== "'") break;
          index += 1;
        }
        value += input.charAt(index);
        index += 1;
      }
      index += 1;
      tokens.push({ kind: 'string', text: value, position });
    } else {
      const start = index;
      while (index < input.length && !/[\s(),']/.test(input.charAt(index))) index += 1;
      tokens.push({ kind: 'word', text: input.slice(start, index), position });
    }
  }
  return tokens;
}

function describe(token: Token | undefined): string {
  return token === undefined ? 'the end of $filter' : `'${token.text}' at position ${token.position}`;
}

function isComparison(word: string): word is ComparisonOperator {
  return (COMPARISONS as readonly string[]).includes(word);
}

class FilterParser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(input: string) {
    this.tokens = tokenize(input);
  }

  parse(): FilterExpression {
    if (this.tokens.length === 0) throw new ODataQueryError('$filter is empty.');
    const expression = this.parseOr();
    const extra = this.peek();
    if (extra !== undefined) throw new ODataQueryError(`Syntax error in $filter: unexpected ${describe(extra)}.`);
    return expression;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }

  private peekWord(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'word' && token.text === word;
  }

  private expect(kind: Token['kind'], what: string): Token {
    const token = this.next();
    if (token?.kind !== kind) {
      throw new ODataQueryError(`Syntax error in $filter: expected ${what} but found ${describe(token)}.`);
    }
    return token;
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd();
    while (this.peekWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary();
    while (this.peekWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterExpression {
    if (this.peekWord('not')) {
      this.next();
      return { kind: 'not', operand: this.parseUnary() };
    }
    if (this.peek()?.kind === 'open') {
      this.next();
      const inner = this.parseOr();
      this.expect('close', "')'");
      return inner;
    }
    return this.parseCondition();
  }

  private parseCondition(): FilterExpression {
    const fieldToken = this.expect('word', 'a field name');
    const field = fieldToken.text;
    const kind = FILTERABLE_FIELDS[field];
    if (kind === undefined) {
      const supported = Object.keys(FILTERABLE_FIELDS).join(', ');
      throw new ODataQueryError(
        `Could not find a property named '${field}' on type 'MachineAction' (position ${fieldToken.position}). ` +
          `Filterable properties: ${supported}.`,
      );
    }
    const operatorToken = this.expect('word', `an operator after '${field}'`);
    const operator = operatorToken.text;
    if (operator === 'in' && kind !== 'datetime') return { kind: 'in', field, values: this.parseList(field, kind) };
    if (!isComparison(operator) || (kind !== 'datetime' && operator !== 'eq' && operator !== 'ne')) {
      const allowed = kind === 'datetime' ? COMPARISONS.join(', ') : 'eq, ne, in';
      throw new ODataQueryError(
        `Operator '${operator}' (position ${operatorToken.position}) is not supported for '${field}'; ` +
          `use one of: ${allowed}.`,
      );
    }
    return { kind: 'compare', field, operator, value: this.parseLiteral(field, kind) };
  }

  private parseList(field: string, kind: FieldKind): string[] {
    this.expect('open', "'(' after 'in'");
    const values = [this.parseLiteral(field, kind)];
    while (this.peek()?.kind === 'comma') {
      this.next();
      values.push(this.parseLiteral(field, kind));
    }
    this.expect('close', "')' to close the 'in' list");
    return values;
  }

  private parseLiteral(field: string, kind: FieldKind): string {
    const token = this.next();
    if (token === undefined) {
      throw new ODataQueryError(`Syntax error in $filter: expected a value for '${field}' but found the end.`);
    }
    if (kind !== 'datetime') {
      if (token.kind !== 'string') {
        throw new ODataQueryError(
          `'${field}' takes a quoted string such as '${field} eq 'value'', but found ${describe(token)}.`,
        );
      }
      return token.text;
    }
    const normalized = token.kind === 'word' ? normalizeDefenderTime(token.text) : undefined;
    if (normalized === undefined) {
      // OData date-time literals are unquoted; a quoted one is a common client bug, so say so.
      const hint = token.kind === 'string' ? ' Date-time literals are not quoted in OData.' : '';
      throw new ODataQueryError(
        `'${field}' takes an ISO 8601 date-time such as 2024-05-01T00:00:00Z, but found ${describe(token)}.${hint}`,
      );
    }
    return normalized;
  }
}

export function parseFilter(input: string): FilterExpression {
  return new FilterParser(input).parse();
}

function comparableValue(entity: JsonObject, field: string): string | undefined {
  const value = entity[field];
  if (typeof value !== 'string') return undefined;
  const kind = FILTERABLE_FIELDS[field];
  if (kind === 'datetime') return normalizeDefenderTime(value);
  // Machine and action ids are GUID/hex: their case carries no meaning.
  return kind === 'id' ? value.toLowerCase() : value;
}

function comparableLiteral(field: string, literal: string): string {
  return FILTERABLE_FIELDS[field] === 'id' ? literal.toLowerCase() : literal;
}

function compare(actual: string | undefined, operator: ComparisonOperator, expected: string): boolean {
  if (actual === undefined) return operator === 'ne';
  switch (operator) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'gt':
      return actual > expected;
    case 'ge':
      return actual >= expected;
    case 'lt':
      return actual < expected;
    case 'le':
      return actual <= expected;
  }
}

export function matchesFilter(expression: FilterExpression, entity: JsonObject): boolean {
  switch (expression.kind) {
    case 'and':
      return matchesFilter(expression.left, entity) && matchesFilter(expression.right, entity);
    case 'or':
      return matchesFilter(expression.left, entity) || matchesFilter(expression.right, entity);
    case 'not':
      return !matchesFilter(expression.operand, entity);
    case 'compare':
      return compare(
        comparableValue(entity, expression.field),
        expression.operator,
        comparableLiteral(expression.field, expression.value),
      );
    case 'in': {
      const actual = comparableValue(entity, expression.field);
      return expression.values.some((value) => comparableLiteral(expression.field, value) === actual);
    }
  }
}
