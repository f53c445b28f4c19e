import { DateTimeResolver, EmailAddressResolver, HexColorCodeResolver, NonNegativeIntResolver, URLResolver } from 'graphql-scalars';

/** Scalars from graphql-scalars: validated on input, serialized consistently on output. */
export const scalarResolvers = {
  DateTime: DateTimeResolver,
  URL: URLResolver,
  EmailAddress: EmailAddressResolver,
  NonNegativeInt: NonNegativeIntResolver,
  HexColorCode: HexColorCodeResolver,
};
