// Bench child process: the least a gateway can do. Every POST is answered with one fixed
// upstream GET (PASS_THROUGH_URL, PASS_THROUGH_AUTHORIZATION), its body wrapped unread in
// `{"data": …}`: no GraphQL, no cache, no mapping. Its own share of latency, measured like
// ours, is what two extra loopback hops and a second wake-up cost on this machine.
import http from 'node:http';
import { Agent, request } from 'undici';

const upstreamUrl = process.env.PASS_THROUGH_URL;
if (!upstreamUrl) throw new Error('PASS_THROUGH_URL is required');
const headers = process.env.PASS_THROUGH_AUTHORIZATION ? { authorization: process.env.PASS_THROUGH_AUTHORIZATION } : {};
const upstream = new Agent({ keepAliveTimeout: 30_000 });

const server = http.createServer((req, res) => {
  req.resume();
  req.once('end', () => {
    request(upstreamUrl, { headers, dispatcher: upstream })
      .then(async (answer) => {
        const body = await answer.body.text();
        // A failed upstream call must not pass for a measurement: the probe refuses non-200s.
        if (answer.statusCode !== 200) throw new Error(`upstream answered ${answer.statusCode}`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"data":${body}}`);
      })
      .catch((error: unknown) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: String(error) }] }));
      });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}/` })}\n`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
