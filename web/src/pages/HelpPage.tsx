import { Card, Descriptions, List, Spin, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ruleCodes, ruleRequirement, surveyRequirement, type BatchSummary, type Role } from '#contract';
import { failureOf } from '../features/common/failureOf';
import { formatDate, formatDeadline } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { useReferenceData } from '../features/reference/useReferenceData';
import { useSession } from '../app/session';

/** The batch users read about: the open one, else the latest (official before demo). */
function batchToShow(batches: readonly BatchSummary[]): BatchSummary | undefined {
  return batches.find((b) => b.open) ?? batches[0];
}

/** What each role does, in order, with where in the system it is done. */
const guides: { key: string; label: string; roles: readonly Role[]; steps: { title: string; text: string }[] }[] = [
  {
    key: 'applicant',
    label: '申报单位',
    roles: ['applicant'],
    steps: [
      { title: '自检', text: '在“申报条件自检”中填写几项关键数据，先判断是否符合申报条件，无需注册。' },
      { title: '注册', text: '以运营单位名称和统一社会信用代码注册账号，所在地区决定由哪个市级主管部门审核推荐。' },
      {
        title: '填写申报',
        text: '依次填写基本信息、集聚服务机构（含合作协议）、上年度服务企业名单并上传证明材料；每项修改自动保存。',
      },
      { title: '提交', text: '右侧“申报条件检查”全部通过后，勾选承诺并提交；提交后可下载申报回执与申报书。' },
      { title: '打印盖章', text: '下载正式申报书，打印、盖章、签字后随纸质材料交所在市级主管部门。' },
      { title: '查看结果', text: '市级主管部门退回、推荐或不予推荐，以及报送省厅后的结果，都会在首页和通知中告知。' },
    ],
  },
  {
    key: 'city',
    label: '市级主管部门',
    roles: ['city'],
    steps: [
      { title: '逐项审核', text: '在“申报审核”中打开申报，对照通知逐项核对材料，可退回修改或不予推荐。' },
      { title: '现场核查', text: '记录现场核查情况，上传双方盖章的《现场核查真实性说明》扫描件。' },
      { title: '当面谈话', text: '与被推荐单位主要负责人就材料真实性当面谈话，记录谈话结果（写入推荐文件）。' },
      { title: '测评', text: '系统按记录的随机种子抽取服务企业，完成测评并填写推荐意见。' },
      { title: '推荐', text: '在名额内选择推荐渠道推荐；特定区域与实验室不占市推荐名额。' },
      {
        title: '报送',
        text: '在“推荐材料报送”中完成公文设置，报送省厅；下载推荐文件、汇总表、推荐表与刻盘材料，打印盖章后一式两份报送。',
      },
    ],
  },
  {
    key: 'province',
    label: '省厅',
    roles: ['province'],
    steps: [
      { title: '接收', text: '在“接收看板”查看各市报送情况、截止时间与名额使用。' },
      { title: '退回或特批', text: '材料有误可退回该市；确有特殊情况可为该市特批延期，均留痕。' },
      { title: '汇总', text: '下载全省汇总表与全省刻盘材料，核对纸质材料上的光盘材料指纹。' },
    ],
  },
];

/** A card's title as a heading of the page's outline (one h1, then h2s), at the card title's size. */
function CardHeading({ children }: { children: string }) {
  return <h2 style={{ fontSize: 'inherit', fontWeight: 'inherit', margin: 0 }}>{children}</h2>;
}

/** 申报指南: the notice as issued, whom to ask, and a short guide for each role. Public. */
export function HelpPage() {
  const reference = useReferenceData();
  const { session } = useSession();
  const loadFailure = failureOf(reference);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const batch = reference.data ? batchToShow(reference.data.batches) : undefined;
  if (!reference.data) return <Spin size="large" className="page-spin" description="正在加载申报指南…" />;
  const notice = batch?.config.notice;
  const role = session.user?.role;
  const firstGuide = guides.find((g) => role && g.roles.includes(role))?.key ?? 'applicant';
  return (
    <div className="help-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          申报指南
        </Typography.Title>
        {batch && (
          <Typography.Text type="secondary">
            {batch.label}：申报单位向所在市级主管部门提交，市级主管部门须在 {formatDeadline(batch.config.cityDeadline)}
            （北京时间）前报送省厅。
          </Typography.Text>
        )}
        <Typography.Paragraph className="page-subtitle">
          拟认定平台的名单在
          <Link to="/publicity" style={{ textDecoration: 'underline' }}>
            示范平台认定公示
          </Link>
          中公示，公示期内可实名提出异议。
        </Typography.Paragraph>
      </div>
      <Card size="small" className="form-card" title={<CardHeading>操作指引</CardHeading>}>
        <Tabs
          defaultActiveKey={firstGuide}
          items={guides.map((g) => ({
            key: g.key,
            label: g.label,
            children: (
              <ol className="guide-steps">
                {g.steps.map((step) => (
                  <li key={step.title}>
                    <Typography.Text strong>{step.title}</Typography.Text>：{step.text}
                  </li>
                ))}
              </ol>
            ),
          }))}
        />
      </Card>
      {batch && (
        <Card size="small" className="form-card" title={<CardHeading>申报条件</CardHeading>}>
          <List
            size="small"
            dataSource={[
              ...ruleCodes.map((code) => ruleRequirement(code, batch.config)),
              `市级主管部门对服务企业组织测评：${surveyRequirement(batch.config.rules.minSurveyed)}（附件3）`,
            ]}
            renderItem={(text) => <List.Item>{text}</List.Item>}
          />
        </Card>
      )}
      {notice && (
        <Card
          size="small"
          className="form-card notice-text"
          title={<CardHeading>通知原文</CardHeading>}
          data-testid="notice-text"
        >
          <Typography.Paragraph strong>{notice.issuer}</Typography.Paragraph>
          <Typography.Title level={3} className="notice-title">
            {notice.title}
          </Typography.Title>
          {notice.paragraphs.map((p) => (
            <Typography.Paragraph key={p}>{p}</Typography.Paragraph>
          ))}
          <Typography.Paragraph className="notice-date">{formatDate(batch?.config.noticeDate)}</Typography.Paragraph>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              {
                key: 'contacts',
                label: '联系人',
                children: (
                  <span data-testid="notice-contacts">
                    {notice.contacts.map((c, i) => (
                      <span key={c.phone}>
                        {i > 0 && '；'}
                        {c.name} <a href={`tel:${c.phone}`}>{c.phone}</a>
                      </span>
                    ))}
                  </span>
                ),
              },
              { key: 'address', label: '联系地址', children: notice.address },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
