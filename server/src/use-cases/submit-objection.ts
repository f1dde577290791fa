import { randomBytes, randomUUID } from 'node:crypto';
import type { ObjectionInput, ObjectionReceipt, PublicitySettings } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { PublicityRow } from '../repositories/publicity-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { assertInsideWindow, loadPublicity, objectionTokenHash } from './loaders/publicity.js';

/** 23-3F2A9C1B-0001: the 公示's year, the start of its id, the objection's place among its objections. */
export function receiptNumber(publicity: Pick<PublicityRow, 'id' | 'first_day'>, n: number): string {
  return `${publicity.first_day.slice(2, 4)}-${publicity.id.slice(0, 8).toUpperCase()}-${String(n).padStart(4, '0')}`;
}

/**
 * Records an objection to a candidate still on the list, numbered from the 公示's counter in the same
 * transaction as the row and its audit entry (the contact stays out of the audit log: personal data).
 */
async function recordObjection(
  ctx: Context,
  publicity: PublicityRow,
  input: ObjectionInput,
  origin: RequestOrigin,
  by: Actor | null,
): Promise<ObjectionReceipt> {
  const candidate = await ctx.publicities.findCandidate(input.candidateId);
  if (candidate?.publicity_id !== publicity.id) throw fieldError('candidateId', '该平台不在本次公示名单中');
  if (candidate.status !== 'publicized') throw fieldError('candidateId', '该平台已不在公示中，不能再提出异议');
  const id = randomUUID();
  const receivedAt = ctx.clock.now().toISOString();
  const kind = by ? 'paper' : 'online';
  const uploadToken = by ? null : randomBytes(24).toString('base64url');
  const number = await ctx.transaction(async (tx) => {
    const store = tx.publicities;
    const receipt = receiptNumber(publicity, await store.nextObjectionNumber(publicity.id));
    await store.insertObjection({
      id,
      publicity_id: publicity.id,
      recognition_id: candidate.id,
      receipt_number: receipt,
      origin: kind,
      name: input.name,
      contact: input.contact,
      grounds: input.grounds,
      upload_token_hash: uploadToken && objectionTokenHash(uploadToken),
      assigned_to: null,
      notes: '[]',
      city_request: null,
      city_requested_at: null,
      city_response: null,
      city_responded_by: null,
      city_responded_at: null,
      status: 'open',
      outcome: null,
      outcome_text: null,
      registered_by: by?.userId ?? null,
      received_at: receivedAt,
      closed_by: null,
      closed_at: null,
    });
    await tx.audit.record(
      {
        actorUserId: by?.userId ?? null,
        actorName: by?.username ?? null,
        ip: origin.ip,
        action: 'objection.receive',
        targetType: 'objection',
        targetId: id,
        detail: { publicityId: publicity.id, candidateId: candidate.id, receiptNumber: receipt, origin: kind },
      },
      ctx.clock.now(),
    );
    return receipt;
  });
  return { objectionId: id, receiptNumber: number, receivedAt, platformName: candidate.platform_name, uploadToken };
}

/**
 * Anyone, without an account, objects to a candidate: only inside the window (to the second, CST), and
 * not when the 公示 accepts only objections in writing.
 */
export async function submitObjection(
  ctx: Context,
  publicityId: string,
  input: ObjectionInput,
  origin: RequestOrigin,
): Promise<ObjectionReceipt> {
  const publicity = await loadPublicity(ctx, publicityId);
  const settings = JSON.parse(publicity.settings) as PublicitySettings;
  if (settings.objections.writtenOnly) {
    throw new AppError(
      'INVALID_TRANSITION',
      `本次公示只受理书面异议，请寄送或送达${settings.objections.office.department}`,
    );
  }
  assertInsideWindow(ctx, publicity, '提出异议');
  return recordObjection(ctx, publicity, input, origin, null);
}

/** The province registers an objection received on paper (a letter may arrive after the window it was sent in). */
export async function registerPaperObjection(
  ctx: Context,
  actor: Actor | null,
  publicityId: string,
  input: ObjectionInput,
  origin: RequestOrigin,
): Promise<ObjectionReceipt> {
  authorize(actor, 'publicity:manage');
  const publicity = await loadPublicity(ctx, publicityId);
  return recordObjection(ctx, publicity, input, origin, actor);
}
