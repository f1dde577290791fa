import '../features/publicity/publicity.css';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, List, Spin, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { PublicPublicity } from '#contract';
import { publicityKeys, publicPublicityApi } from '../api/publicity-api';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { PhaseTag, windowText } from '../features/publicity/PublicityWindow';

/** How to object, as the notice states it: who receives objections and what they must contain. */
function HowToObject({ publicity }: { publicity: PublicPublicity }) {
  const rules = publicity.objections;
  const office = rules.office;
  const navigate = useNavigate();
  const needs = [
    rules.realNameRequired && '实名提出（单位提出的须写明单位名称和联系人）',
    rules.contactRequired && '留下联系电话或电子邮箱，以便告知处理结果',
    rules.evidenceRequired && '附佐证材料',
  ].filter(Boolean);
  return (
    <div className="publicity-how">
      <Typography.Title level={3} className="publicity-subtitle">
        如何提出异议
      </Typography.Title>
      <Typography.Paragraph>
        对名单有异议的，请在公示期内提出{needs.length > 0 ? `，须${needs.join('、')}` : ''}。
        {rules.writtenOnly ? '本次公示只受理书面异议（签字或盖章的书面材料），请寄送或送达受理部门。' : ''}
        不要填写身份证号码。
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        className="publicity-office"
        items={[
          { key: 'department', label: '受理部门', children: office.department },
          { key: 'address', label: '地址', children: office.address },
          { key: 'phone', label: '电话', children: office.phone },
          ...(office.email ? [{ key: 'email', label: '电子邮箱', children: office.email }] : []),
        ]}
      />
      {publicity.phase === 'open' && !rules.writtenOnly && (
        <Button
          type="primary"
          size="large"
          className="publicity-object-button"
          onClick={() => void navigate(`/publicity/${publicity.id}/objection`)}
        >
          在线提出异议
        </Button>
      )}
    </div>
  );
}

function PublicityCard({ publicity }: { publicity: PublicPublicity }) {
  return (
    <Card className="publicity-card" data-testid="publicity" data-publicity-id={publicity.id}>
      <div className="publicity-card-head">
        <Typography.Title level={2} className="publicity-title">
          {publicity.title}
        </Typography.Title>
        <PhaseTag phase={publicity.phase} label={publicity.phaseLabel} />
      </div>
      <Typography.Paragraph className="publicity-window" strong>
        公示期：{windowText(publicity.days, publicity.unit, publicity.window)}
      </Typography.Paragraph>
      <Typography.Paragraph className="publicity-notice">{publicity.notice}</Typography.Paragraph>
      <Typography.Title level={3} className="publicity-subtitle">
        公示名单（{publicity.candidates.length}个平台）
      </Typography.Title>
      <List
        className="publicity-candidates"
        dataSource={publicity.candidates}
        renderItem={(c, i) => (
          <List.Item className="publicity-candidate">
            <div className="publicity-candidate-body">
              <Typography.Text strong>
                {i + 1}. {c.platformName}
              </Typography.Text>
              <div className="publicity-candidate-meta">
                <span>运营单位：{c.unitName}</span>
                <span>所在地：{c.cityName}</span>
              </div>
            </div>
            {c.status !== 'publicized' && <Tag>{c.statusLabel}</Tag>}
          </List.Item>
        )}
      />
      <HowToObject publicity={publicity} />
    </Card>
  );
}

/** 公示 (no account): the province's lists now and before, each with its notice, window and how to object. */
export function PublicityPage() {
  const list = useQuery({
    queryKey: publicityKeys.publicList,
    queryFn: ({ signal }) => publicPublicityApi.list(signal),
  });
  const loadFailure = failureOf(list);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!list.data) return <Spin size="large" className="page-spin" description="正在加载公示…" />;
  return (
    <div className="publicity-page">
      <Typography.Title level={1} className="publicity-page-title">
        示范平台认定公示
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        省工业和信息化厅对拟认定的河南省中小企业公共服务示范平台予以公示，接受社会监督。时间均为北京时间。
      </Typography.Paragraph>
      {list.data.length === 0 ? (
        <Empty description="目前没有公示" />
      ) : (
        list.data.map((p) => <PublicityCard key={p.id} publicity={p} />)
      )}
    </div>
  );
}
