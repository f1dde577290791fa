import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { archiveEndpoints, cityPackageEndpoints, documentEndpoints as documents, provinceEndpoints } from '#contract';
import { acceptCityPackage } from '../../use-cases/accept-city-package.js';
import type { Context } from '../../use-cases/context.js';
import { describeCityPackageArchive } from '../../use-cases/describe-city-package-archive.js';
import { describeProvinceArchive } from '../../use-cases/describe-province-archive.js';
import { exportCitySummary } from '../../use-cases/export-city-summary.js';
import { exportOwnCitySummary } from '../../use-cases/export-own-city-summary.js';
import { exportPackageArchive } from '../../use-cases/export-package-archive.js';
import { exportProvinceArchive } from '../../use-cases/export-province-archive.js';
import { exportProvinceSummary } from '../../use-cases/export-province-summary.js';
import { exportRecommendationLetter } from '../../use-cases/export-recommendation-letter.js';
import { getLetterSettings } from '../../use-cases/get-letter-settings.js';
import { getOwnPackage } from '../../use-cases/get-own-package.js';
import { getPackage } from '../../use-cases/get-package.js';
import { grantDeadlineException } from '../../use-cases/grant-deadline-exception.js';
import { returnCityPackage } from '../../use-cases/return-city-package.js';
import { saveLetterSettings } from '../../use-cases/save-letter-settings.js';
import { submitCityPackage } from '../../use-cases/submit-city-package.js';
import { viewProvinceBoard } from '../../use-cases/view-province-board.js';
import { sendFile } from '../downloads.js';
import { originOf } from '../security.js';
import { serve } from '../serve.js';

/** The city's package to the province and the province's receipt board (notice 第（五）条). */
export const packageRoutes =
  (ctx: Context): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['报送省厅'];
    const own = { policy: 'package:own' as const, tags };
    const read = { policy: 'package:read' as const, tags };
    const board = { policy: 'board:read' as const, tags };
    const manage = { policy: 'package:manage' as const, tags };

    serve(app, cityPackageEndpoints.get, { ...own, summary: '本市推荐材料' }, async (req) =>
      getOwnPackage(ctx, req.actor, req.query.batch),
    );

    serve(app, cityPackageEndpoints.submit, { ...own, summary: '报送省厅（截止时间以服务器时间为准）' }, async (req) =>
      submitCityPackage(ctx, req.actor, originOf(req), req.query.batch),
    );

    serve(
      app,
      cityPackageEndpoints.letterSettings,
      { ...own, summary: '推荐文件的公文设置（发文机关、发文字号、成文日期）' },
      async (req) => getLetterSettings(ctx, req.actor, req.query.batch),
    );

    serve(app, cityPackageEndpoints.saveLetterSettings, { ...own, summary: '保存推荐文件的公文设置' }, async (req) =>
      saveLetterSettings(ctx, req.actor, req.body, originOf(req), req.query.batch),
    );

    serve(
      app,
      documents.citySummary,
      { ...own, summary: '附件2 汇总表（本市，Excel 或 PDF）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(
          reply,
          await exportOwnCitySummary(ctx, req.actor, req.params.format, originOf(req), req.query.batch),
          req.query,
        ),
    );

    serve(
      app,
      documents.packageSummary,
      { ...read, summary: '附件2 汇总表（某市，Excel 或 PDF）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(
          reply,
          await exportCitySummary(
            ctx,
            req.actor,
            req.params.authorityCode,
            req.params.format,
            originOf(req),
            req.query.batch,
          ),
          req.query,
        ),
    );

    serve(
      app,
      documents.packageLetter,
      { ...read, summary: '推荐文件（某市，Word 或 PDF）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(
          reply,
          await exportRecommendationLetter(
            ctx,
            req.actor,
            req.params.authorityCode,
            req.params.format,
            originOf(req),
            req.query.batch,
          ),
          req.query,
        ),
    );

    serve(
      app,
      archiveEndpoints.city,
      { ...read, summary: '刻盘电子材料的内容与大小（下载前检查：材料齐全、摘要已算好、文件都在）' },
      async (req) => describeCityPackageArchive(ctx, req.actor, req.params.authorityCode, req.query.batch),
    );

    serve(
      app,
      archiveEndpoints.province,
      { ...board, summary: '全省刻盘电子材料的内容与大小（下载前检查）' },
      async (req) => describeProvinceArchive(ctx, req.actor, req.query.batch),
    );

    serve(
      app,
      documents.packageArchive,
      {
        ...read,
        summary: '刻盘电子材料（zip：推荐文件、汇总表、各平台推荐表、真实性说明与申报材料，含清单与离线校验页）',
        exposeHeadRoute: false,
      },
      async (req, reply) =>
        sendFile(
          reply,
          await exportPackageArchive(ctx, req.actor, req.params.authorityCode, originOf(req), req.query.batch),
        ),
    );

    serve(
      app,
      documents.provinceArchive,
      { ...board, summary: '全省刻盘电子材料（zip，各市一个文件夹）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(reply, await exportProvinceArchive(ctx, req.actor, originOf(req), req.query.batch)),
    );

    serve(
      app,
      documents.provinceSummary,
      { ...board, summary: '附件2 汇总表（全省，Excel 或 PDF）', exposeHeadRoute: false },
      async (req, reply) =>
        sendFile(
          reply,
          await exportProvinceSummary(ctx, req.actor, req.params.format, originOf(req), req.query.batch),
          req.query,
        ),
    );

    serve(app, provinceEndpoints.board, { ...board, summary: '各市报送情况' }, async (req) =>
      viewProvinceBoard(ctx, req.actor, req.query.batch),
    );

    serve(app, provinceEndpoints.cityPackage, { ...read, summary: '某市推荐材料' }, async (req) =>
      getPackage(ctx, req.actor, req.params.authorityCode, req.query.batch),
    );

    serve(app, provinceEndpoints.returnPackage, { ...manage, summary: '退回某市推荐材料' }, async (req) =>
      returnCityPackage(ctx, req.actor, req.params.authorityCode, req.body.remarks, originOf(req), req.query.batch),
    );

    serve(
      app,
      provinceEndpoints.acceptPackage,
      { policy: 'package:accept', tags, summary: '受理某市推荐材料（所看到的报送版本；受理后不再退回，该市不再报送）' },
      async (req) =>
        acceptCityPackage(ctx, req.actor, req.params.authorityCode, req.body.version, originOf(req), req.query.batch),
    );

    serve(app, provinceEndpoints.grantException, { ...manage, summary: '准予某市延期报送（记入审计）' }, async (req) =>
      grantDeadlineException(ctx, req.actor, req.params.authorityCode, req.body, originOf(req), req.query.batch),
    );
  };
