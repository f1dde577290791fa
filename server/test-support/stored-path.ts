import { FileBlobStore, type BlobStore } from '../src/storage/blob-store.js';

/** Where a stored file lies on disk, for tests that damage or inspect it (local storage only). */
export function storedPath(blobs: BlobStore, key: string): string {
  if (!(blobs instanceof FileBlobStore)) throw new Error('this test needs the local file store (STORAGE=local)');
  return blobs.pathOf(key);
}
