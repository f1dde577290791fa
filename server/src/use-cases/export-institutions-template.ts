import { buildTemplate, institutionSpec } from '../spreadsheets/list-workbooks.js';
import { mediaTypes } from '../storage/content-type.js';

/** The institutions list's Excel template. */
export async function exportInstitutionsTemplate() {
  const body = await buildTemplate(institutionSpec, [
    '集聚服务机构名单填写说明',
    '1. 每行一家服务机构，请勿修改表头。',
    '2. 统一社会信用代码为18位，系统将校验其校验位。',
    '3. 导入后请在系统中为每家机构上传合作协议。',
  ]);
  return { fileName: '集聚服务机构名单模板.xlsx', contentType: mediaTypes.xlsx, body };
}
