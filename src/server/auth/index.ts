export { apiKeyMatcher } from './apiKeyMatcher.js';
export { bearerMatcher, bearerToken } from './bearerToken.js';
export { clientAuth, credentialChecker, credentialRefusal, type ClientAuthOptions, type PresentedCredential } from './clientAuth.js';
export { verifyHs256Jwt, type JwtResult, type JwtVerification } from './verifyHs256Jwt.js';
