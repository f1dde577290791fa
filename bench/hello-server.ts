import Fastify from 'fastify';
import { announceListening } from './child-server.js';

/** The baseline: a bare Fastify hello-world with logging off, in a child process of its own. */
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
announceListening(app);
