import { Col, Row } from 'antd';
import type { ApplicationView, ReviewView } from '#contract';
import { SiteCheckForm } from './SiteCheckForm';
import { StatementCard } from './StatementCard';

export interface SiteCheckSectionProps {
  view: ReviewView;
  application: ApplicationView;
  batchYear: number | undefined;
  /** The printable 附件1 of this application. */
  statementPath: string;
  editable: boolean;
  onView: (view: ReviewView) => void;
}

/** 现场核查: date, officials, findings, conclusion; the truthfulness statement sealed by both sides. */
export function SiteCheckSection(props: SiteCheckSectionProps) {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <SiteCheckForm view={props.view} editable={props.editable} onView={props.onView} />
      </Col>
      <Col xs={24} xl={10}>
        <StatementCard {...props} />
      </Col>
    </Row>
  );
}
