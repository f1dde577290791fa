import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { CertificateVerification } from '#contract';
import { ApiError } from '../api/client';
import { certificateKeys, publicCertificateApi } from '../api/certificates-api';
import { failureOf } from '../features/common/failureOf';
import { formatDate } from '../features/common/format';
import { LoadFailure } from '../features/common/LoadFailure';

const tone: Record<CertificateVerification['state'], 'success' | 'warning' | 'error'> = {
  valid: 'success',
  not_yet_valid: 'warning',
  expired: 'warning',
  revoked: 'error',
  tampered: 'error',
  unknown: 'error',
};
const icons = {
  success: <CheckCircleFilled />,
  warning: <ExclamationCircleFilled />,
  error: <CloseCircleFilled />,
};

/**
 * 证书查验 (public, reached from the certificate's QR code: /verify/2026-001): whether the certificate is valid, not
 * yet valid, expired, revoked or does not match its signature, what it says, and how to check its signed form
 * offline with the province's public key.
 */
export function VerifyPage() {
  const { key = '' } = useParams();
  const result = useQuery({
    queryKey: certificateKeys.verify(key),
    queryFn: ({ signal }) => publicCertificateApi.verify(key, signal),
    retry: false,
  });
  const notFound = result.error instanceof ApiError && result.error.status === 404;
  const loadFailure = notFound ? null : failureOf(result);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  return (
    <div className="verify-page">
      <div className="page-heading">
        <Typography.Title level={1}>示范平台证书查验</Typography.Title>
        <Typography.Text type="secondary">
          河南省工业和信息化厅认定的中小企业公共服务示范平台证书，时间均为北京时间。
        </Typography.Text>
      </div>
      {notFound ? (
        <Alert type="error" showIcon title="查无此证书" description={`证书编号“${key}”不存在，请核对证书上的编号。`} />
      ) : !result.data ? (
        <Spin size="large" className="page-spin" description="正在查验…" />
      ) : (
        <VerificationResult verification={result.data} number={key} />
      )}
    </div>
  );
}

function VerificationResult({ verification, number }: { verification: CertificateVerification; number: string }) {
  const t = tone[verification.state];
  const c = verification.certificate;
  const p = c?.payload;
  return (
    <>
      <Alert
        type={t}
        showIcon
        icon={icons[t]}
        className="verify-state"
        data-state={verification.state}
        title={<span className="verify-state-label">{`查验结果：${verification.label}`}</span>}
        description={
          verification.state === 'revoked' ? (
            <>
              {`${formatDate(verification.revokedOn)}撤销认定：${verification.revocationReason ?? ''}。`}
              <Link className="text-link" to="/revocations">
                查看撤销认定公告
              </Link>
            </>
          ) : verification.state === 'tampered' ? (
            '本系统保存的证书数据与省厅签名不符，请以省厅公告为准并联系省厅。'
          ) : undefined
        }
      />
      {p && (
        <Card className="verify-card" title={p.title}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'number', label: '证书编号', children: p.number },
              { key: 'platform', label: '平台名称', children: p.platformName },
              { key: 'unit', label: '运营单位', children: p.unitName },
              { key: 'uscc', label: '统一社会信用代码', children: p.uscc },
              { key: 'batch', label: '认定批次', children: p.batchTitle },
              { key: 'validity', label: '有效期', children: `${formatDate(p.validFrom)}至${formatDate(p.validTo)}` },
              { key: 'issuer', label: '认定机关', children: p.issuer },
              { key: 'issued', label: '发证日期', children: formatDate(p.issuedOn) },
            ]}
          />
        </Card>
      )}
      {c && (
        <Card className="verify-card" title="离线验证">
          <Typography.Paragraph>
            证书数据由省厅以 SM2 签名（SM3 摘要）。可下载
            <a className="text-link" href={publicCertificateApi.signedUrl(number)} download>
              签名数据（certificate.json）
            </a>
            ，用下列公钥和 OpenSSL 3 自行验证，不依赖本系统。
          </Typography.Paragraph>
          {verification.publicKeyPem && (
            <pre className="verify-key" aria-label="省厅公钥（PEM）" tabIndex={0}>
              {verification.publicKeyPem}
            </pre>
          )}
        </Card>
      )}
    </>
  );
}
