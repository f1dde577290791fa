import { certificateEndpoints, publicCertificateEndpoints, type RevocationInput } from '#contract';
import { call, urlOf } from './client';

export const certificateKeys = {
  verify: (key: string) => ['certificates', 'verify', key] as const,
  revocations: ['certificates', 'revocations'] as const,
};

/** Anyone: a certificate's state by its number or key, its signed form, the province's public key. */
export const publicCertificateApi = {
  verify: (number: string, signal?: AbortSignal) =>
    call(publicCertificateEndpoints.verify, { params: { number }, signal }),
  signedUrl: (number: string) => urlOf(publicCertificateEndpoints.signed, { params: { number } }),
  revocations: (signal?: AbortSignal) =>
    call(publicCertificateEndpoints.revocations, { signal }).then((r) => r.revocations),
};

/** The province revokes a recognition; the certificate PDF for the province and for the platform's own unit. */
export const certificateApi = {
  revoke: (recognitionId: string, input: RevocationInput) =>
    call(certificateEndpoints.revoke, { params: { recognitionId }, body: input }),
  pdfUrl: (recognitionId: string) => urlOf(certificateEndpoints.pdf, { params: { recognitionId } }),
  ownPdfUrl: (recognitionId: string) => urlOf(certificateEndpoints.ownPdf, { params: { recognitionId } }),
};
