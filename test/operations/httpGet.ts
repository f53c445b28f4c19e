import { request } from 'undici';

/** GETs a path of the gateway (the harness URL is `/graphql`); status, content type and text. */
export async function getPath(graphqlUrl: string, path: string): Promise<{ status: number; contentType: string; text: string }> {
  const response = await request(new URL(path, graphqlUrl));
  return { status: response.statusCode, contentType: String(response.headers['content-type'] ?? ''), text: await response.body.text() };
}

/** The value of one Prometheus sample (`name{labels}`), or undefined when absent. */
export function sample(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.lastIndexOf('}'));
    const found = Object.fromEntries([...inside.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}
