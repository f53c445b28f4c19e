import { UserInputError } from '../errors/index.js';
import { PROVIDER_NAMES, type ProviderName } from '../providers.js';
import { isCanonicalSourceId } from './canonicalSourceId.js';

/** The object types that have global IDs. */
export type NodeType = 'Session' | 'Track' | 'Guide' | 'Attendee' | 'PersonalizedSchedule' | 'Speaker' | 'ClientSession' | 'Conference' | 'Location';

export interface DecodedGlobalId {
  type: NodeType;
  provider: ProviderName;
  sourceId: string;
}

const NODE_TYPES = new Set<string>(['Session', 'Track', 'Guide', 'Attendee', 'PersonalizedSchedule', 'Speaker', 'ClientSession', 'Conference', 'Location']);
const PROVIDERS = new Set<string>(PROVIDER_NAMES);

/** An opaque global ID: base64url of `Type:provider:sourceId`. */
export function toGlobalId(type: NodeType, provider: ProviderName, sourceId: string): string {
  return Buffer.from(`${type}:${provider}:${sourceId}`, 'utf8').toString('base64url');
}

const idsOfModels = new WeakMap<object, string>();

/**
 * `toGlobalId` of a model object, remembered per object: models mapped from cached lists
 * are shared by every request, and a page of them asks for all their IDs each time.
 * `sourceId`: what the ID carries when it is not the model's own `sourceId` (a Planstone
 * object of a later conference: see models/conference.ts `scopedSourceId`).
 */
export function globalIdOfModel(model: { sourceId: string }, type: NodeType, provider: ProviderName, sourceId = model.sourceId): string {
  let id = idsOfModels.get(model);
  if (id === undefined) idsOfModels.set(model, (id = toGlobalId(type, provider, sourceId)));
  return id;
}

/**
 * Decodes a global ID, or returns null when it is not one the API could have issued: not
 * base64url of `Type:provider:sourceId`, or a source id its provider never issues
 * (`isCanonicalSourceId`: `NaN`, `1.5`, `1e2`, `007`, ` 7` for an integer id).
 */
export function parseGlobalId(id: string): DecodedGlobalId | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  if (first < 0 || second < 0) return null;
  const type = text.slice(0, first);
  const provider = text.slice(first + 1, second);
  const sourceId = text.slice(second + 1);
  if (!NODE_TYPES.has(type) || !PROVIDERS.has(provider) || !isCanonicalSourceId(type as NodeType, provider as ProviderName, sourceId)) return null;
  return { type: type as NodeType, provider: provider as ProviderName, sourceId };
}

/**
 * Decodes a global ID that must name one of `types` (an input argument); anything else is
 * BAD_USER_INPUT naming the argument.
 */
export function expectGlobalId(id: string, argumentName: string, ...types: NodeType[]): DecodedGlobalId {
  const decoded = parseGlobalId(id);
  if (!decoded) throw new UserInputError(`\`${argumentName}\` is not a valid ID. Use an \`id\` value returned by this API.`, argumentName);
  if (!types.includes(decoded.type)) {
    throw new UserInputError(`\`${argumentName}\` must be the ID of a ${types.join(' or ')}, not of a ${decoded.type}.`, argumentName);
  }
  return decoded;
}
