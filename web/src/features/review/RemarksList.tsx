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
          {remark.itemKey ? (
            <Tag
              color="orange"
              className={onSelect ? 'remark-item-link' : undefined}
              onClick={onSelect ? () => onSelect(remark.itemKey!) : undefined}
            >
              {labelOf(remark.itemKey)}
            </Tag>
          ) : (
            <Tag>总体意见</Tag>
          )}
          <span className="remark-message">{remark.message}</span>
        </li>
      ))}
    </ol>
  );
}
