import { z } from 'zod';
import { certificateVerificationSchema, signedCertificateSchema } from '../recognition.js';
import { requiredText } from '../validation.js';
import { endpoint, fileDownload } from './endpoint.js';

/**
 * Certificates of recognised platforms (issue 16): the public verification (by the printed number, 豫中小服示〔2026〕
 * 001号, or its URL-safe key 2026-001 that the QR code's /verify/<key> carries), the signed form, the province's
 * public key, the public list of revocations, and the province's revocation.
 */

const numberParams = z.object({ number: z.string().min(1).max(60) });
const recognitionParams = z.object({ recognitionId: z.uuid({ error: '认定编号格式不正确' }) });

export const signingKeySchema = z.object({
  /** The `signerId` certificates name. */
  id: z.string(),
  /** 04 ‖ x ‖ y */
  publicKeyHex: z.string(),
  /** SubjectPublicKeyInfo on the SM2 curve, for `openssl … -verify pub.pem` (docs/certificates.md). */
  publicKeyPem: z.string(),
});
export type SigningKey = z.infer<typeof signingKeySchema>;

/** A revoked recognition as the public list shows it, with the published notice. */
export const revocationSchema = z.object({
  number: z.string(),
  key: z.string(),
  platformName: z.string(),
  unitName: z.string(),
  cityName: z.string(),
  revokedAt: z.string(),
  reason: z.string(),
  notice: z.string(),
});
export type Revocation = z.infer<typeof revocationSchema>;

export const revocationInputSchema = z.object({
  reason: requiredText(500),
  /** The notice published with the revocation. */
  notice: requiredText(5000),
});
export type RevocationInput = z.infer<typeof revocationInputSchema>;

export const publicCertificateEndpoints = {
  verify: endpoint({
    method: 'GET',
    path: '/api/v1/public/certificates/:number',
    params: numberParams,
    response: certificateVerificationSchema,
  }),
  signed: endpoint({
    method: 'GET',
    path: '/api/v1/public/certificates/:number/certificate.json',
    params: numberParams,
    response: signedCertificateSchema,
  }),
  signingKey: endpoint({ method: 'GET', path: '/api/v1/public/signing-key', response: signingKeySchema }),
  revocations: endpoint({
    method: 'GET',
    path: '/api/v1/public/revocations',
    response: z.object({ revocations: z.array(revocationSchema) }),
  }),
};

export const certificateEndpoints = {
  revoke: endpoint({
    method: 'POST',
    path: '/api/v1/recognitions/:recognitionId/revocation',
    params: recognitionParams,
    body: revocationInputSchema,
    response: revocationSchema,
  }),
  /** The certificate PDF (A4 landscape, QR code of the verification address). */
  pdf: endpoint({
    method: 'GET',
    path: '/api/v1/recognitions/:recognitionId/certificate.pdf',
    params: recognitionParams,
    response: fileDownload,
  }),
  /** The same, for the platform's own applicant account. */
  ownPdf: endpoint({
    method: 'GET',
    path: '/api/v1/my/recognitions/:recognitionId/certificate.pdf',
    params: recognitionParams,
    response: fileDownload,
  }),
};
