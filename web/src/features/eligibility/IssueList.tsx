import { Tag, Typography } from 'antd';
import type { Issue } from '#contract';

interface IssueListProps {
  issues: readonly Issue[];
  tone: 'failure' | 'missing';
  /** Clicking an item jumps to where it is fixed. */
  onSelect?: (issue: Issue) => void;
}

/** Rule failures or missing items, each with its stable code and the server's Chinese message (which names the field). */
export function IssueList({ issues, tone, onSelect }: IssueListProps) {
  return (
    <ul className={`issue-list issue-list-${tone}`}>
      {issues.map((issue) => (
        <li key={`${issue.code}-${issue.field}-${issue.message}`} data-code={issue.code}>
          <button type="button" className="issue-item" onClick={() => onSelect?.(issue)} disabled={!onSelect}>
            <Tag color={tone === 'failure' ? 'red' : 'orange'} className="issue-code">
              {issue.code}
            </Tag>
            <Typography.Text className="issue-message">{issue.message}</Typography.Text>
          </button>
        </li>
      ))}
    </ul>
  );
}
