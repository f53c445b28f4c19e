import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

import { asExecutionError } from './asExecutionError.js';
import { jitSerializers } from './jitSerializers.js';
import { withSettledListItems } from './withSettledListItems.js';

type ApolloGateway = ApolloServerOptionsWithGateway<object>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<ApolloGateway['load']>>['executor']>;

/** Per parsed document: Apollo's document store hands out the same object for every repeat. */
interface DocumentState {
  executions: number;
  /** Per operation name ('' for none); null when graphql-jit could not compile it. */
  compiled: Map<string, CompiledQuery | null>;
}

/**
 * Executes repeated operations with graphql-jit, which compiles an operation into one
 * function for its selection set and completes a large result (the home page's 50
 * sessions with tracks and speakers) in about half of graphql-js's time.
 *
 * Apollo Server executes with graphql-js unless it is given a gateway, so this is one: it
 * serves the local schema and its own executor; parsing, validation, plugins and error
 * formatting stay Apollo's. A document is compiled once it has been executed
 * `compileAfter` times, so one-off operations (and documents the store has evicted) do
 * not pay for a compilation they would not repay. graphql-js still answers whatever
 * graphql-jit would answer differently: documents it cannot compile, operations Apollo
 * could not resolve, and variables graphql-jit refuses (graphql-js words and locates
 * those errors as clients know them, and nothing has run yet). graphql-jit's field errors
 * are handed on as the `GraphQLError`s graphql-js would have produced (see
 * `asExecutionError`), so they meet the same masking boundary with the same path.
 */
export class CompiledExecution implements ApolloGateway {
  readonly #documents = new WeakMap<DocumentNode, DocumentState>();
  #compiledCount = 0;
  /** What graphql-jit compiles against: the same schema, lists settled (see withSettledListItems). */
  readonly #compiledSchema: GraphQLSchema;
  readonly #serializers: Record<string, (value: unknown) => unknown>;

  constructor(
    readonly schema: GraphQLSchema,
    private readonly compileAfter: number,
  ) {
    this.#compiledSchema = withSettledListItems(schema);
    this.#serializers = jitSerializers(this.#compiledSchema);
  }

  /** Operations compiled so far (for tests and diagnostics). */
  get compiledCount(): number {
    return this.#compiledCount;
  }

  readonly execute: Executor = async ({ document, operation, request, context }) => {
    // The name the client sent: with no operation of that name, graphql-js says so and
    // Apollo answers 400.
    const operationName = request.operationName ?? null;
    const args = { schema: this.schema, document, contextValue: context, variableValues: request.variables, operationName };
    const compiled = operation ? this.#compiledFor(document, operationName) : null;
    if (!compiled) return execute(args) as Promise<ExecutionResult>;
    const result = await compiled.query(undefined, context, request.variables ?? {});
    if (result.data === undefined && result.errors?.length) return execute(args) as Promise<ExecutionResult>;
    // Field errors as graphql-js makes them, so Apollo Server and formatError treat both alike.
    return result.errors ? { ...result, errors: result.errors.map(asExecutionError) } : (result as ExecutionResult);
  };

  async load() {
    return { executor: this.execute };
  }

  onSchemaLoadOrUpdate(callback: Parameters<ApolloGateway['onSchemaLoadOrUpdate']>[0]) {
    callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
    return () => undefined;
  }

  async stop() {}

  #compiledFor(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    let state = this.#documents.get(document);
    if (!state) this.#documents.set(document, (state = { executions: 0, compiled: new Map() }));
    if (state.executions < this.compileAfter) {
      state.executions += 1;
      return null;
    }
    const key = operationName ?? '';
    let compiled = state.compiled.get(key);
    if (compiled === undefined) {
      compiled = this.#compile(document, operationName);
      state.compiled.set(key, compiled);
    }
    return compiled;
  }

  #compile(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    try {
      const result = compileQuery(this.#compiledSchema, document, operationName ?? undefined, { customSerializers: this.#serializers });
      if (!isCompiledQuery(result)) return null;
      this.#compiledCount += 1;
      return result;
    } catch {
      return null;
    }
  }
}
