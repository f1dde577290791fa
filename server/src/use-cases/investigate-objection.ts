import type { ObjectionView } from '#contract';
import { AppError, fieldError } from '../domain/errors.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { ObjectionNote } from '../presenters/publicity.js';
import type { ObjectionRow } from '../repositories/publicity-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { loadObjection, objectionView } from './loaders/publicity.js';
import { auditedBy } from './steps/audited-by.js';

const closedAlready = (o: ObjectionRow) => new AppError('INVALID_TRANSITION', `异议${o.receipt_number}已办结`);

/** The province assigns an open objection to one of its officials; audited. */
export async function assignObjection(
  ctx: Context,
  actor: Actor | null,
  objectionId: string,
  userId: string,
  origin: RequestOrigin,
): Promise<ObjectionView> {
  authorize(actor, 'publicity:manage');
  const objection = await loadObjection(ctx, objectionId);
  const [official] = await ctx.publicities.provinceOfficials([userId]);
  if (!official) throw fieldError('userId', '须为省厅工作人员的账号');
  await ctx.transaction(async (tx) => {
    if (!(await tx.publicities.updateOpenObjection(objection.id, { assigned_to: official.id })))
      throw closedAlready(objection);
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'objection.assign',
        targetType: 'objection',
        targetId: objection.id,
        detail: { receiptNumber: objection.receipt_number, assignedTo: official.id, name: official.display_name },
      },
      ctx.clock.now(),
    );
  });
  return objectionView(ctx, objection.id);
}

/** A note of the investigation, appended to an open objection; audited. */
export async function noteObjection(
  ctx: Context,
  actor: Actor | null,
  objectionId: string,
  text: string,
  origin: RequestOrigin,
): Promise<ObjectionView> {
  authorize(actor, 'publicity:manage');
  const at = ctx.clock.now().toISOString();
  await ctx.transaction(async (tx) => {
    const objection = await loadObjection(tx, objectionId);
    const notes = JSON.parse(objection.notes) as ObjectionNote[];
    notes.push({ at, by: actor.userId, byName: actor.displayName, text });
    if (!(await tx.publicities.updateOpenObjection(objection.id, { notes: JSON.stringify(notes) })))
      throw closedAlready(objection);
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'objection.note',
        targetType: 'objection',
        targetId: objection.id,
        detail: { receiptNumber: objection.receipt_number, text },
      },
      ctx.clock.now(),
    );
  });
  return objectionView(ctx, objectionId);
}

/**
 * The province asks the city that recommended the platform for its response (a new question replaces an
 * answered one); the city's officials are notified in the same transaction as the request and its audit entry.
 */
export async function requestCityResponse(
  ctx: Context,
  actor: Actor | null,
  objectionId: string,
  question: string,
  origin: RequestOrigin,
): Promise<ObjectionView> {
  authorize(actor, 'publicity:manage');
  const objection = await loadObjection(ctx, objectionId);
  const candidate = (await ctx.publicities.findCandidate(objection.recognition_id))!;
  const now = ctx.clock.now();
  const at = now.toISOString();
  await ctx.transaction(async (tx) => {
    const changed = await tx.publicities.updateOpenObjection(objection.id, {
      city_request: question,
      city_requested_at: at,
      city_response: null,
      city_responded_by: null,
      city_responded_at: null,
    });
    if (!changed) throw closedAlready(objection);
    const officials = await tx.notifications.officialsOf(candidate.authority_code);
    await tx.notifications.deliver(
      officials.map((userId) => ({
        userId,
        dedupeKey: `objection:${objection.id}:${at}:${userId}`,
        kind: 'objection.city_request',
        title: '省厅请核查公示异议',
        body: `关于${candidate.platform_name}的公示异议（受理编号：${objection.receipt_number}），省厅请贵单位核查并答复：${question}`,
        link: '/city/objections',
        at,
      })),
      now,
      ctx.config.smtpUrl !== null,
    );
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'objection.city_request',
        targetType: 'objection',
        targetId: objection.id,
        detail: {
          receiptNumber: objection.receipt_number,
          authorityCode: candidate.authority_code,
          question,
          notified: officials.length,
        },
      },
      now,
    );
  });
  return objectionView(ctx, objection.id);
}

/**
 * One of an objection's 佐证材料 for the province investigating it (open or closed), streamed as uploaded; every
 * opening is audited (the files may name people).
 */
export async function openObjectionFile(
  ctx: Context,
  actor: Actor | null,
  objectionId: string,
  fileId: string,
  origin: RequestOrigin,
) {
  authorize(actor, 'publicity:manage');
  const objection = await loadObjection(ctx, objectionId);
  const file = await ctx.publicities.findObjectionFile(objection.id, fileId);
  if (!file) throw new AppError('NOT_FOUND', '该异议没有这份佐证材料');
  await ctx.audit.record(
    {
      ...auditedBy(actor, origin.ip),
      action: 'objection.file-download',
      targetType: 'objection',
      targetId: objection.id,
      detail: { receiptNumber: objection.receipt_number, fileId: file.id, name: file.original_name },
    },
    ctx.clock.now(),
  );
  return { file, stream: ctx.blobs.open(file.storage_key) };
}
