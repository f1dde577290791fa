import { once } from 'node:events';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { announceListening } from './child-server.js';

/**
 * The baseline: a bare Fastify hello-world with logging off, in a child process of its own. It also
 * answers a JSON POST (parse the body, answer a small object) to show what a request body alone costs,
 * and, for (f), streams the files listed in the JSON file BENCH_FILE_LIST one after another: what bare
 * Fastify does with the package's bytes.
 */
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
app.post('/echo', async (req) => ({ eligible: true, fields: Object.keys(req.body as object).length }));
app.get('/files', async (_req, reply) => {
  const files = JSON.parse(fs.readFileSync(process.env.BENCH_FILE_LIST ?? '', 'utf8')) as string[];
  const size = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  const out = new PassThrough({ highWaterMark: 4 << 20 });
  void (async () => {
    for (const f of files) {
      for await (const chunk of fs.createReadStream(f, { highWaterMark: 4 << 20 }))
        if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
  })().catch((err: unknown) => out.destroy(err as Error));
  return reply.header('content-length', size).header('content-type', 'application/octet-stream').send(out);
});
await app.listen({ port: 0, host: '127.0.0.1' });
announceListening(app);
