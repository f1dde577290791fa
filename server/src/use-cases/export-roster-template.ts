import { AppError } from '../domain/errors.js';
import { buildTemplate, rosterSpec } from '../spreadsheets/list-workbooks.js';
import { mediaTypes } from '../storage/content-type.js';
import type { Context } from './context.js';

/** The served-enterprise roster's Excel template, its service dates those of the newest batch's year. */
export async function exportRosterTemplate(ctx: Context) {
  const batch = (await ctx.references.listBatches())[0];
  if (!batch) throw new AppError('BATCH_NOT_FOUND');
  const spec = rosterSpec(batch.config.assetsAsOf);
  const servedOn = spec.columns.find((c) => c.key === 'servedOn')!;
  const body = await buildTemplate(spec, [
    '上年度服务企业名单填写说明',
    '1. 每行一家企业，请勿修改表头；第一行示例可覆盖。',
    '2. 统一社会信用代码为18位，系统将校验其校验位；同一企业只填一次。',
    `3. 服务日期须在${spec.dateRange?.description ?? '上年度'}，格式如 ${servedOn.example}。`,
    '4. 名单行数即申报的“年服务企业数”，也是市级主管部门随机抽样测评的范围，请如实填写联系人与电话。',
  ]);
  return { fileName: '服务企业名单模板.xlsx', contentType: mediaTypes.xlsx, body };
}
