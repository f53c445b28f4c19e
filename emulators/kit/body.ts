import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/**
 * A request body as the emulated provider's framework would see it. Form and multipart
 * fields keep every value of a repeated key (`schedule_tracks=3&schedule_tracks=42`), the
 * way Django's QueryDict does; JSON keeps its own types.
 */
export type ParsedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: Map<string, string[]>; files: Map<string, UploadedFile> }
  | { kind: 'invalid'; reason: string };

export interface UploadedFile {
  filename: string;
  mimeType: string;
  size: number;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Reads and parses a request body by its Content-Type. Never throws: a bad body is `invalid`. */
export async function parseBody(req: IncomingMessage): Promise<ParsedBody> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(req);
  const raw = await readRaw(req);
  if (raw === undefined) return { kind: 'invalid', reason: 'Request body too large.' };
  if (raw.length === 0) return { kind: 'none' };
  const text = raw.toString('utf8');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { kind: 'form', fields: groupEntries(new URLSearchParams(text)), files: new Map() };
  }
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    return { kind: 'invalid', reason: `JSON parse error - ${(error as Error).message}` };
  }
}

async function readRaw(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function groupEntries(entries: Iterable<[string, string]>): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [key, value] of entries) fields.set(key, [...(fields.get(key) ?? []), value]);
  return fields;
}

function parseMultipart(req: IncomingMessage): Promise<ParsedBody> {
  return new Promise((resolve) => {
    const fields = new Map<string, string[]>();
    const files = new Map<string, UploadedFile>();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_BODY_BYTES } });
    } catch (error) {
      resolve({ kind: 'invalid', reason: `Multipart form parse error - ${(error as Error).message}` });
      return;
    }
    parser.on('field', (name, value) => fields.set(name, [...(fields.get(name) ?? []), value]));
    parser.on('file', (name, stream, info) => {
      let size = 0;
      stream.on('data', (chunk: Buffer) => (size += chunk.length));
      stream.on('end', () => files.set(name, { filename: info.filename ?? '', mimeType: info.mimeType, size }));
    });
    parser.on('close', () => resolve({ kind: 'form', fields, files }));
    parser.on('error', (error) => resolve({ kind: 'invalid', reason: `Multipart form parse error - ${(error as Error).message}` }));
    req.pipe(parser);
  });
}
