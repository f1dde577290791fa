import type { FieldError } from '#contract';
/**
 * One error type with stable codes. The HTTP status and the default Chinese message of each code are
 * mapped here and nowhere else.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, message: '输入有误，请检查标出的字段' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '连续登录失败次数过多，账号已锁定30分钟' },
  CSRF_REJECTED: { status: 403, message: '请求校验失败，请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '无权访问该资源' },
  NOT_FOUND: { status: 404, message: '资源不存在' },
  BATCH_NOT_FOUND: { status: 404, message: '申报批次不存在' },
  BATCH_INVALID: { status: 422, message: '批次配置有误，请检查标出的字段' },
  BATCH_CHANGED: { status: 409, message: '该批次刚被他人修改，请刷新后重试' },
  BATCH_PUBLISHED: { status: 409, message: '批次已发布，只能延长截止时间或更正文字' },
  BATCH_IN_PREPARATION: { status: 409, message: '批次尚在筹备中，请直接编辑配置' },
  UNIT_ALREADY_REGISTERED: { status: 409, message: '该统一社会信用代码的单位已注册' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  USCC_INVALID: { status: 400, message: '统一社会信用代码格式或校验位不正确' },
  NOT_EDITABLE: { status: 409, message: '申报已提交，市级主管部门退回前不能修改' },
  NOT_ELIGIBLE: { status: 422, message: '尚不符合申报条件或材料不完整，不能提交' },
  BATCH_CLOSED: { status: 409, message: '本批次已截止申报' },
  APPLICATION_EXISTS: { status: 409, message: '本单位在当前批次已有申报' },
  START_CHOICE_REQUIRED: { status: 409, message: '请先选择新建空白申报或以往年申报为基础' },
  FILE_ALREADY_CONFIRMED: { status: 409, message: '该文件已沿用为本年度材料' },
  INVALID_TRANSITION: { status: 409, message: '当前状态下不能执行该操作' },
  DIGEST_PENDING: { status: 409, message: '材料摘要仍在计算中，请稍后再提交' },
  STORED_FILE_MISSING: { status: 409, message: '有材料文件在服务器上缺失或已改变，请联系系统管理员' },
  QUOTA_EXHAUSTED: { status: 409, message: '本市推荐名额已用完' },
  AREA_TAKEN: { status: 409, message: '该特定区域已推荐了一家平台' },
  NOT_READY: { status: 409, message: '现场核查、当面谈话、测评或推荐意见尚未完成，不能推荐' },
  DEADLINE_PASSED: { status: 409, message: '已超过报送截止时间，逾期不予受理' },
  PACKAGE_LOCKED: { status: 409, message: '推荐材料已报送省厅，不能修改' },
  SURVEY_ALREADY_DRAWN: { status: 409, message: '已完成随机抽样，抽样结果不能重抽' },
  FILE_TOO_LARGE: { status: 413, message: '文件超过大小限制' },
  UNSUPPORTED_FILE_TYPE: { status: 415, message: '文件类型不符合要求' },
  BAD_REQUEST: { status: 400, message: '请求格式无效' },
  BAD_URL: { status: 400, message: '请求地址含有无效的字符编码' },
  URL_PARAM_TOO_LONG: { status: 414, message: '请求地址中的参数过长' },
  REQUEST_TOO_LARGE: { status: 413, message: '请求内容超过大小限制' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求内容类型不受支持' },
  REQUEST_TIMEOUT: { status: 408, message: '请求超时，请重试' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求头过大' },
  ROSTER_INVALID: { status: 422, message: '名单有错误，未导入' },
  WORKBOOK_REJECTED: { status: 422, message: 'Excel 文件解压后过大或压缩结构异常，未导入' },
  PREVIEW_FAILED: { status: 422, message: '无法预览：文件内容损坏或过大，请下载后用相应软件打开' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '当前密码为一次性密码，请先修改密码再使用系统' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系系统管理员' },
  ACCOUNT_CHANGED: { status: 409, message: '该账号刚被他人修改，请刷新后重试' },
  CAPTCHA_REQUIRED: { status: 400, message: '请输入图形验证码' },
  CAPTCHA_INVALID: { status: 400, message: '图形验证码错误或已失效，请重新输入' },
  LOGIN_CHALLENGE_EXPIRED: { status: 401, message: '登录步骤已超时，请重新输入用户名和密码' },
  TOTP_INVALID: { status: 401, message: '动态口令错误' },
  TOTP_REPLAYED: { status: 401, message: '该动态口令已使用过，请等待下一组动态口令' },
  RECOVERY_CODE_INVALID: { status: 401, message: '恢复码错误或已使用' },
  UNLOCK_FAILED: { status: 401, message: '用户名、密码或动态口令错误' },
  TOTP_ENROLMENT_REQUIRED: { status: 403, message: '请先绑定动态口令（双因素认证）再使用系统' },
  TOTP_ALREADY_ENROLLED: { status: 409, message: '已启用动态口令；如需更换手机或验证器，请联系安全管理员重置' },
  TOTP_NOT_ENROLLED: { status: 409, message: '尚未启用动态口令' },
  TOTP_ENROLMENT_NOT_STARTED: { status: 409, message: '请先开始绑定动态口令' },
  DRAW_FAILED: { status: 422, message: '抽取专家未成功，请调整后重试' },
} as const;

export type ErrorCode = keyof typeof errorCatalog;

/** A field at fault and what is wrong with it: the contract's shape of `errors[]` in every error answer. */
export type { FieldError };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: { errors?: FieldError[]; failures?: unknown[]; [k: string]: unknown } = {},
  ) {
    super(message ?? errorCatalog[code].message);
    this.status = errorCatalog[code].status;
  }
}

export const fieldError = (field: string, message: string): AppError =>
  new AppError('VALIDATION_FAILED', message, { errors: [{ field, message }] });
