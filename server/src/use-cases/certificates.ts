import {
  certificateStates,
  type CertificatePayload,
  type CertificateVerification,
  type Revocation,
  type RevocationInput,
  type SignedCertificate,
  type SigningKey,
} from '#contract';
import { beijingDateOf } from '../domain/calendar.js';
import { certificateKey, certificateState, parseCertificateNumber } from '../domain/certificate.js';
import { AppError } from '../domain/errors.js';
import { nextRecognitionStatus } from '../domain/recognition-status.js';
import { certificateSigner } from '../crypto/signing-key.js';
import { publicKeyPem, signCertificate, verifyCertificateSignature } from '../crypto/sm2-signature.js';
import { certificateVerificationUrl } from '../documents/certificate-qr.js';
import { renderCertificatePdf } from '../documents/certificate-pdf.js';
import { authorize, type Actor } from '../policies/policy.js';
import type { HistoryEntry } from '../presenters/publicity.js';
import type { CertificateWithRecognition } from '../repositories/certificate-repository.js';
import type { RecognitionRow } from '../repositories/publicity-repository.js';
import type { Context, RequestOrigin } from './context.js';
import { auditedBy } from './steps/audited-by.js';
import { exportedFile, type ExportedFile } from './steps/exported-file.js';

/**
 * Certificates (issue 16 item 4): signed at 认定, verified in public by number or key, revoked by the province.
 * The state is judged at ctx.clock's instant in CST to the second (domain/certificate `certificateState`), the
 * signature against the province's key (crypto/signing-key.ts).
 */

export const CERTIFICATE_TITLE = '河南省中小企业公共服务示范平台';
export const CERTIFICATE_ISSUER = '河南省工业和信息化厅';

/** One recognition just made, with its number and validity (issue-recognition.ts). */
export interface IssuedRecognition {
  recognition: RecognitionRow;
  number: string;
  validFrom: string;
  validTo: string;
}

/** Signs and stores each recognition's certificate, in the caller's transaction. */
export async function issueCertificates(
  tx: Context,
  issued: readonly IssuedRecognition[],
  issuedOn: string,
): Promise<void> {
  const store = tx.certificates;
  const signer = certificateSigner(tx.config);
  const sources = new Map((await store.sources(issued.map((i) => i.recognition.id))).map((s) => [s.recognitionId, s]));
  const at = tx.clock.now().toISOString();
  for (const { recognition, number, validFrom, validTo } of issued) {
    const source = sources.get(recognition.id)!;
    const parsed = parseCertificateNumber(number)!;
    const payload: CertificatePayload = {
      number,
      title: CERTIFICATE_TITLE,
      platformName: recognition.platform_name,
      unitName: recognition.unit_name,
      uscc: source.uscc,
      batchYear: source.batchYear,
      batchTitle: source.batchTitle,
      validFrom,
      validTo,
      issuer: CERTIFICATE_ISSUER,
      issuedOn,
    };
    await store.insert({
      recognition_id: recognition.id,
      number,
      number_key: certificateKey(parsed.year, parsed.sequence),
      signed: JSON.stringify(signCertificate(payload, signer)),
      issued_at: at,
    });
  }
}

/** A certificate by its printed number or its key, or 404 in words. */
async function loadCertificate(ctx: Context, number: string): Promise<CertificateWithRecognition> {
  const parsed = parseCertificateNumber(number);
  const row = parsed && (await ctx.certificates.findByKey(certificateKey(parsed.year, parsed.sequence)));
  if (!row) throw new AppError('NOT_FOUND', '查无此证书，请核对证书编号');
  return row;
}

export async function verifyCertificate(ctx: Context, number: string): Promise<CertificateVerification> {
  const row = await loadCertificate(ctx, number);
  const certificate = JSON.parse(row.signed) as SignedCertificate;
  const signer = certificateSigner(ctx.config);
  const signatureValid = verifyCertificateSignature(certificate, new Map([[signer.id, signer.publicKeyHex]]));
  const state = certificateState(
    { validFrom: certificate.payload.validFrom, validTo: certificate.payload.validTo, revokedAt: row.revoked_at },
    signatureValid,
    ctx.clock.now(),
  );
  const revoked = state === 'revoked';
  return {
    state,
    label: certificateStates[state],
    certificate,
    revokedOn: revoked ? beijingDateOf(new Date(row.revoked_at!)) : null,
    revocationReason: revoked ? row.revocation_reason : null,
    publicKeyPem: publicKeyPem(signer.publicKeyHex),
  };
}

/** The signed form as issued (docs/certificates.md). */
export async function signedCertificate(ctx: Context, number: string): Promise<SignedCertificate> {
  return JSON.parse((await loadCertificate(ctx, number)).signed) as SignedCertificate;
}

export function signingKey(ctx: Context): SigningKey {
  const signer = certificateSigner(ctx.config);
  return { id: signer.id, publicKeyHex: signer.publicKeyHex, publicKeyPem: publicKeyPem(signer.publicKeyHex) };
}

const presentRevocation = (row: CertificateWithRecognition): Revocation => ({
  number: row.number,
  key: row.number_key,
  platformName: row.platform_name,
  unitName: row.unit_name,
  cityName: row.city_name,
  revokedAt: row.revoked_at!,
  reason: row.revocation_reason!,
  notice: row.revocation_notice!,
});

export async function listRevocations(ctx: Context): Promise<{ revocations: Revocation[] }> {
  return { revocations: (await ctx.certificates.listRevoked()).map(presentRevocation) };
}

/**
 * The province revokes a recognition (recognised or 整改中) with a reason and the notice it publishes: the
 * recognition becomes revoked, its certificate verifies as revoked from this instant, and the revocation is on
 * the public list — in one transaction with the audit entry.
 */
export async function revokeRecognition(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  input: RevocationInput,
  origin: RequestOrigin,
): Promise<Revocation> {
  authorize(actor, 'recognition:manage');
  return ctx.transaction(async (tx) => {
    const recognition = await tx.publicities.findCandidate(recognitionId);
    if (!recognition) throw new AppError('NOT_FOUND', '认定记录不存在');
    const store = tx.certificates;
    if (!(await store.findByRecognition(recognition.id)))
      throw new AppError('INVALID_TRANSITION', '该平台没有认定时签发的证书，不能在此撤销');
    const status = nextRecognitionStatus(recognition.status, 'revoke');
    const at = tx.clock.now().toISOString();
    const history = JSON.parse(recognition.history) as HistoryEntry[];
    history.push({ status, at, note: `撤销认定：${input.reason}` });
    const changed = await tx.publicities.updateCandidate(recognition.id, recognition.status, {
      status,
      history: JSON.stringify(history),
      updated_at: at,
    });
    if (
      !changed ||
      !(await store.revoke(recognition.id, { at, reason: input.reason, notice: input.notice, by: actor.userId }))
    )
      throw new AppError('INVALID_TRANSITION', '该平台的认定状态刚有变化，请刷新后重试');
    await tx.audit.record(
      {
        ...auditedBy(actor, origin.ip),
        action: 'recognition.revoke',
        targetType: 'recognition',
        targetId: recognition.id,
        detail: { number: recognition.certificate_number, reason: input.reason },
      },
      tx.clock.now(),
    );
    await tx.notifications.raise(
      { kind: 'recognition.revoked', recognitionId: recognition.id, reason: input.reason },
      tx.clock.now(),
    );
    return presentRevocation((await store.findByRecognition(recognition.id))!);
  });
}

/**
 * The certificate PDF of a recognition: the province's (`recognition:manage`) or the platform's own applicant's
 * (`recognition:own`); its QR code points at <PUBLIC_BASE_URL>/verify/<key>.
 */
export async function exportCertificatePdf(
  ctx: Context,
  actor: Actor | null,
  recognitionId: string,
  action: 'recognition:manage' | 'recognition:own',
): Promise<ExportedFile> {
  authorize(actor, action);
  const recognition = await ctx.publicities.findCandidate(recognitionId);
  if (!recognition) throw new AppError('NOT_FOUND', '认定记录不存在');
  authorize(actor, action, {
    kind: 'recognition',
    unitId: recognition.unit_id,
    authorityCode: recognition.authority_code,
  });
  const row = await ctx.certificates.findByRecognition(recognitionId);
  if (!row) throw new AppError('NOT_FOUND', '该平台尚无证书');
  const { payload } = JSON.parse(row.signed) as SignedCertificate;
  const url = certificateVerificationUrl(ctx.config.publicBaseUrl, row.number_key);
  return exportedFile(`${payload.platformName}证书`, 'pdf', { pdf: () => renderCertificatePdf(payload, url) });
}
