// Codegen document transform (codegen.yml): adds `__typename` to every selection set of the
// example operations, so the documents in the persisted-operations manifest return what
// normalized client caches (Apollo Client, urql Graphcache, ...) need to identify objects.
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

export const transform = addTypenameSelectionDocumentTransform.transform;
