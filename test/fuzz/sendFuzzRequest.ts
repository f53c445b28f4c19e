import { request } from 'undici';

import type { FuzzRequest } from './requestArbitrary.js';

/** What came back, as the properties read it. */
export interface FuzzResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `fuzz` to the gateway at `origin` (e.g. `http://127.0.0.1:1234`) and reads the whole answer. */
export async function sendFuzzRequest(origin: string, fuzz: FuzzRequest): Promise<FuzzResponse> {
  const response = await request(`${origin}${fuzz.path}`, {
    method: fuzz.method,
    headers: fuzz.headers,
    body: fuzz.body ?? null,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  return { status: response.statusCode, headers: response.headers, body: await response.body.text() };
}

/**
 * The request as one shell line, for a reproducer: the body through `printf` (so NUL and any
 * other byte survive), headers and URL in ANSI-C quoting.
 */
export function toCurl(origin: string, fuzz: FuzzRequest): string {
  const parts = ['curl', '-sS', '-i', '-X', fuzz.method];
  // curl adds its own content-type to --data-binary unless told otherwise: an empty `-H 'content-type:'` removes it.
  if (fuzz.body !== undefined && !Object.keys(fuzz.headers).some((name) => name.toLowerCase() === 'content-type')) parts.push('-H', "'content-type:'");
  for (const [name, value] of Object.entries(fuzz.headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (fuzz.body !== undefined) parts.push('--data-binary', '@-');
  parts.push(shellQuote(`${origin}${fuzz.path}`));
  const curl = parts.join(' ');
  return fuzz.body === undefined ? curl : `printf '${printfEscape(fuzz.body)}' | ${curl}`;
}

/** A `printf` format (inside single quotes) that prints exactly `text`'s UTF-8 bytes. */
function printfEscape(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte === 0x27) out += '\\047';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x25) out += '%%';
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** `$'…'` with every byte outside printable ASCII (and `'`, `\`) escaped, so the line is exact. */
function shellQuote(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    if (byte === 0x27 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `$'${out}'`;
}
