import { DateTimeResolver, EmailAddressResolver, HexColorCodeResolver, NonNegativeIntResolver, URLResolver } from 'graphql-scalars';

import { DateScalar } from './dateScalar.js';

/** Scalars (graphql-scalars' and `Date`): validated on input, serialized consistently on output. */
export const scalarResolvers = {
  DateTime: DateTimeResolver,
  Date: DateScalar,
  URL: URLResolver,
  EmailAddress: EmailAddressResolver,
  NonNegativeInt: NonNegativeIntResolver,
  HexColorCode: HexColorCodeResolver,
};
