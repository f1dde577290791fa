import { Select } from 'antd';

/** Names typed one by one (Enter, comma or 、 between names). */
export function OfficialsSelect({
  value,
  onChange,
  disabled,
  id,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  disabled?: boolean;
  id?: string;
}) {
  return (
    <Select
      id={id}
      mode="tags"
      value={value}
      onChange={(names: string[]) => onChange?.(names.map((n) => n.trim()).filter(Boolean))}
      tokenSeparators={[',', '，', '、', ';', '；']}
      suffixIcon={null}
      notFoundContent={null}
      placeholder="输入姓名后按回车，可填多人"
      disabled={disabled}
      className="officials-select"
    />
  );
}
