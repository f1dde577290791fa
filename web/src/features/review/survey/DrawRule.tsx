import { Typography } from 'antd';

/** How the order is made, in words an official can read out: anyone with the seed and the roster can recompute it. */
export function DrawRule({ seed }: { seed?: string }) {
  return (
    <Typography.Paragraph type="secondary" className="draw-rule" data-testid="draw-rule">
      抽取规则：对服务企业名单的每一行计算 SHA-256(“{seed ? <span className="mono">{seed}</span> : '种子'}
      |行号”)，按十六进制值
      <strong>升序</strong>
      排列，取前若干家；联系不上的企业由排序中的下一家自动替补，不由人工挑选。任何人持种子和名单均可用任意 SHA-256
      工具复算。
    </Typography.Paragraph>
  );
}
