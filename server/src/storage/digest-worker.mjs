// Worker thread: computes SHA-256, SM3 and CRC-32 of stored files, off the event loop of the server.
// Plain JavaScript so that it loads the same way under tsx, vitest and plain node.
//
// Jobs run strictly one after another. The read buffer is shared by every job, so two jobs running at
// once (an async handler per message would interleave them at every await) would hash bytes that the
// other job's read left in it: that defect recorded wrong digests whenever files were uploaded together.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { crc32 as crc } from 'node:zlib';

const buffer = Buffer.allocUnsafe(1 << 20);
let queue = Promise.resolve();

parentPort.on('message', (job) => {
  queue = queue.then(() => digest(job));
});

/** Never rejects: a failure is reported to the caller as the job's error. */
async function digest({ jobId, path }) {
  let file;
  try {
    file = await open(path, 'r');
    const sha256 = createHash('sha256');
    const sm3 = createHash('sm3');
    let crc32 = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      sha256.update(chunk);
      sm3.update(chunk);
      crc32 = crc(chunk, crc32);
    }
    parentPort.postMessage({ jobId, sha256: sha256.digest('hex'), sm3: sm3.digest('hex'), crc32 });
  } catch (err) {
    parentPort.postMessage({ jobId, error: String(err) });
  } finally {
    await file?.close().catch(() => undefined);
  }
}
