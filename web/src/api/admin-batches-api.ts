import {
  batchAdminEndpoints,
  type CorrectBatchWordingInput,
  type CreateBatchInput,
  type ExtendBatchDeadlinesInput,
  type UpdateBatchInput,
} from '#contract';
import { call } from './client';

/** The system administrator's batches (申报批次): copy, edit in preparation, publish, then extend or correct. */
export const batchAdminApi = {
  list: (signal?: AbortSignal) => call(batchAdminEndpoints.list, { signal }).then((r) => r.items),
  get: (batchId: string, signal?: AbortSignal) => call(batchAdminEndpoints.get, { params: { batchId }, signal }),
  create: (input: CreateBatchInput) => call(batchAdminEndpoints.create, { body: input }),
  update: (batchId: string, input: UpdateBatchInput) =>
    call(batchAdminEndpoints.update, { params: { batchId }, body: input }),
  publish: (batchId: string, version: number) =>
    call(batchAdminEndpoints.publish, { params: { batchId }, body: { version } }),
  extendDeadlines: (batchId: string, input: ExtendBatchDeadlinesInput) =>
    call(batchAdminEndpoints.extendDeadlines, { params: { batchId }, body: input }),
  correctWording: (batchId: string, input: CorrectBatchWordingInput) =>
    call(batchAdminEndpoints.correctWording, { params: { batchId }, body: input }),
};
