import type { EmulatorRequest, EmulatorResponse, RouteDefinition } from '../../kit/index.js';
import { BodyInput } from '../bodyInput.js';
import type { GuidebookContext } from '../context.js';
import { applyFilters, type FilterSet } from '../filters.js';
import { orderRecords, type OrderingFields } from '../ordering.js';
import { paginate } from '../pagination.js';
import { badRequest, noContent, notFound, respond, type ValidationErrors } from '../responses.js';

/** How many distinct list queries each resource remembers. */
const LIST_CACHE_SIZE = 32;

/** The outcome of a write: the saved row (with its status), or DRF's 400 body. */
export type WriteResult<T> = { status: 200 | 201; record: T } | { errors: ValidationErrors };

/** One DRF ModelViewSet-like resource: list + retrieve, and the writes it allows. */
export interface ResourceSpec<T extends { id: number }> {
  /** `/sessions` → routes `/sessions/` and `/sessions/:id/`. */
  path: string;
  table(): Map<number, T>;
  serialize(record: T): unknown;
  filters: FilterSet<T>;
  /** Fields `ordering=` accepts; without it the param is ignored (no OrderingFilter). */
  ordering?: OrderingFields<T>;
  create?(input: BodyInput): WriteResult<T>;
  update?(record: T, input: BodyInput): WriteResult<T>;
  remove?(record: T): void;
}

/** Builds the list and detail routes of a resource; methods left out answer 405. */
export function resourceRoutes<T extends { id: number }>(ctx: GuidebookContext, spec: ResourceSpec<T>): RouteDefinition[] {
  const { create, update, remove } = spec;
  // Filtered and ordered lists by query (without page/page_size), valid while the store's
  // generation is unchanged: reading page after page of a 15,000-session list filters and
  // sorts it once. The answers are the same as without it.
  const lists = new Map<string, { generation: number; ordered: T[] }>();
  const list: RouteDefinition = {
    path: `${spec.path}/`,
    methods: {
      GET: (req) => {
        const key = JSON.stringify([...req.query].filter(([name]) => name !== 'page' && name !== 'page_size'));
        let hit = lists.get(key);
        if (!hit || hit.generation !== ctx.store.generation) {
          const filtered = applyFilters([...spec.table().values()], req.query, spec.filters);
          if (!Array.isArray(filtered)) return badRequest(filtered.errors);
          const ordered = orderRecords(filtered, spec.ordering ? (req.query.getAll('ordering').pop() ?? null) : null, spec.ordering ?? {});
          hit = { generation: ctx.store.generation, ordered };
          lists.delete(key);
          lists.set(key, hit);
          if (lists.size > LIST_CACHE_SIZE) lists.delete(lists.keys().next().value as string);
        }
        return paginate(req, hit.ordered, ctx.pagination, (record) => spec.serialize(record));
      },
      ...(create && { POST: (req: EmulatorRequest) => write(req, (input) => create(input), spec) }),
    },
  };
  const detail: RouteDefinition = {
    path: `${spec.path}/:id/`,
    methods: {
      GET: (req) => {
        const record = findRecord(spec.table(), req.params.id);
        return record ? respond(200, spec.serialize(record)) : notFound();
      },
      ...(update && {
        PATCH: (req: EmulatorRequest) => {
          const record = findRecord(spec.table(), req.params.id);
          return record ? write(req, (input) => update(record, input), spec) : notFound();
        },
      }),
      ...(remove && {
        DELETE: (req: EmulatorRequest) => {
          const record = findRecord(spec.table(), req.params.id);
          if (!record) return notFound();
          remove(record);
          return noContent();
        },
      }),
    },
  };
  return [list, detail];
}

function write<T extends { id: number }>(req: EmulatorRequest, run: (input: BodyInput) => WriteResult<T>, spec: ResourceSpec<T>): EmulatorResponse {
  const input = BodyInput.from(req.body);
  if (!(input instanceof BodyInput)) return badRequest(input.errors);
  const result = run(input);
  if ('errors' in result) return badRequest(result.errors);
  return respond(result.status, spec.serialize(result.record));
}

/** A row by its URL id; a non-numeric id is simply not found, as DRF's get_object_or_404 does. */
export function findRecord<T>(table: Map<number, T>, rawId: string | undefined): T | undefined {
  return rawId !== undefined && /^\d+$/.test(rawId) ? table.get(Number(rawId)) : undefined;
}
