import { CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { Issue } from '#contract';

interface IssueListProps {
  issues: readonly Issue[];
  tone: 'failure' | 'missing';
  /** Clicking an item jumps to where it is fixed. */
  onSelect?: (issue: Issue) => void;
}

/**
 * Rule failures or missing items in the server's Chinese words (which name the field). The stable code
 * stays out of sight, in `data-code`, for tests and support calls.
 */
export function IssueList({ issues, tone, onSelect }: IssueListProps) {
  return (
    <ul className={`issue-list issue-list-${tone}`}>
      {issues.map((issue) => (
        <li key={`${issue.code}-${issue.field}-${issue.message}`} data-code={issue.code}>
          <button type="button" className="issue-item" onClick={() => onSelect?.(issue)} disabled={!onSelect}>
            {tone === 'failure' ? (
              <CloseCircleFilled className="rule-icon rule-icon-failed" aria-label="不符合" />
            ) : (
              <MinusCircleOutlined className="rule-icon rule-icon-unknown" aria-label="待补充" />
            )}
            <Typography.Text className="issue-message">{issue.message}</Typography.Text>
          </button>
        </li>
      ))}
    </ul>
  );
}
