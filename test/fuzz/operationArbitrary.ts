import fc from 'fast-check';
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

import { bogusCursorArb, EDGE_NUMBERS, globalIdArb, hostileNumberArb, hostileStringArb, malformedIdArb } from './hostileValues.js';

/** Real values seen in the gateway's answers, so generated operations also reach deep paths. */
export interface FuzzSeeds {
  ids: string[];
  cursors: string[];
}

/** One generated GraphQL request: the document, its variables and the operation name sent. */
export interface FuzzOperation {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

/** An enum literal inside a document; a string once it is a JSON variable. */
export class EnumLiteral {
  constructor(readonly name: string) {}
  toJSON(): string {
    return this.name;
  }
}

// Variables and fragment names are numbered only when the document is assembled: pieces carry
// markers, and each piece lists its variables in the order its markers appear. JSON.stringify
// escapes control characters, so no string literal can contain a marker.
const VAR = '$\u0001';

interface Variable {
  type: string;
  value: unknown;
}
interface Piece {
  text: string;
  vars: Variable[];
  fragments: Fragment[];
}
interface Fragment {
  name: string;
  text: string;
  vars: Variable[];
}

const EMPTY: Piece = { text: '', vars: [], fragments: [] };
const text = (value: string): Piece => ({ text: value, vars: [], fragments: [] });

const join = (pieces: Piece[], separator = ' '): Piece => ({
  text: pieces.map((piece) => piece.text).join(separator),
  vars: pieces.flatMap((piece) => piece.vars),
  fragments: pieces.flatMap((piece) => piece.fragments),
});

/** A JSON-like value written as a GraphQL literal (strings as JSON strings, which GraphQL reads the same). */
export function toLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof EnumLiteral) return value.name;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(toLiteral).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${key}: ${toLiteral(item)}`)
    .join(', ')}}`;
}

function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i += 1) h = (Math.imul(h, 33) ^ text.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

/**
 * Random operations over `schema`: selections 2–5 deep with aliases, inline and named
 * fragments and directives, every argument given valid, edge or wrong values (inline or as
 * variables, some declared with the wrong type), and now and then an unknown field.
 */
export function operationArbitrary(schema: GraphQLSchema, seeds: FuzzSeeds): fc.Arbitrary<FuzzOperation> {
  const selectionMemo = new Map<string, fc.Arbitrary<Piece>>();
  const valueMemo = new Map<string, fc.Arbitrary<unknown>>();

  const idArb = fc.oneof(
    ...(seeds.ids.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...seeds.ids) }] : []),
    { weight: 2, arbitrary: globalIdArb },
    { weight: 1, arbitrary: malformedIdArb },
    { weight: 1, arbitrary: hostileStringArb },
  );
  const cursorArb = fc.oneof(
    ...(seeds.cursors.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...seeds.cursors) }] : []),
    { weight: 2, arbitrary: bogusCursorArb },
    { weight: 1, arbitrary: hostileStringArb },
  );
  const wrongScalar = fc.oneof(fc.boolean(), hostileNumberArb, hostileStringArb, fc.constant([]), fc.constant({}));

  /** Values for a named scalar; `argName` steers paging arguments to their useful range. */
  function scalarValue(name: string, argName: string): fc.Arbitrary<unknown> {
    switch (name) {
      case 'Int':
      case 'NonNegativeInt':
        if (argName === 'first' || argName === 'last')
          return fc.oneof(
            { weight: 12, arbitrary: fc.integer({ min: 0, max: 4 }) },
            { weight: 2, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
            { weight: 1, arbitrary: wrongScalar },
          );
        return fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: -2, max: 3_000 }) },
          { weight: 2, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
          { weight: 1, arbitrary: wrongScalar },
        );
      case 'Float':
        return fc.oneof({ weight: 3, arbitrary: hostileNumberArb }, { weight: 1, arbitrary: wrongScalar });
      case 'Boolean':
        return fc.oneof({ weight: 12, arbitrary: fc.boolean() }, { weight: 1, arbitrary: wrongScalar });
      case 'ID':
        return fc.oneof({ weight: 12, arbitrary: idArb }, { weight: 1, arbitrary: wrongScalar });
      case 'String':
        if (argName === 'after' || argName === 'before') return fc.oneof({ weight: 12, arbitrary: cursorArb }, { weight: 1, arbitrary: wrongScalar });
        if (/id$/i.test(argName))
          return fc.oneof({ weight: 3, arbitrary: idArb }, { weight: 3, arbitrary: hostileStringArb }, { weight: 1, arbitrary: wrongScalar });
        return fc.oneof({ weight: 12, arbitrary: hostileStringArb }, { weight: 1, arbitrary: wrongScalar });
      case 'DateTime':
        return fc.oneof(
          {
            weight: 4,
            arbitrary: fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString()),
          },
          { weight: 1, arbitrary: fc.constantFrom('2024-03-10T02:30:00', '2024-13-45T99:99:99Z', '0000-00-00T00:00:00Z', '+275760-09-13T00:00:00.001Z') },
          { weight: 2, arbitrary: wrongScalar },
        );
      case 'EmailAddress':
        return fc.oneof({ weight: 3, arbitrary: fc.emailAddress() }, { weight: 2, arbitrary: wrongScalar });
      case 'HexColorCode':
        return fc.oneof({ weight: 3, arbitrary: fc.constantFrom('#D62728', '#fff', '#GGGGGG', 'red') }, { weight: 1, arbitrary: wrongScalar });
      case 'URL':
        return fc.oneof(
          { weight: 3, arbitrary: fc.webUrl() },
          { weight: 1, arbitrary: fc.constantFrom('javascript:alert(1)', 'http://127.0.0.1:1/', 'file:///etc/passwd') },
          { weight: 2, arbitrary: wrongScalar },
        );
      default:
        return fc.oneof(hostileStringArb, wrongScalar);
    }
  }

  /** Values for an input type: mostly valid, then nulls, wrong types, unknown fields and enum values. */
  function valueOf(type: GraphQLInputType, argName: string, depth = 0): fc.Arbitrary<unknown> {
    const key = `${String(type)}|${argName}|${depth}`;
    const memo = valueMemo.get(key);
    if (memo) return memo;
    let arb: fc.Arbitrary<unknown>;
    if (depth > 4) arb = fc.constant(null);
    else if (isNonNullType(type)) arb = fc.oneof({ weight: 40, arbitrary: valueOf(type.ofType, argName, depth) }, { weight: 1, arbitrary: fc.constant(null) });
    else if (isListType(type)) {
      const item = valueOf(type.ofType, argName, depth + 1);
      arb = fc.oneof({ weight: 4, arbitrary: fc.array(item, { maxLength: 3 }) }, { weight: 1, arbitrary: item }, { weight: 1, arbitrary: fc.constant(null) });
    } else if (isEnumType(type)) {
      const names = type.getValues().map((value) => value.name);
      arb = fc.oneof(
        { weight: 20, arbitrary: fc.constantFrom(...names).map((name) => new EnumLiteral(name)) },
        { weight: 1, arbitrary: fc.constantFrom('NOT_A_VALUE', names[0]!.toLowerCase(), 'null', 'true').map((name) => new EnumLiteral(name)) },
        { weight: 1, arbitrary: fc.constantFrom(...names) },
        { weight: 1, arbitrary: wrongScalar },
      );
    } else if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const field of fields) model[field.name] = valueOf(field.type, field.name, depth + 1);
      const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined).map((field) => field.name);
      const record = fc.record(model, { requiredKeys: required });
      arb = fc.oneof(
        { weight: 20, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, fc.constantFrom('unknownField', '__proto__', 'constructor'))
            .map(([value, extra]) => ({ ...(value as object), [extra]: 1 })),
        },
        { weight: 1, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: wrongScalar },
      );
    } else if (isScalarType(type)) arb = scalarValue(type.name, argName);
    else arb = fc.constant(null);
    valueMemo.set(key, arb);
    return arb;
  }

  /** One argument: a literal, a variable of its type, or (rarely) a variable declared with another type. */
  function argumentOf(arg: GraphQLArgument): fc.Arbitrary<Piece> {
    const value = valueOf(arg.type, arg.name);
    return fc.oneof(
      { weight: 15, arbitrary: value.map((v) => ({ text: `${arg.name}: ${toLiteral(v)}`, vars: [], fragments: [] })) },
      { weight: 15, arbitrary: value.map((v) => ({ text: `${arg.name}: ${VAR}`, vars: [{ type: String(arg.type), value: v }], fragments: [] })) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(value, fc.constantFrom('String', 'Int!', '[ID!]!', 'Boolean', 'SessionFilter'))
          .map(([v, type]) => ({ text: `${arg.name}: ${VAR}`, vars: [{ type, value: v }], fragments: [] })),
      },
    );
  }

  function argumentsOf(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Piece> {
    if (field.args.length === 0) return fc.constant({ text: '', vars: [], fragments: [] });
    const perArg = field.args.map((arg) => {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      return required
        ? fc.oneof({ weight: 15, arbitrary: argumentOf(arg) }, { weight: 1, arbitrary: fc.constant(null) })
        : fc.option(argumentOf(arg), { freq: 2 });
    });
    return fc.tuple(...perArg).map((args) => {
      const given = args.filter((arg): arg is Piece => arg !== null);
      if (given.length === 0) return { text: '', vars: [], fragments: [] };
      const inner = join(given, ', ');
      return { ...inner, text: `(${inner.text})` };
    });
  }

  const directiveArb: fc.Arbitrary<Piece> = fc.oneof(
    { weight: 120, arbitrary: fc.constant(EMPTY) },
    { weight: 3, arbitrary: fc.constantFrom('@include(if: true)', '@skip(if: false)', '@skip(if: true)', '@include(if: false)').map(text) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom('include', 'skip'),
          fc.oneof({ weight: 5, arbitrary: fc.boolean() as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: wrongScalar }),
        )
        .map(([name, value]) => ({ text: `@${name}(if: ${VAR})`, vars: [{ type: 'Boolean!', value }], fragments: [] })),
    },
    { weight: 1, arbitrary: fc.constantFrom('@nope', '@include', '@deprecated', '@skip(if: true) @skip(if: false)', '@specifiedBy(url: "x")').map(text) },
  );

  const aliasArb = fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 9 }).map((n) => `a${n}: `) });

  function fieldOf(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<Piece> | null {
    const named = getNamedType(field.type);
    const sub = isLeafType(named) ? null : depth > 0 && isCompositeType(named) ? selectionOf(named, depth - 1) : undefined;
    if (sub === undefined) return null;
    return fc.tuple(aliasArb, argumentsOf(field), directiveArb, sub ? sub : fc.constant(null)).map(([alias, args, directive, selection]) => {
      const parts: Piece[] = [
        { text: `${alias}${field.name}${args.text}${directive.text ? ` ${directive.text}` : ''}`, vars: [...args.vars, ...directive.vars], fragments: [] },
      ];
      if (selection) parts.push(selection);
      return join(parts);
    });
  }

  /** `{ ... }` for a composite type, `depth` levels of objects below it at most. */
  function selectionOf(type: GraphQLCompositeType, depth: number): fc.Arbitrary<Piece> {
    const key = `${type.name}:${depth}`;
    const memo = selectionMemo.get(key);
    if (memo) return memo;
    // Registered lazily first: a type may reach itself (Session.tracks.sessions ...).
    const choices: Array<fc.WeightedArbitrary<Piece>> = [{ weight: 1, arbitrary: fc.constant({ text: '__typename', vars: [], fragments: [] }) }];
    const unknownField = fc.constantFrom('notAField', '__schema { queryType { name } }', 'id(x: 1)').map((text) => ({ text, vars: [], fragments: [] }));
    const arb = fc.constant(null).chain(() => {
      const items = fc.oneof({ weight: 150, arbitrary: fc.oneof(...choices) }, { weight: 1, arbitrary: unknownField });
      return fc.array(items, { minLength: 1, maxLength: depth >= 2 ? 2 : 3 }).map((selected) => {
        const inner = join(selected);
        return { ...inner, text: `{ ${inner.text} }` };
      });
    });
    selectionMemo.set(key, arb);
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const piece = fieldOf(field, depth);
        if (piece) choices.push({ weight: isLeafType(getNamedType(field.type)) ? 2 : 3, arbitrary: piece });
      }
      // A named fragment of this type, and an inline one with a directive.
      const own = fc.constant(null).chain(() => selectionOf(type, depth));
      choices.push({
        weight: 1,
        arbitrary: own.map((selection) => {
          const name = `F${type.name}_${hash(selection.text)}`;
          return {
            text: `...${name}`,
            vars: [],
            fragments: [...selection.fragments, { name, text: `fragment ${name} on ${type.name} ${selection.text}`, vars: selection.vars }],
          };
        }),
      });
      choices.push({
        weight: 1,
        arbitrary: fc
          .tuple(directiveArb, own)
          .map(([directive, selection]) => ({ ...join([directive, selection]), text: `... on ${type.name} ${directive.text} ${selection.text}` })),
      });
    } else {
      for (const possible of schema.getPossibleTypes(type)) {
        choices.push({
          weight: 2,
          arbitrary: fc
            .constant(null)
            .chain(() => selectionOf(possible, depth))
            .map((selection) => ({ ...selection, text: `... on ${possible.name} ${selection.text}` })),
        });
      }
      if (!isObjectType(type) && 'getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          const piece = fieldOf(field, depth);
          if (piece) choices.push({ weight: 2, arbitrary: piece });
        }
      }
    }
    return arb;
  }

  // A `subscription` sent as a JSON POST (as the fuzzer sends everything) must be refused cleanly (SUBSCRIPTIONS_NOT_SUPPORTED).
  const roots = [
    { weight: 24, keyword: 'query', type: schema.getQueryType() },
    { weight: 2, keyword: 'mutation', type: schema.getMutationType() },
    { weight: 1, keyword: 'subscription', type: schema.getSubscriptionType() ?? schema.getQueryType() },
  ].filter((root) => root.type);
  const opArb = fc.oneof(
    ...roots.map((root) => ({
      weight: root.weight,
      arbitrary: fc.tuple(
        fc.constant(root.keyword),
        fc.integer({ min: 2, max: 5 }).chain((depth) => selectionOf(root.type!, depth - 1)),
      ),
    })),
  );
  const nameArb = fc.oneof(
    { weight: 12, arbitrary: fc.constant('') },
    { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,30}$/) },
    { weight: 1, arbitrary: fc.constant('A'.repeat(5_000)) },
  );
  const sentNameArb = fc.oneof(
    { weight: 6, arbitrary: fc.constant('same') },
    { weight: 1, arbitrary: fc.constant('absent') },
    { weight: 1, arbitrary: hostileStringArb },
  );

  return fc.tuple(opArb, nameArb, sentNameArb).map(([[keyword, selection], name, sent]) => {
    const fragments = new Map<string, Fragment>();
    for (const fragment of selection.fragments) if (!fragments.has(fragment.name)) fragments.set(fragment.name, fragment);
    const vars = [...selection.vars, ...[...fragments.values()].flatMap((fragment) => fragment.vars)];
    const body = `${selection.text} ${[...fragments.values()].map((fragment) => fragment.text).join(' ')}`;
    let index = 0;
    const numbered = body.split(VAR).reduce((text, part) => `${text}$v${index++}${part}`);
    const declarations = vars.length > 0 ? `(${vars.map((variable, i) => `$v${i}: ${variable.type}`).join(', ')})` : '';
    const header = name || declarations || keyword !== 'query' ? `${keyword} ${name}${declarations} ` : '';
    const operation: FuzzOperation = { query: `${header}${numbered}`.trim() };
    if (vars.length > 0) operation.variables = Object.fromEntries(vars.map((variable, i) => [`v${i}`, variable.value]));
    if (sent === 'same' ? name : sent !== 'absent') operation.operationName = sent === 'same' ? name : sent;
    return operation;
  });
}
