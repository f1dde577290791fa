import { Tag } from 'antd';

/** Itemised remarks: the item they are about (or 总体意见) and the message. */
export function RemarksList({
  remarks,
  labelOf,
  onSelect,
}: {
  remarks: { itemKey: string | null; message: string }[];
  labelOf: (itemKey: string) => string;
  onSelect?: (itemKey: string) => void;
}) {
  if (remarks.length === 0) return null;
  return (
    <ol className="remarks-list" data-testid="remarks-list">
      {remarks.map((remark, index) => (
        <li key={`${remark.itemKey ?? 'general'}-${index}`} data-item-key={remark.itemKey ?? ''}>
          {remark.itemKey && onSelect ? (
            <Tag color="orange" className="remark-item-link">
              <button type="button" className="tag-button" onClick={() => onSelect(remark.itemKey!)}>
                {labelOf(remark.itemKey)}
              </button>
            </Tag>
          ) : remark.itemKey ? (
            <Tag color="orange">{labelOf(remark.itemKey)}</Tag>
          ) : (
            <Tag>总体意见</Tag>
          )}
          <span className="remark-message">{remark.message}</span>
        </li>
      ))}
    </ol>
  );
}
