import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exceptionInputSchema, packageReturnInputSchema } from '#contract';
import {
  getOwnPackage,
  getPackage,
  grantDeadlineException,
  provinceBoard,
  returnCityPackage,
  submitCityPackage,
} from '../../use-cases/city-package.js';
import type { Context } from '../../use-cases/context.js';
import { exportPackageArchive, exportProvinceArchive } from '../../use-cases/export-package-archive.js';
import { exportRecommendationLetter } from '../../use-cases/export-recommendation-letter.js';
import { describeCityPackageArchive, describeProvinceArchive } from '../../use-cases/package-archive-plan.js';
import {
  exportCitySummary,
  exportOwnCitySummary,
  exportProvinceSummary,
} from '../../use-cases/export-summary-table.js';
import { originOf } from '../security.js';
import { inlineQuery, sendFile } from '../downloads.js';

const authorityParams = z.object({ authorityCode: z.string().regex(/^\d{6}$/, { error: '推荐单位代码须为6位数字' }) });

/** The city's package to the province and the province's receipt board (notice 第（五）条). */
export const packageRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['报送省厅'];

    app.get(
      '/api/v1/city/package',
      { config: { policy: 'package:own' }, schema: { tags, summary: '本市推荐材料' } },
      async (req) => getOwnPackage(ctx, req.actor),
    );

    app.post(
      '/api/v1/city/package/submit',
      { config: { policy: 'package:own' }, schema: { tags, summary: '报送省厅（截止时间以服务器时间为准）' } },
      async (req) => submitCityPackage(ctx, req.actor, originOf(req)),
    );

    const format = z.object({ format: z.enum(['xlsx', 'pdf'], { error: '格式须为 xlsx 或 pdf' }) });

    app.get(
      '/api/v1/city/package/summary.:format',
      {
        config: { policy: 'package:own' },
        exposeHeadRoute: false,
        schema: { tags, summary: '附件2 汇总表（本市，Excel 或 PDF）', params: format, querystring: inlineQuery },
      },
      async (req, reply) =>
        sendFile(reply, await exportOwnCitySummary(ctx, req.actor, req.params.format, originOf(req)), req.query),
    );

    app.get(
      '/api/v1/packages/:authorityCode/summary.:format',
      {
        config: { policy: 'package:read' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: '附件2 汇总表（某市，Excel 或 PDF）',
          params: authorityParams.extend(format.shape),
          querystring: inlineQuery,
        },
      },
      async (req, reply) =>
        sendFile(
          reply,
          await exportCitySummary(ctx, req.actor, req.params.authorityCode, req.params.format, originOf(req)),
          req.query,
        ),
    );

    app.get(
      '/api/v1/packages/:authorityCode/letter.:format',
      {
        config: { policy: 'package:read' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: '推荐文件（某市，Word 或 PDF）',
          params: authorityParams.extend({ format: z.enum(['docx', 'pdf'], { error: '格式须为 docx 或 pdf' }) }),
          querystring: inlineQuery,
        },
      },
      async (req, reply) =>
        sendFile(
          reply,
          await exportRecommendationLetter(ctx, req.actor, req.params.authorityCode, req.params.format, originOf(req)),
          req.query,
        ),
    );

    app.get(
      '/api/v1/packages/:authorityCode/archive',
      {
        config: { policy: 'package:read' },
        schema: {
          tags,
          summary: '刻盘电子材料的内容与大小（下载前检查：材料齐全、摘要已算好、文件都在）',
          params: authorityParams,
        },
      },
      async (req) => describeCityPackageArchive(ctx, req.actor, req.params.authorityCode),
    );

    app.get(
      '/api/v1/province/archive',
      { config: { policy: 'board:read' }, schema: { tags, summary: '全省刻盘电子材料的内容与大小（下载前检查）' } },
      async (req) => describeProvinceArchive(ctx, req.actor),
    );

    app.get(
      '/api/v1/packages/:authorityCode/archive.zip',
      {
        config: { policy: 'package:read' },
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: '刻盘电子材料（zip：推荐文件、汇总表、各平台推荐表、真实性说明与申报材料，含清单与离线校验页）',
          params: authorityParams,
        },
      },
      async (req, reply) =>
        sendFile(reply, await exportPackageArchive(ctx, req.actor, req.params.authorityCode, originOf(req))),
    );

    app.get(
      '/api/v1/province/archive.zip',
      {
        config: { policy: 'board:read' },
        exposeHeadRoute: false,
        schema: { tags, summary: '全省刻盘电子材料（zip，各市一个文件夹）' },
      },
      async (req, reply) => sendFile(reply, await exportProvinceArchive(ctx, req.actor, originOf(req))),
    );

    app.get(
      '/api/v1/province/summary.:format',
      {
        config: { policy: 'board:read' },
        exposeHeadRoute: false,
        schema: { tags, summary: '附件2 汇总表（全省，Excel 或 PDF）', params: format, querystring: inlineQuery },
      },
      async (req, reply) =>
        sendFile(reply, await exportProvinceSummary(ctx, req.actor, req.params.format, originOf(req)), req.query),
    );

    app.get(
      '/api/v1/province/board',
      { config: { policy: 'board:read' }, schema: { tags, summary: '各市报送情况' } },
      async (req) => provinceBoard(ctx, req.actor),
    );

    app.get(
      '/api/v1/packages/:authorityCode',
      { config: { policy: 'package:read' }, schema: { tags, summary: '某市推荐材料', params: authorityParams } },
      async (req) => getPackage(ctx, req.actor, req.params.authorityCode),
    );

    app.post(
      '/api/v1/packages/:authorityCode/return',
      {
        config: { policy: 'package:manage' },
        schema: { tags, summary: '退回某市推荐材料', params: authorityParams, body: packageReturnInputSchema },
      },
      async (req) => returnCityPackage(ctx, req.actor, req.params.authorityCode, req.body.remarks, originOf(req)),
    );

    app.post(
      '/api/v1/packages/:authorityCode/exception',
      {
        config: { policy: 'package:manage' },
        schema: { tags, summary: '准予某市延期报送（记入审计）', params: authorityParams, body: exceptionInputSchema },
      },
      async (req) => grantDeadlineException(ctx, req.actor, req.params.authorityCode, req.body, originOf(req)),
    );
  };
