import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Typography } from 'antd';
import type { ApplicationView, EarlierApplication, MyApplications } from '#contract';
import { applicantApi } from '../../api/endpoints';
import { applicationChanged, queryKeys } from '../../app/queries';
import { EarlierApplications } from './EarlierApplications';
import './earlier-applications.css';

interface StartChoiceProps {
  openBatch: NonNullable<MyApplications['openBatch']>;
  startFrom: EarlierApplication;
  earlier: EarlierApplication[];
}

/**
 * The open batch has no application of the unit yet and the unit applied before: start blank, or from
 * the earlier application (its form and institutions copied; figures, roster and files confirmed anew).
 */
export function StartChoice({ openBatch, startFrom, earlier }: StartChoiceProps) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const started = (view: ApplicationView) => {
    applicationChanged(queryClient, view);
    void queryClient.invalidateQueries({ queryKey: queryKeys.myApplications });
    // The choice gives way to the application: focus goes to the page, not to the body.
    document.getElementById('main')?.focus();
  };
  const onError = (error: Error) => {
    message.error(error.message);
    void queryClient.invalidateQueries({ queryKey: queryKeys.myApplications });
  };
  const blank = useMutation({ mutationFn: () => applicantApi.startBlank(), onSuccess: started, onError });
  const copy = useMutation({
    mutationFn: () => applicantApi.copyPrevious(startFrom.id),
    onSuccess: started,
    onError,
  });
  const busy = blank.isPending || copy.isPending;
  return (
    <div className="workspace start-choice">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          我的申报
        </Typography.Title>
        <Typography.Text type="secondary">{openBatch.label}</Typography.Text>
      </div>
      <Alert
        type="info"
        showIcon
        title={`${openBatch.year}年度申报已开放，本单位尚未开始申报`}
        description={`可以新建空白申报，也可以以${startFrom.year}年度的申报为基础：复制平台名称、单位基本情况、联系人和集聚服务机构名单；资产总额、服务人员数、优惠服务占比须按本年度重新填写，服务企业名单须重新导入，往年的证明材料须逐个确认后才会沿用。`}
      />
      <Space wrap className="start-choice-actions">
        <Card className="start-choice-card" title={`以${startFrom.year}年度申报为基础`}>
          <Typography.Paragraph type="secondary">{startFrom.platformName || '（未填写平台名称）'}</Typography.Paragraph>
          <Button type="primary" loading={copy.isPending} disabled={busy} onClick={() => copy.mutate()}>
            以{startFrom.year}年度申报为基础
          </Button>
        </Card>
        <Card className="start-choice-card" title="从头填写">
          <Typography.Paragraph type="secondary">只带入注册时填写的联系人。</Typography.Paragraph>
          <Button loading={blank.isPending} disabled={busy} onClick={() => blank.mutate()}>
            新建空白申报
          </Button>
        </Card>
      </Space>
      <EarlierApplications earlier={earlier} />
    </div>
  );
}
