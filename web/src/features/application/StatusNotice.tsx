import { Alert, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ApplicationView } from '#contract';
import { formatDateTime } from '../common/format';
import type { CityRemark } from './cityRemarks';
import { ProgressTimeline } from './ProgressTimeline';

function ReturnedNotice({
  view,
  remarks,
  onSelect,
}: {
  view: ApplicationView;
  remarks: CityRemark[];
  onSelect: (target: string) => void;
}) {
  const returned = view.returnRemarks;
  return (
    <Alert
      type="warning"
      showIcon
      className="status-notice return-notice"
      data-testid="return-notice"
      title={`市级主管部门已退回修改${returned ? `（${formatDateTime(returned.returnedAt)}）` : ''}，请按意见修改后重新提交`}
      description={
        returned && (
          <>
            <Typography.Paragraph className="remarks-summary" data-testid="return-summary">
              {returned.summary}
            </Typography.Paragraph>
            {remarks.length > 0 && (
              <ol className="remarks-list" data-testid="remarks-list">
                {remarks.map((remark, index) => (
                  <li key={`${remark.itemKey ?? 'general'}-${index}`} data-item-key={remark.itemKey ?? ''}>
                    {remark.target ? (
                      <Tag color="orange" className="remark-item-link">
                        <button type="button" className="tag-button" onClick={() => onSelect(remark.target!)}>
                          {remark.label}
                        </button>
                      </Tag>
                    ) : (
                      <Tag>{remark.label}</Tag>
                    )}
                    <span className="remark-message">{remark.message}</span>
                  </li>
                ))}
              </ol>
            )}
          </>
        )
      }
    />
  );
}

function OutcomeNotice({ view }: { view: ApplicationView }) {
  const outcome = view.progress.outcome!;
  const accepted = view.progress.steps.find((s) => s.key === 'province' && s.state === 'done');
  const receipt = <Link to={`/receipt/${view.id}`}>查看申报回执</Link>;
  return outcome.kind === 'forwarded' ? (
    <Alert
      type="success"
      showIcon
      className="status-notice"
      data-testid="outcome-notice"
      title={
        accepted?.at ? `省级已受理（${formatDateTime(accepted.at)}）` : `已报送省厅（${formatDateTime(outcome.at)}）`
      }
      description={
        accepted?.note
          ? `${accepted.note}。`
          : '市级主管部门已将本平台随本市推荐材料报送省工业和信息化厅，等待省级受理。'
      }
      action={receipt}
    />
  ) : (
    <Alert
      type="error"
      showIcon
      className="status-notice"
      data-testid="outcome-notice"
      title={`未获推荐（本市推荐材料已于 ${formatDateTime(outcome.at)} 报送省厅）`}
      description={outcome.reason ? `理由：${outcome.reason}` : '市级主管部门未将本平台列入推荐名单。'}
      action={receipt}
    />
  );
}

/** Where the application stands with the city: waiting, returned with remarks, not recommended, recommended. */
function CityNotice({
  view,
  remarks,
  onSelect,
}: {
  view: ApplicationView;
  remarks: CityRemark[];
  onSelect: (target: string) => void;
}) {
  if (view.progress.outcome) return <OutcomeNotice view={view} />;
  switch (view.status) {
    case 'submitted':
      return (
        <Alert
          type="info"
          showIcon
          className="status-notice"
          title="已提交，待市级主管部门审核；退回前不能修改"
          action={<Link to={`/receipt/${view.id}`}>查看申报回执</Link>}
        />
      );
    case 'returned':
      return <ReturnedNotice view={view} remarks={remarks} onSelect={onSelect} />;
    case 'not_recommended':
      return (
        <Alert
          type="error"
          showIcon
          className="status-notice"
          data-testid="rejection-notice"
          title={`市级主管部门决定不予推荐${view.rejection ? `（${formatDateTime(view.rejection.rejectedAt)}）` : ''}`}
          description={view.rejection?.reason}
          action={<Link to={`/receipt/${view.id}`}>查看申报回执</Link>}
        />
      );
    case 'recommended':
      return (
        <Alert
          type="success"
          showIcon
          className="status-notice"
          data-testid="recommended-notice"
          title="市级主管部门已推荐本平台，推荐材料将报送省工业和信息化厅"
          action={<Link to={`/receipt/${view.id}`}>查看申报回执</Link>}
        />
      );
    default:
      return null;
  }
}

/**
 * The application's standing: the city's decision, or once the city has submitted its package the
 * outcome (已报送省厅, or 未获推荐 with the city's reason), above the timeline of its way so far.
 */
export function StatusNotice({
  view,
  remarks,
  onSelect,
}: {
  view: ApplicationView;
  remarks: CityRemark[];
  onSelect: (target: string) => void;
}) {
  if (view.status === 'draft') return null;
  return (
    <>
      <CityNotice view={view} remarks={remarks} onSelect={onSelect} />
      <ProgressTimeline progress={view.progress} />
    </>
  );
}
