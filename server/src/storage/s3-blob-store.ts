import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkStorageKey, LocalStaging, newStorageKey, type BlobStore, type StagedBlob } from './blob-store.js';

export interface S3Settings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

/** Multipart parts of 8 MiB, at most two in flight per upload: memory per upload stays ~16 MiB. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

/**
 * Files as objects in an S3-compatible bucket (MinIO, Ceph, Swift's s3api, 政务云 OSS/OBS). Uploads are
 * staged and typed on the local disk as with FileBlobStore, then committed by a multipart upload streamed
 * from the staging file, which is removed afterwards. Reads stream the object's body.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly staging: LocalStaging;

  /** Staging goes to `<filesDir>/.staging` on the local disk, as with FileBlobStore. */
  constructor(settings: S3Settings, filesDir: string) {
    this.staging = new LocalStaging(path.join(filesDir, '.staging'));
    this.bucket = settings.bucket;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // The SDK's default CRC checksums on every request are refused by many S3-compatible servers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async ready(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      throw new Error(
        `对象存储不可用：无法访问存储桶 ${this.bucket}（${reason}）；请检查 S3_ENDPOINT、S3_BUCKET 与访问密钥 / ` +
          `object storage unreachable: bucket ${this.bucket} (${reason})`,
        { cause: err },
      );
    }
  }

  stage(source: Readable): Promise<StagedBlob> {
    return this.staging.stage(source);
  }

  async commit(staged: StagedBlob): Promise<string> {
    const key = newStorageKey();
    const body = fs.createReadStream(staged.tempPath, { highWaterMark: 1 << 20 });
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentLength: staged.sizeBytes },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } finally {
      body.destroy();
    }
    await this.staging.discard(staged.tempPath);
    return key;
  }

  discard(tempPath: string): Promise<void> {
    return this.staging.discard(tempPath);
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkStorageKey(key) }));
  }

  /** The object's body, fetched when the stream is created; back-pressure holds memory to a few chunks. */
  open(key: string): Readable {
    const out = new PassThrough({ highWaterMark: 1 << 20 });
    this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: checkStorageKey(key) }))
      .then((answer) => pipeline(answer.Body as Readable, out))
      .catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
    return out;
  }

  async sizeOf(key: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkStorageKey(key) }));
      return head.ContentLength ?? null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async withLocalCopy<T>(key: string, use: (localPath: string) => Promise<T>): Promise<T> {
    const copy = this.staging.newPath();
    try {
      await pipeline(this.open(key), fs.createWriteStream(copy, { highWaterMark: 1 << 20 }));
      return await use(copy);
    } finally {
      await this.staging.discard(copy);
    }
  }

  async *listStored(): AsyncGenerator<{ key: string; modifiedAt: Date }> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token, MaxKeys: 1000 }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key && object.LastModified) yield { key: object.Key, modifiedAt: object.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  stagingCount(): Promise<number> {
    return this.staging.count();
  }

  listStaleStaging(before: Date): Promise<string[]> {
    return this.staging.listStale(before);
  }
}

function isNotFound(err: unknown): boolean {
  return (
    err instanceof S3ServiceException &&
    (err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata.httpStatusCode === 404)
  );
}
