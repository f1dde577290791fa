// Worker thread: computes some of SHA-256, SM3 and CRC-32 (workerData.digests) of stored files and of uploads
// as they stream in, off the event loop of the server. Plain JavaScript so that it loads the same way under
// tsx, vitest and plain node.
//
// Files are digested strictly one after another: the read buffer is shared by every file, so two files
// read at once (an async handler per message would interleave them at every await) would hash bytes that
// the other's read left in it: that defect recorded wrong digests whenever files were uploaded together.
// A streamed upload has hash states of its own under its job id, updated synchronously as each chunk
// arrives, so uploads streaming together never share anything.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { crc32 as crc } from 'node:zlib';

/** @type {string[]} */
const names = workerData.digests;

/** The running digests of one file or upload. */
class Digests {
  hashes = names.filter((n) => n !== 'crc32').map((n) => [n, createHash(n)]);
  crc = names.includes('crc32') ? 0 : null;

  update(chunk) {
    for (const [, hash] of this.hashes) hash.update(chunk);
    if (this.crc !== null) this.crc = crc(chunk, this.crc);
  }

  result() {
    const out = Object.fromEntries(this.hashes.map(([n, hash]) => [n, hash.digest('hex')]));
    if (this.crc !== null) out.crc32 = this.crc;
    return out;
  }
}

const buffer = Buffer.allocUnsafe(1 << 20);
let files = Promise.resolve();
/** Uploads streaming in, by job id. */
const streams = new Map();

parentPort.on('message', (m) => {
  switch (m.op) {
    case 'file':
      files = files.then(() => digestFile(m));
      break;
    case 'chunk': {
      let d = streams.get(m.jobId);
      if (!d) streams.set(m.jobId, (d = new Digests()));
      d.update(m.chunk);
      parentPort.postMessage({ jobId: m.jobId, seq: m.seq, ack: m.chunk.byteLength });
      break;
    }
    case 'end': {
      const d = streams.get(m.jobId) ?? new Digests();
      streams.delete(m.jobId);
      parentPort.postMessage({ jobId: m.jobId, digests: d.result() });
      break;
    }
    case 'abort':
      streams.delete(m.jobId);
      break;
  }
});

/** Never rejects: a failure is reported to the caller as the job's error. */
async function digestFile({ jobId, path }) {
  let file;
  try {
    file = await open(path, 'r');
    const d = new Digests();
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      d.update(buffer.subarray(0, bytesRead));
    }
    parentPort.postMessage({ jobId, digests: d.result() });
  } catch (err) {
    parentPort.postMessage({ jobId, error: String(err) });
  } finally {
    await file?.close().catch(() => undefined);
  }
}
