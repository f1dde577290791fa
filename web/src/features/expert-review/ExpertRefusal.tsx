import { Result } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { LoadFailure } from '../common/LoadFailure';

/**
 * What the expert sees instead of a page the server refused: a 403 (回避, not yet open, no 承诺书) or 404 in the
 * server's own words with the way back to the rounds; anything else as a load failure with a retry.
 */
export function ExpertRefusal({ error, onRetry }: { error: Error; onRetry: () => void }) {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404))
    return (
      <Result
        status="warning"
        title={error.status === 403 ? '不能查看' : '未找到'}
        subTitle={<span data-testid="expert-refusal">{error.message}</span>}
        extra={<Link to="/expert">返回我的评审</Link>}
      />
    );
  return <LoadFailure message={error.message} onRetry={onRetry} />;
}
