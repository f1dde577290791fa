import { useMutation } from '@tanstack/react-query';
import { Col, Form, Row, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { FieldError, PrecheckResult } from '#contract';
import { ApiError } from '../api/client';
import { precheckApi } from '../api/endpoints';
import { failureOf } from '../features/common/failureOf';
import { collectFieldIssues } from '../features/common/fieldIssues';
import { LoadFailure } from '../features/common/LoadFailure';
import { batchesByYear, PrecheckForm, type PrecheckValues } from '../features/precheck/PrecheckForm';
import { PrecheckVerdict } from '../features/precheck/PrecheckVerdict';
import { useReferenceData } from '../features/reference/useReferenceData';

export function PrecheckPage() {
  const reference = useReferenceData();
  const data = reference.data;
  const [form] = Form.useForm<PrecheckValues>();
  const [result, setResult] = useState<PrecheckResult | null>(null);
  const [rejected, setRejected] = useState<FieldError[]>([]);
  const [changedSinceCheck, setChangedSinceCheck] = useState<string[]>([]);
  const batches = useMemo(() => batchesByYear(data?.batches ?? []), [data]);

  useEffect(() => {
    const latest = batches[0];
    if (latest && !form.getFieldValue('batchYear')) form.setFieldValue('batchYear', latest.year);
  }, [batches, form]);

  const check = useMutation({
    mutationFn: (values: PrecheckValues) =>
      precheckApi.check({
        batchYear: values.batchYear,
        platformName: values.platformName,
        operatorName: values.operatorName,
        uscc: values.uscc.replace(/\s+/g, ''),
        categories: values.categories ?? [],
        registeredOn: values.registeredOn?.format('YYYY-MM-DD') ?? '',
        totalAssetsWan: values.totalAssetsWan ?? 0,
        serviceStaff: values.serviceStaff ?? 0,
        institutions: values.institutions ?? 0,
        preferentialSharePercent: values.preferentialSharePercent ?? 0,
        enterprisesServedLastYear: values.enterprisesServedLastYear ?? 0,
      }),
    onMutate: () => setRejected([]),
    onSuccess: (outcome) => {
      setResult(outcome);
      setChangedSinceCheck([]);
    },
    onError: (failure) => {
      setResult(null);
      if (failure instanceof ApiError && failure.body.errors) setRejected(failure.body.errors);
      else setRejected([{ field: 'batchYear', message: failure instanceof Error ? failure.message : '检查失败' }]);
    },
  });

  const failures = (result?.failures ?? []).filter((f) => !changedSinceCheck.includes(f.field));
  const issues = collectFieldIssues(
    failures,
    rejected.filter((p) => !changedSinceCheck.includes(p.field)),
    [],
    () => false,
  );

  const loadFailure = failureOf(reference);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!data) return <Spin size="large" className="page-spin" />;
  return (
    <div className="precheck-page">
      <div className="page-heading">
        <Typography.Title level={1} className="page-title" style={{ fontSize: 24 }}>
          申报条件自测
        </Typography.Title>
        <Typography.Text type="secondary">
          对照通知附件2 注1–3 的条件，先自行检查平台是否具备申报资格。无需登录。
        </Typography.Text>
      </div>
      <Row gutter={24}>
        <Col xs={24} lg={16}>
          <PrecheckForm
            form={form}
            batches={batches}
            issues={issues}
            checking={check.isPending}
            onCheck={check.mutate}
            onFieldChanged={(fields) => setChangedSinceCheck((current) => [...new Set([...current, ...fields])])}
          />
        </Col>
        <Col xs={24} lg={8}>
          <div className="eligibility-column">
            <PrecheckVerdict result={result} stale={changedSinceCheck.length > 0} />
          </div>
        </Col>
      </Row>
    </div>
  );
}
