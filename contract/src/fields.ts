/** Chinese labels of every input field, used to name the field in validation errors and in the UI. */
export const FIELD_LABELS: Record<string, string> = {
  batchYear: '申报年度',
  batchId: '申报批次',
  platformName: '平台名称',
  operatorName: '运营单位名称',
  uscc: '统一社会信用代码',
  categories: '平台类别',
  registeredOn: '注册登记时间',
  totalAssetsWan: '上年末资产总额',
  serviceStaff: '服务人员数量',
  institutions: '集聚服务机构数量',
  preferentialSharePercent: '优惠服务占比',
  enterprisesServedLastYear: '年服务企业数',
  unitName: '运营单位名称',
  regionCode: '所在地区',
  contactName: '联系人',
  contactPhone: '联系电话',
  username: '用户名',
  password: '密码',
  address: '注册地址',
  legalRepresentative: '法定代表人',
  principalName: '主要负责人姓名',
  principalTitle: '主要负责人职务',
  description: '服务内容与资源简介',
  channel: '申报渠道',
  designatedAreaId: '特定区域',
  evidenceType: '材料类型',
  file: '文件',
  name: '名称',
  agreementFileId: '合作协议',
  displayName: '姓名或名称',
  role: '角色',
  authorityCode: '主管部门',
  oldPassword: '当前密码',
  newPassword: '新密码',
  verifiedBy: '身份核实方式',
  requireTotp: '是否要求动态口令',
  userId: '账号编号',
  unitId: '申报单位编号',
  sessionId: '登录设备编号',
  officialName: '发文机关署名',
  letterhead: '发文机关标志',
  docNumberPrefix: '发文机关代字',
  nextNumber: '下一发文序号',
  documentDate: '成文日期',
};

export function fieldLabel(path: readonly PropertyKey[]): string {
  const named = [...path].reverse().find((p) => typeof p === 'string' && FIELD_LABELS[p]);
  const base = (typeof named === 'string' ? FIELD_LABELS[named] : undefined) ?? (path.join('.') || '请求');
  const index = path.find((p) => typeof p === 'number');
  return typeof index === 'number' ? `${base}（第${index + 1}项）` : base;
}
