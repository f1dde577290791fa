import { Card, Col, Row, Statistic, Typography } from 'antd';
import { ratings, type Rating } from '#contract';
import type { Survey } from './survey';

/** How far the survey is, the ratings and the satisfaction rate. */
export function SurveyStats({ survey, minimum }: { survey: Survey; minimum: number }) {
  const count = (r: Rating) => survey.contacts.filter((c) => c.outcome === 'completed' && c.rating === r).length;
  const unreachable = survey.contacts.filter((c) => c.outcome === 'unreachable').length;
  return (
    <Card size="small" className="form-card survey-stats" data-testid="survey-stats">
      <Row gutter={16}>
        <Col xs={12} md={5}>
          <Statistic title="已完成测评" value={survey.completed} suffix={`/ ${survey.sampleSize} 家`} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={ratings.very_satisfied} value={count('very_satisfied')} suffix="家" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={ratings.satisfied} value={count('satisfied')} suffix="家" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title={ratings.dissatisfied} value={count('dissatisfied')} suffix="家" />
        </Col>
        <Col xs={12} md={3}>
          <Statistic title="无法联系（已替补）" value={unreachable} suffix="家" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title="满意度"
            value={survey.satisfactionPercent ?? '—'}
            suffix={survey.satisfactionPercent === null ? '' : '%'}
            precision={survey.satisfactionPercent === null ? undefined : 1}
          />
        </Col>
      </Row>
      <Typography.Text type="secondary" className="survey-formula">
        满意度 =（很满意 + 基本满意）÷ 已完成测评家数。
        {survey.completed < minimum && (
          <Typography.Text type="warning">
            {' '}
            尚需完成 {minimum - survey.completed} 家方满 {minimum} 家。
          </Typography.Text>
        )}
      </Typography.Text>
    </Card>
  );
}
