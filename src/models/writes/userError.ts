import type { ErrorCode } from '../../errors/index.js';

/**
 * Why a mutation's input was refused; a subset of the gateway's error codes, so a client
 * switches on the same names in `userErrors` and in `errors[].extensions`.
 */
export type UserErrorCode = Extract<ErrorCode, 'BAD_USER_INPUT' | 'UPSTREAM_REJECTED' | 'NOT_FOUND'>;

/** One refused input field: returned as data in a mutation payload, never thrown. */
export interface UserError {
  /** Path to the input field from the mutation's argument, e.g. `["input", "descriptionHtml"]`. */
  field: string[];
  message: string;
  code: UserErrorCode;
}

/** The path of an input field, from the mutation's `input` argument. */
export function inputPath(...segments: Array<string | number>): string[] {
  return ['input', ...segments.map(String)];
}
