import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  createSourceEventStream,
  execute,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

import type { GatewayContext } from '../../catalog/index.js';
import { ErrorCode, limitError } from '../../errors/index.js';
import { countTokens, formatCount } from '../limits/index.js';
import type { OperationCheck } from '../plugins/gatewayRequestPlugin.js';
import { subscriptionRootCrash } from './subscriptionRootGuard.js';

/** One operation as a subscription transport receives it (the GraphQL-over-HTTP request shape). */
export interface OperationRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

/** An operation checked and ready to run: parsed, valid, within the limits, its variables coerced. */
export interface PreparedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  /** As the client sent them (known to coerce). */
  variables: Record<string, unknown>;
}

export interface OperationRunnerOptions {
  schema: GraphQLSchema;
  /** The checks Apollo Server runs on HTTP operations (limits, lone surrogates), in order. */
  checks: readonly OperationCheck[];
  /** The gateway's masking boundary. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** GRAPHQL_MAX_TOKENS. */
  maxTokens: number;
  /** Whether introspection is answered (as for HTTP). */
  introspection: boolean;
  /** A fresh context (fresh DataLoaders) for one execution: one per query, one per subscription event. */
  createContext: () => GatewayContext;
}

/**
 * Runs operations for the transports Apollo Server does not serve (graphql-ws, multipart and
 * SSE subscriptions) with the same rules as an HTTP request: the token limit, parsing,
 * validation (introspection off when it is off for HTTP), an operation chosen by name,
 * coerced variables, then the same checks (depth, aliases, root fields, cost, lone
 * surrogates) — each refusal with the code HTTP would give — and every error through the same
 * masking boundary. A subscription event executes with a fresh context, as a query would.
 */
export class OperationRunner {
  readonly #options: OperationRunnerOptions;
  readonly #rules;

  constructor(options: OperationRunnerOptions) {
    this.#options = options;
    this.#rules = options.introspection ? specifiedRules : [...specifiedRules, NoSchemaIntrospectionCustomRule];
  }

  /** The schema operations run against. */
  get schema(): GraphQLSchema {
    return this.#options.schema;
  }

  /** Checks one operation: ready to run, or the errors it is refused with (coded, unformatted). */
  prepare(request: OperationRequest): PreparedOperation | GraphQLError[] {
    const { schema, maxTokens, checks } = this.#options;
    if (typeof request.query !== 'string' || request.query.length === 0) {
      return [coded('The operation has no `query`: send the document (a hash alone is not enough here).', ErrorCode.BAD_REQUEST)];
    }
    if (request.variables != null && (typeof request.variables !== 'object' || Array.isArray(request.variables))) {
      return [coded('`variables` must be an object.', ErrorCode.BAD_REQUEST)];
    }
    const tokens = countTokens(request.query);
    if (tokens > maxTokens) {
      return [
        limitError(
          ErrorCode.TOO_MANY_TOKENS,
          `The document has ${formatCount(tokens)} tokens; this gateway accepts at most ${formatCount(maxTokens)}. Select fewer fields, or split the operation.`,
          { limit: maxTokens, measured: tokens },
        ),
      ];
    }
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      return [withCode(error as GraphQLError, ErrorCode.GRAPHQL_PARSE_FAILED)];
    }
    const crash = subscriptionRootCrash(schema, document);
    if (crash) return [crash];
    const invalid = validate(schema, document, this.#rules);
    if (invalid.length > 0) return invalid.map((error) => withCode(error, ErrorCode.GRAPHQL_VALIDATION_FAILED));
    const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) {
      return [
        coded(
          operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.',
          ErrorCode.OPERATION_RESOLUTION_FAILURE,
        ),
      ];
    }
    const rawVariables = (request.variables ?? {}) as Record<string, unknown>;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, { maxErrors: 10 });
    if (coerced.errors) return coerced.errors.map((error) => withCode(error, ErrorCode.BAD_USER_INPUT));
    // The checks read the document, the operation, the schema and the raw variables, as Apollo's
    // `didResolveOperation` hands them over.
    const resolved = {
      document,
      operation,
      schema,
      request: { variables: rawVariables },
    } as unknown as GraphQLRequestContextDidResolveOperation<GatewayContext>;
    try {
      for (const check of checks) check(resolved);
    } catch (error) {
      return [error instanceof GraphQLError ? error : coded('The operation was refused.', ErrorCode.BAD_REQUEST)];
    }
    // Execution coerces the variables itself, from what the client sent.
    return { document, operation, operationName, variables: rawVariables };
  }

  /** Runs a query or mutation once. Never rejects: failures are in the result's `errors`. */
  async execute(prepared: PreparedOperation): Promise<FormattedExecutionResult> {
    const context = this.#options.createContext();
    try {
      const result = await execute(this.#args(prepared, undefined, context));
      return this.format(result, context);
    } catch (error) {
      return this.format({ errors: [asGraphQLError(error)] });
    }
  }

  /**
   * Runs a subscription: its first result is an error result when the subscription cannot
   * start (a bad filter, an expired `since`), then one result per event. `release` is called
   * once when it ends, however it ends (its source ran out or failed, or `return()`).
   * `return()` ends it at once, also while it waits for an event.
   */
  subscribe(prepared: PreparedOperation, release: () => void = () => undefined): AsyncIterableIterator<FormattedExecutionResult> {
    let source: AsyncIterator<unknown> | undefined;
    let started = false;
    let finished = false;
    const done: IteratorReturnResult<undefined> = { done: true, value: undefined };
    const finish = async (): Promise<IteratorReturnResult<undefined>> => {
      if (!finished) {
        finished = true;
        release();
        await source?.return?.();
      }
      return done;
    };
    const last = async (result: FormattedExecutionResult): Promise<IteratorResult<FormattedExecutionResult>> => {
      await finish();
      return { done: false, value: result };
    };
    const iterator: AsyncIterableIterator<FormattedExecutionResult> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        if (finished) return done;
        if (!started) {
          started = true;
          try {
            const stream = await createSourceEventStream(this.#args(prepared, undefined, this.#options.createContext()));
            if (!(Symbol.asyncIterator in stream)) return last(this.format(stream));
            source = stream[Symbol.asyncIterator]();
          } catch (error) {
            return last(this.format({ errors: [asGraphQLError(error)] }));
          }
          // Ended (return()) while the stream was being set up: end the stream too.
          if (finished) {
            await source.return?.();
            return done;
          }
        }
        let event: IteratorResult<unknown>;
        try {
          event = await source!.next();
        } catch (error) {
          // The log failed under a live subscription (a token trimmed away while it lagged).
          return last(this.format({ errors: [asGraphQLError(error)] }));
        }
        if (event.done || finished) return finish();
        const context = this.#options.createContext();
        try {
          return { done: false, value: this.format(await execute(this.#args(prepared, event.value, context)), context) };
        } catch (error) {
          return { done: false, value: this.format({ errors: [asGraphQLError(error)] }) };
        }
      },
      return: finish,
      throw: async (error: unknown) => {
        await finish();
        throw error;
      },
    };
    return iterator;
  }

  /** A result as a client sees it: each error through the masking boundary (partial errors too), without `http`. */
  format(result: ExecutionResult, context?: GatewayContext): FormattedExecutionResult {
    const { formatError } = this.#options;
    const errors = (result.errors ?? []).map((error) => formatError(error.toJSON(), error));
    for (const { error, path } of context?.partialErrors ?? [])
      errors.push(formatError({ message: error.message, path: [...path], extensions: error.extensions }, error));
    const formatted: FormattedExecutionResult = {};
    if (errors.length > 0) formatted.errors = errors.map(withoutHttp);
    if ('data' in result) formatted.data = result.data;
    return formatted;
  }

  /** Errors refused before running, as a client sees them. */
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
    return errors.map((error) => withoutHttp(this.#options.formatError(error.toJSON(), error)));
  }

  #args(prepared: PreparedOperation, rootValue: unknown, contextValue: GatewayContext) {
    return {
      schema: this.#options.schema,
      document: prepared.document,
      operationName: prepared.operationName,
      variableValues: prepared.variables,
      rootValue,
      contextValue,
    };
  }
}

function coded(message: string, code: ErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

function asGraphQLError(error: unknown): GraphQLError {
  return error instanceof GraphQLError ? error : new GraphQLError('Unexpected error.', { originalError: error instanceof Error ? error : undefined });
}

function withoutHttp(error: GraphQLFormattedError): GraphQLFormattedError {
  if (!error.extensions || !('http' in error.extensions)) return error;
  const { http: _http, ...extensions } = error.extensions;
  return { ...error, extensions };
}
