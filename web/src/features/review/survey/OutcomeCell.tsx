import { Space, Tag, Typography } from 'antd';
import { ratings, type SurveyContactView } from '#contract';
import { RATING_COLORS } from './survey';

/** One drawn enterprise's outcome: waiting, unreachable (replaced), or the rating with who was asked. */
export function OutcomeCell({ contact }: { contact: SurveyContactView }) {
  if (contact.outcome === 'pending') return <Tag>待测评</Tag>;
  if (contact.outcome === 'unreachable') {
    return (
      <Space orientation="vertical" size={0}>
        <Tag color="default" className="outcome-unreachable">
          无法联系 · 已替补
        </Tag>
        <Typography.Text type="secondary" className="outcome-note">
          {contact.note}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size={0}>
      <Space size={4} wrap>
        <Tag color={RATING_COLORS[contact.rating ?? 'satisfied']}>{contact.rating ? ratings[contact.rating] : ''}</Tag>
        <span>
          {contact.interviewee}（{contact.position}）
        </span>
        <span className="mono">{contact.phone}</span>
      </Space>
      {contact.note && (
        <Typography.Text type="secondary" className="outcome-note">
          {contact.note}
        </Typography.Text>
      )}
    </Space>
  );
}
