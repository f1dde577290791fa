// Worker thread: computes SHA-256 and SM3 of stored files, off the event loop of the server.
// Plain JavaScript so that it loads the same way under tsx, vitest and plain node.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', async ({ jobId, path }) => {
  try {
    const sha256 = createHash('sha256');
    const sm3 = createHash('sm3');
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      sha256.update(chunk);
      sm3.update(chunk);
    }
    parentPort.postMessage({ jobId, sha256: sha256.digest('hex'), sm3: sm3.digest('hex') });
  } catch (err) {
    parentPort.postMessage({ jobId, error: String(err) });
  }
});
