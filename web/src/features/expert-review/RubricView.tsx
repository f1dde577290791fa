import { Descriptions, Table, Tag, Typography } from 'antd';
import {
  innovativeSmeRubric2022,
  publicServicePlatformRubric2017,
  tieredItemMax,
  type Rubric,
  type TieredItem,
  type WeightedItem,
} from '#contract';

/** The rubrics a round picks from: the two shapes in real use (103号 weighted, 63号 tiered). */
export const SEEDED_RUBRICS = { weighted2017: publicServicePlatformRubric2017, tiered2022: innovativeSmeRubric2022 };
interface Row {
  key: string;
  category: string;
  /** Rows of a category: the first carries the category cell spanning the others. */
  span: number;
  item: WeightedItem | TieredItem;
  categoryNote: string;
}

function rowsOf(rubric: Rubric): Row[] {
  return rubric.categories.flatMap((category) =>
    category.items.map((item: WeightedItem | TieredItem, n) => ({
      key: `${category.key}.${item.key}`,
      category: category.label,
      span: n === 0 ? category.items.length : 0,
      item,
      categoryNote: 'minimum' in category && category.minimum !== null ? `（不低于${category.minimum}分）` : '',
    })),
  );
}

function scoring(item: WeightedItem | TieredItem) {
  if (!item.scored) return <Tag>不计分</Tag>;
  if ('maxPoints' in item) return `满分${item.maxPoints}，权重${item.weight}`;
  return `最高${tieredItemMax(item)}分`;
}

function rule(item: WeightedItem | TieredItem) {
  if ('choices' in item)
    return (
      <ul className="rubric-choices">
        {item.choices.map((c) => (
          <li key={c.key}>{'points' in c ? `${c.label}：${c.points}分` : c.label}</li>
        ))}
      </ul>
    );
  return item.guidance || '—';
}

/** A rubric read-only: its categories and items, how each scores, the pass mark and the 直通 conditions. */
export function RubricView({ rubric }: { rubric: Rubric }) {
  const formula =
    rubric.kind === 'weighted'
      ? '总分 = Σ（各计分项得分 × 权重），满分100'
      : '总分 = 各计分项所选档次分值之和，满分100';
  const directPass =
    rubric.kind === 'tiered'
      ? rubric.directPass.map((d) => {
          const item = rubric.categories.flatMap((c) => c.items).find((i) => i.key === d.itemKey);
          const choice = item?.choices.find((c) => c.key === d.choiceKey);
          return `${item?.label ?? d.itemKey}：${choice?.label ?? d.choiceKey}`;
        })
      : [];
  return (
    <div className="rubric-view" data-testid="rubric-view">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="评分表">{rubric.title}</Descriptions.Item>
        {rubric.source && <Descriptions.Item label="依据">{rubric.source}</Descriptions.Item>}
        <Descriptions.Item label="计分方式">{formula}</Descriptions.Item>
        <Descriptions.Item label="合格线">{`${rubric.passMark}分`}</Descriptions.Item>
        {directPass.length > 0 && <Descriptions.Item label="直通条件">{directPass.join('；')}</Descriptions.Item>}
      </Descriptions>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rowsOf(rubric)}
        scroll={{ x: 720 }}
        columns={[
          {
            title: '类别',
            key: 'category',
            width: 140,
            onCell: (row) => ({ rowSpan: row.span }),
            render: (_, row) => `${row.category}${row.categoryNote}`,
          },
          { title: '评分项', key: 'item', width: 220, render: (_, row) => row.item.label },
          { title: '评分规则', key: 'rule', render: (_, row) => rule(row.item) },
          { title: '分值', key: 'scoring', width: 150, render: (_, row) => scoring(row.item) },
        ]}
      />
      <Typography.Paragraph type="secondary" className="card-note">
        评分细则随评审轮次保存；抽取专家后不再修改。
      </Typography.Paragraph>
    </div>
  );
}
