import { Alert, Button, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { applicationStatuses, type ApplicationStatus, type ReviewView } from '#contract';
import { formatDateTime } from '../common/format';
import { RemarksList } from './RemarksList';
import { channelText } from '../common/channels';

interface ReviewAlertsProps {
  view: ReviewView;
  /** The province may open any application; a city only its own (other cities' ids are withheld from it). */
  linkDuplicates: boolean;
  detailPath: (applicationId: string) => string;
  packageLocked: boolean;
  onShowChanges: () => void;
}

/** What the official must know before touching anything: returned, refused, resubmitted with changes, duplicated, locked. */
export function ReviewAlerts({ view, linkDuplicates, detailPath, packageLocked, onShowChanges }: ReviewAlertsProps) {
  const labelOf = (key: string) => view.items.find((i) => i.itemKey === key)?.label ?? key;
  return (
    <div className="review-alerts">
      {view.duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="duplicate-alert"
          title={`疑似重复申报：另有 ${view.duplicates.length} 份申报的统一社会信用代码或平台名称与本申报相同`}
          description={
            <ul className="duplicate-list">
              {view.duplicates.map((d, index) => (
                <li key={d.applicationId ?? `${d.authorityName}-${index}`}>
                  {linkDuplicates && d.applicationId ? (
                    <Link to={detailPath(d.applicationId)}>{d.authorityName}</Link>
                  ) : (
                    d.authorityName
                  )}
                  <span>
                    {' '}
                    · {channelText(d.channel)}
                    {d.status ? ` · ${applicationStatuses[d.status as ApplicationStatus] ?? d.status}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {view.status === 'returned' && view.returnRemarks && (
        <Alert
          type="warning"
          showIcon
          title={`已退回申报单位修改（${formatDateTime(view.returnRemarks.returnedAt)}），等待重新提交`}
          description={
            <>
              <Typography.Paragraph className="remarks-summary">{view.returnRemarks.summary}</Typography.Paragraph>
              <RemarksList remarks={view.returnRemarks.remarks} labelOf={labelOf} />
            </>
          }
        />
      )}
      {view.status === 'not_recommended' && view.rejection && (
        <Alert
          type="error"
          showIcon
          title={`不予推荐（${formatDateTime(view.rejection.rejectedAt)}）`}
          description={view.rejection.reason}
        />
      )}
      {view.status !== 'returned' && view.versions.length > 1 && (
        <Alert
          type="info"
          showIcon
          data-testid="changes-alert"
          title={
            <Space wrap>
              <span>
                第 {view.version} 版：申报单位按退回意见重新提交，与上一版相比改动 {view.changes.length} 项
              </span>
              <Button size="small" onClick={onShowChanges}>
                查看改动
              </Button>
            </Space>
          }
        />
      )}
      {packageLocked && (
        <Alert type="info" showIcon title="本市推荐材料已报送省厅：推荐结果已锁定，省厅退回后方可修改。" />
      )}
    </div>
  );
}
