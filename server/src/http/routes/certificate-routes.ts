import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { certificateEndpoints, publicCertificateEndpoints } from '#contract';
import {
  exportCertificatePdf,
  listRevocations,
  revokeRecognition,
  signedCertificate,
  signingKey,
  verifyCertificate,
} from '../../use-cases/certificates.js';
import type { Context } from '../../use-cases/context.js';
import { sendFile } from '../downloads.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';

/** Certificates (issue 16): public verification, the signed form, the province's key, revocations. */
export const certificateRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const open = {
      policy: 'public' as const,
      tags: ['证书查验（公开）'],
      rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
    };

    serve(
      app,
      publicCertificateEndpoints.verify,
      { ...open, summary: '查验证书（有效、已过期、已撤销、尚未生效）' },
      async (req) => verifyCertificate(ctx, req.params.number),
    );
    serve(
      app,
      publicCertificateEndpoints.signed,
      { ...open, summary: '证书的签名数据（certificate.json，可离线验签）' },
      async (req, reply) =>
        reply
          .header('content-disposition', 'attachment; filename="certificate.json"')
          .send(await signedCertificate(ctx, req.params.number)),
    );
    serve(
      app,
      publicCertificateEndpoints.signingKey,
      { ...open, summary: '省厅证书签名公钥（PEM 与十六进制）' },
      async () => signingKey(ctx),
    );
    serve(app, publicCertificateEndpoints.revocations, { ...open, summary: '撤销认定公告' }, async () =>
      listRevocations(ctx),
    );

    serve(
      app,
      certificateEndpoints.revoke,
      { policy: 'recognition:manage', tags: ['公示与认定'], summary: '撤销认定（证书随即查验为已撤销）' },
      async (req) => revokeRecognition(ctx, req.actor, req.params.recognitionId, req.body, originOf(req)),
    );
    serve(
      app,
      certificateEndpoints.pdf,
      { policy: 'recognition:manage', tags: ['公示与认定'], summary: '证书（PDF，含查验二维码）' },
      async (req, reply) =>
        sendFile(reply, await exportCertificatePdf(ctx, req.actor, req.params.recognitionId, 'recognition:manage')),
    );
    serve(
      app,
      certificateEndpoints.ownPdf,
      { policy: 'recognition:own', tags: ['年度报告'], summary: '本平台的证书（PDF）' },
      async (req, reply) =>
        sendFile(reply, await exportCertificatePdf(ctx, req.actor, req.params.recognitionId, 'recognition:own')),
    );
  };
