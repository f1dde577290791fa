import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Spin, Typography } from 'antd';
import { cityPackageApi } from '../api/endpoints';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { cityPackageChanged, queries, queryKeys } from '../app/queries';
import { failureOf } from '../features/common/failureOf';
import { formatDateTime, formatDeadline } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';
import { useAction } from '../features/common/useAction';
import { LetterSettingsCard } from '../features/package/LetterSettingsCard';
import { deadlinePassed, effectiveDeadline, PackageSummary } from '../features/package/PackageSummary';
import { RefusalAlert } from '../features/common/RefusalAlert';

/** The city's package to the province: what goes in, what still blocks it, and the one button that sends it. */
export function CityPackagePage() {
  const queryClient = useQueryClient();
  const batch = useOfficialBatch();
  const cityPackage = useQuery(queries.cityPackage(batch));
  const {
    busy: sending,
    refusal,
    clearRefusal,
    run,
  } = useAction({
    action: () => cityPackageApi.submit(batch),
    success: '推荐材料已报送省工业和信息化厅',
    onDone: (pkg) => cityPackageChanged(queryClient, pkg, batch),
  });

  // A refused submission reloads the package: its state or the deadline may have moved on.
  const submit = async () => {
    if ((await run()) === null) void queryClient.invalidateQueries({ queryKey: queryKeys.cityPackage(batch) });
  };

  const loadFailure = failureOf(cityPackage);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const pkg = cityPackage.data;
  if (!pkg) return <Spin size="large" className="page-spin" description="正在加载推荐材料…" />;

  const submitted = pkg.state === 'submitted';
  /** The server's clock decides; the browser's only warns ahead of a refusal. */
  const late = pkg.state === 'late_missing' || refusal?.code === 'DEADLINE_PASSED' || deadlinePassed(pkg);
  return (
    <div className="package-page">
      <div className="page-heading">
        <TitleWithBatch>推荐材料报送</TitleWithBatch>
        <Typography.Text type="secondary">
          推荐文件、汇总表、推荐表、现场核查真实性说明及申报资料一并报送省工业和信息化厅（中小企业局）；须在{' '}
          {formatDeadline(effectiveDeadline(pkg))}（北京时间）前送达，逾期不予受理。
        </Typography.Text>
      </div>
      {refusal && (
        <RefusalAlert
          refusal={refusal}
          onClose={clearRefusal}
          extra={refusal.code === 'DEADLINE_PASSED' && !pkg.exception && '如有特殊情况，请联系省厅申请特批延期。'}
        />
      )}
      {submitted && (
        <Alert
          type="success"
          showIcon
          icon={<LockOutlined />}
          className="form-alert"
          data-testid="package-submitted"
          title={`已报送省厅（${formatDateTime(pkg.submittedAt)}），推荐材料已锁定`}
          description={
            pkg.acceptedAt
              ? '省厅已受理，推荐材料不再修改或重新报送。'
              : '如需修改，须由省厅退回后在截止时间前重新报送。'
          }
        />
      )}
      {!submitted && late && refusal?.code !== 'DEADLINE_PASSED' && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          data-testid="package-late"
          title="已过报送截止时间"
          description={
            pkg.exception
              ? `省厅特批期限 ${formatDeadline(pkg.exception.endsAt)} 也已届满。`
              : '逾期不予受理；如有特殊情况请联系省厅申请特批延期。'
          }
        />
      )}
      <PackageSummary
        pkg={pkg}
        detailPath={(id) => withBatch(`/city/applications/${id}`, batch)}
        actions={
          !submitted && (
            <Popconfirm
              okButtonProps={{ autoFocus: true }}
              title={pkg.state === 'returned' ? '重新报送省厅？' : '报送省厅？'}
              description="报送后推荐结果锁定，省厅退回前不能修改。"
              okText="报送"
              cancelText="取消"
              onConfirm={() => void submit()}
              disabled={!pkg.canSubmit}
            >
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={sending}
                disabled={!pkg.canSubmit}
                data-testid="submit-package"
              >
                {pkg.state === 'returned' ? '重新报送省厅' : '报送省厅'}
              </Button>
            </Popconfirm>
          )
        }
      />
      <LetterSettingsCard />
    </div>
  );
}
