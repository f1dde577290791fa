import Fastify from 'fastify';
import { announceListening } from './child-server.js';

/**
 * The baseline: a bare Fastify hello-world with logging off, in a child process of its own. It also
 * answers a JSON POST (parse the body, answer a small object) to show what a request body alone costs.
 */
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
app.post('/echo', async (req) => ({ eligible: true, fields: Object.keys(req.body as object).length }));
await app.listen({ port: 0, host: '127.0.0.1' });
announceListening(app);
