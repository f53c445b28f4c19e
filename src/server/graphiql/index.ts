export { GRAPHIQL_DIST } from './graphiqlDist.js';
export { GRAPHIQL_PATH, mountGraphiql } from './mountGraphiql.js';
export { sandboxLandingPage, withGraphiqlLink } from './sandboxLandingPage.js';
