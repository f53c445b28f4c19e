import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Lexical tokens of a GraphQL document, counted the way graphql-js counts them for its
 * own `maxTokens` parse option (comments excluded). Counting stops at the first lexical
 * error: the parser reports that error properly later. Linear in the document's length,
 * which the body-size limit already bounds.
 */
export function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A syntax error: leave it to the parser.
  }
  return count;
}
