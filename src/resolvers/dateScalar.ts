import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

import { UserInputError } from '../errors/index.js';

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is an RFC 3339 `full-date` that exists on the calendar (`2025-02-29` does not). */
export function isFullDate(text: string): boolean {
  const match = FULL_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC: no zone, no DST).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullDate(value: unknown): string {
  if (typeof value === 'string' && isFullDate(value)) return value;
  throw new UserInputError(`Date must be a calendar date written YYYY-MM-DD (RFC 3339 full-date), e.g. "2026-03-14"; got ${describe(value)}.`);
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : typeof value;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * `Date`: a calendar date without a time or zone, `YYYY-MM-DD` (RFC 3339 full-date), a string
 * in and out; graphql-scalars' LocalDate rule under the name the schema uses. A value that is
 * not one (`2026-3-1`, `2026-02-30`, a number) is BAD_USER_INPUT.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  // The SDL's description (schema/base.graphql): a resolver's description replaces it.
  description: 'A calendar date without a time or zone, `YYYY-MM-DD` (RFC 3339 full-date), read in the\ntime zone of the conference it belongs to.',
  serialize: fullDate,
  parseValue: fullDate,
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw new UserInputError(`Date must be a string written YYYY-MM-DD, e.g. "2026-03-14"; got a ${ast.kind} literal.`);
    return fullDate(ast.value);
  },
});
