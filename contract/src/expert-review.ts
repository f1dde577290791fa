import { z } from 'zod';
import { optionalText, requiredText } from './validation.js';

/**
 * The province's expert review (专家评审, domain §10): the rubric configured per batch, the round's settings
 * (k experts, load cap, grouping, 回避 switches), an expert's score sheet and the aggregation the province reads.
 */

/** A key as configuration names things: lower-case letters, digits, `_` and `-`, starting with a letter. */
const configKey = z
  .string({ error: '须填写标识' })
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, { error: '标识须为小写字母开头的字母、数字、_ 或 -，不超过40个字符' });

/** How many decimals a figure may carry; the score arithmetic is exact in these units. */
export const rubricPrecision = { points: 2, weight: 4 } as const;

/** The integer `x × 10^decimals`, or null when x has more decimals than that. */
export function scaledInteger(x: number, decimals: number): number | null {
  const factor = 10 ** decimals;
  const scaled = Math.round(x * factor);
  return Math.abs(scaled - x * factor) < 1e-6 ? scaled : null;
}

const points = z
  .number({ error: '须为数字' })
  .finite({ error: '须为有限数字' })
  .min(0, { error: '不能为负数' })
  .max(100, { error: '不能超过100' })
  .refine((x) => scaledInteger(x, rubricPrecision.points) !== null, { error: '最多保留2位小数' });

const weight = z
  .number({ error: '须为数字' })
  .finite({ error: '须为有限数字' })
  .gt(0, { error: '权重必须大于0' })
  .max(100, { error: '权重不能超过100' })
  .refine((x) => scaledInteger(x, rubricPrecision.weight) !== null, { error: '权重最多保留4位小数' });

const passMark = z
  .number({ error: '须为数字' })
  .gt(0, { error: '合格线必须大于0' })
  .max(100, { error: '合格线不能超过100' })
  .refine((x) => scaledInteger(x, rubricPrecision.points) !== null, { error: '最多保留2位小数' });

const itemText = {
  key: configKey,
  label: requiredText(100),
  /** The scoring rule as the expert reads it, e.g. "每建立一种沟通渠道加20分，直到满分100为止". */
  guidance: optionalText(500),
};

/** A scored item of a weighted rubric: 0 … maxPoints, counted as points × weight. */
const weightedScoredItemSchema = z.object({ ...itemText, scored: z.literal(true), maxPoints: points, weight });
/** An item that informs but does not score: the expert writes a remark. */
const weightedRemarkItemSchema = z.object({ ...itemText, scored: z.literal(false) });
export const weightedItemSchema = z.discriminatedUnion('scored', [weightedScoredItemSchema, weightedRemarkItemSchema]);
export type WeightedItem = z.infer<typeof weightedItemSchema>;

const categoryText = { key: configKey, label: requiredText(100) };
const itemList = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, { error: '每类至少一项' }).max(50, { error: '每类不超过50项' });
const categoryList = <T extends z.ZodType>(category: T) =>
  z.array(category).min(1, { error: '至少一类' }).max(20, { error: '不超过20类' });

export const weightedCategorySchema = z.object({ ...categoryText, items: itemList(weightedItemSchema) });
export type WeightedCategory = z.infer<typeof weightedCategorySchema>;

const choiceText = { key: configKey, label: requiredText(200) };
/** A tier of a scored item: the expert picks one; it scores its points. */
export const tieredChoiceSchema = z.object({ ...choiceText, points });
const choiceList = <T extends z.ZodType>(choice: T) =>
  z.array(choice).min(2, { error: '至少两个档次' }).max(10, { error: '不超过10个档次' });
const tieredScoredItemSchema = z.object({
  ...itemText,
  scored: z.literal(true),
  choices: choiceList(tieredChoiceSchema),
});
/** An item that informs but does not score (e.g. a 直通 condition answered 是/否): choices without points. */
const tieredInfoItemSchema = z.object({
  ...itemText,
  scored: z.literal(false),
  choices: choiceList(z.object(choiceText)),
});
export const tieredItemSchema = z.discriminatedUnion('scored', [tieredScoredItemSchema, tieredInfoItemSchema]);
export type TieredItem = z.infer<typeof tieredItemSchema>;

export const tieredCategorySchema = z.object({
  ...categoryText,
  /** The category's points below which the application does not pass (63号: 创新能力 ≥ 20); null: none. */
  minimum: points.nullable(),
  items: itemList(tieredItemSchema),
});
export type TieredCategory = z.infer<typeof tieredCategorySchema>;

/** A choice that passes the application outright whatever its total (直通). */
export const directPassSchema = z.object({ itemKey: configKey, choiceKey: configKey });
export type DirectPass = z.infer<typeof directPassSchema>;

const rubricText = {
  title: requiredText(200),
  /** The document the rubric follows, e.g. 工信部企业〔2022〕63号. */
  source: optionalText(200),
  /** The total (0–100) at or above which the application passes. */
  passMark,
};

const weightedRubricBase = z.object({
  kind: z.literal('weighted'),
  ...rubricText,
  categories: categoryList(weightedCategorySchema),
});
const tieredRubricBase = z.object({
  kind: z.literal('tiered'),
  ...rubricText,
  categories: categoryList(tieredCategorySchema),
  directPass: z.array(directPassSchema).max(20, { error: '直通条件不超过20个' }),
});

/** The greatest points a tiered item's choices give. */
export const tieredItemMax = (item: Extract<TieredItem, { scored: true }>): number =>
  Math.max(...item.choices.map((c) => c.points));

const itemName = (c: number, i: number) => `评分细则第${c + 1}类第${i + 1}项`;
const formatPoints = (cents: number) => String(cents / 100);

type Issue = { path: (string | number)[]; message: string };
type RubricBase = z.infer<typeof weightedRubricBase> | z.infer<typeof tieredRubricBase>;

function commonIssues(rubric: RubricBase): Issue[] {
  const issues: Issue[] = [];
  const categoryKeys = new Set<string>();
  const itemKeys = new Set<string>();
  rubric.categories.forEach((category, c) => {
    if (categoryKeys.has(category.key)) {
      issues.push({ path: ['categories', c, 'key'], message: `评分细则第${c + 1}类的标识与前面的类重复` });
    }
    categoryKeys.add(category.key);
    category.items.forEach((item, i) => {
      if (itemKeys.has(item.key)) {
        issues.push({ path: ['categories', c, 'items', i, 'key'], message: `${itemName(c, i)}的标识与前面的项重复` });
      }
      itemKeys.add(item.key);
    });
  });
  return issues;
}

function weightedIssues(rubric: z.infer<typeof weightedRubricBase>): Issue[] {
  const issues = commonIssues(rubric);
  // Null once a figure has too many decimals (already reported): the sum is then not checked.
  let sum: number | null = 0;
  let scoredItems = 0;
  rubric.categories.forEach((category, c) =>
    category.items.forEach((item, i) => {
      if (!item.scored) return;
      scoredItems++;
      if (item.maxPoints <= 0) {
        issues.push({ path: ['categories', c, 'items', i, 'maxPoints'], message: `${itemName(c, i)}的满分必须大于0` });
      }
      const max = scaledInteger(item.maxPoints, rubricPrecision.points);
      const w = scaledInteger(item.weight, rubricPrecision.weight);
      sum = sum === null || max === null || w === null ? null : sum + max * w;
    }),
  );
  if (scoredItems === 0) issues.push({ path: ['categories'], message: '评分细则至少需要一个计分项' });
  else if (sum !== null && sum !== 100 * 10 ** (rubricPrecision.points + rubricPrecision.weight)) {
    const shown = sum / 10 ** (rubricPrecision.points + rubricPrecision.weight);
    issues.push({ path: ['categories'], message: `各计分项“满分×权重”之和须为100，现为${shown}` });
  }
  return issues;
}

function tieredIssues(rubric: z.infer<typeof tieredRubricBase>): Issue[] {
  const issues = commonIssues(rubric);
  let total: number | null = 0;
  rubric.categories.forEach((category, c) => {
    let categoryMax: number | null = 0;
    category.items.forEach((item, i) => {
      const keys = new Set<string>();
      item.choices.forEach((choice, h) => {
        if (keys.has(choice.key)) {
          issues.push({
            path: ['categories', c, 'items', i, 'choices', h, 'key'],
            message: `${itemName(c, i)}第${h + 1}档的标识与前面的档次重复`,
          });
        }
        keys.add(choice.key);
      });
      if (!item.scored) return;
      const max = scaledInteger(tieredItemMax(item), rubricPrecision.points);
      if (tieredItemMax(item) <= 0) {
        issues.push({ path: ['categories', c, 'items', i, 'choices'], message: `${itemName(c, i)}的满分必须大于0` });
      }
      categoryMax = categoryMax === null || max === null ? null : categoryMax + max;
    });
    const minimum = category.minimum === null ? null : scaledInteger(category.minimum, rubricPrecision.points);
    if (minimum !== null && categoryMax !== null && minimum > categoryMax) {
      issues.push({
        path: ['categories', c, 'minimum'],
        message: `评分细则第${c + 1}类的最低分${category.minimum}超过了该类满分${formatPoints(categoryMax)}`,
      });
    }
    total = total === null || categoryMax === null ? null : total + categoryMax;
  });
  if (total !== null && total !== 100 * 10 ** rubricPrecision.points) {
    issues.push({ path: ['categories'], message: `各计分项最高档分值之和须为100，现为${formatPoints(total)}` });
  }
  rubric.directPass.forEach((d, n) => {
    const item = rubric.categories.flatMap((c) => c.items).find((it) => it.key === d.itemKey);
    if (!item) issues.push({ path: ['directPass', n, 'itemKey'], message: `第${n + 1}个直通条件引用的评分项不存在` });
    else if (!item.choices.some((ch) => ch.key === d.choiceKey)) {
      issues.push({ path: ['directPass', n, 'choiceKey'], message: `第${n + 1}个直通条件引用的档次不存在` });
    }
  });
  return issues;
}

export const weightedRubricSchema = weightedRubricBase.superRefine((rubric, ctx) => {
  for (const issue of weightedIssues(rubric)) ctx.addIssue({ code: 'custom', ...issue });
});
export type WeightedRubric = z.infer<typeof weightedRubricSchema>;

export const tieredRubricSchema = tieredRubricBase.superRefine((rubric, ctx) => {
  for (const issue of tieredIssues(rubric)) ctx.addIssue({ code: 'custom', ...issue });
});
export type TieredRubric = z.infer<typeof tieredRubricSchema>;

/** The rubric of a batch: weighted additive items (103号 style) or tiered choices with minimums and 直通 (63号). */
export const rubricSchema = z.discriminatedUnion('kind', [weightedRubricSchema, tieredRubricSchema]);
export type Rubric = z.infer<typeof rubricSchema>;

const additive = (step: string, what: string) => `${what}，${step}，直到满分100为止`;

/**
 * A weighted rubric for public service platforms in the style of 《中小企业公共服务规范评价指标（试行）》
 * (工信厅企业〔2017〕103号): two levels, each scored item 0–100 by additive rules, the total Σ(得分 × 权重).
 * The items are an example for the seed; the province edits them per batch.
 */
export const publicServicePlatformRubric2017: WeightedRubric = {
  kind: 'weighted',
  title: '中小企业公共服务示范平台评审评分表（加权计分）',
  source: '参照《中小企业公共服务规范评价指标（试行）》（工信厅企业〔2017〕103号）',
  passMark: 60,
  categories: [
    {
      key: 'basics',
      label: '基础条件',
      items: [
        {
          key: 'management',
          label: '管理制度',
          guidance: additive('每具备一项（服务流程、收费公示、人员管理、档案管理、投诉处理）加20分', '制度健全'),
          scored: true,
          maxPoints: 100,
          weight: 0.1,
        },
        {
          key: 'premises',
          label: '服务场所与设施',
          guidance: '有固定服务场所得40分，场所面积满足服务需要加30分，有开展服务所需的设施设备加30分',
          scored: true,
          maxPoints: 100,
          weight: 0.1,
        },
        {
          key: 'staff',
          label: '服务人员',
          guidance: additive('专职服务人员每5人加20分', '按服务人员名单计'),
          scored: true,
          maxPoints: 100,
          weight: 0.1,
        },
      ],
    },
    {
      key: 'capacity',
      label: '服务能力',
      items: [
        {
          key: 'institutions',
          label: '集聚服务机构',
          guidance: additive('每集聚2家签订合作协议的服务机构加20分', '按机构名单计'),
          scored: true,
          maxPoints: 100,
          weight: 0.15,
        },
        {
          key: 'channels',
          label: '服务沟通渠道',
          guidance: additive('每建立一种沟通渠道（服务热线、网站、公众号、服务窗口、电子邮箱等）加20分', '渠道畅通'),
          scored: true,
          maxPoints: 100,
          weight: 0.1,
        },
        {
          key: 'functions',
          label: '服务功能',
          guidance: additive('每具备一项服务功能（信息、技术、创业、培训、融资等）加20分', '功能完善'),
          scored: true,
          maxPoints: 100,
          weight: 0.1,
        },
      ],
    },
    {
      key: 'performance',
      label: '服务成效',
      items: [
        {
          key: 'enterprises_served',
          label: '服务企业数量',
          guidance: additive('上年度服务企业每100家加20分', '按服务企业名单计'),
          scored: true,
          maxPoints: 100,
          weight: 0.15,
        },
        {
          key: 'satisfaction',
          label: '服务满意度',
          guidance: '得分 = 测评满意度（%）',
          scored: true,
          maxPoints: 100,
          weight: 0.1,
        },
        {
          key: 'preferential',
          label: '公益性与优惠服务',
          guidance: additive('公益性或低收费服务占比每10个百分点加20分', '按收费标准及优惠服务台账计'),
          scored: true,
          maxPoints: 100,
          weight: 0.1,
        },
      ],
    },
    {
      key: 'opinion',
      label: '专家意见（不计分）',
      items: [{ key: 'strengths_and_issues', label: '主要优势与存在问题', guidance: '', scored: false }],
    },
  ],
};

const yesNo = [
  { key: 'yes', label: '是' },
  { key: 'no', label: '否' },
];

/**
 * The tiered rubric of 《创新型中小企业评价标准》 (工信部企业〔2022〕63号): six items in three categories, a pass at
 * a total ≥ 60 with 创新能力 ≥ 20, 成长性 ≥ 15 and 专业化 ≥ 15, and four 直通 conditions. The tiers are set out
 * as the standard lists them; the province checks them against the text when it configures a batch.
 */
export const innovativeSmeRubric2022: TieredRubric = {
  kind: 'tiered',
  title: '创新型中小企业评价标准（分档计分）',
  source: '工信部企业〔2022〕63号',
  passMark: 60,
  categories: [
    {
      key: 'innovation',
      label: '创新能力',
      minimum: 20,
      items: [
        {
          key: 'ip',
          label: '与企业主导产品相关的有效知识产权数量',
          guidance: '',
          scored: true,
          choices: [
            { key: 'a', label: 'Ⅰ类高价值知识产权1项以上', points: 20 },
            { key: 'b', label: '自主研发的Ⅰ类知识产权1项以上', points: 15 },
            { key: 'c', label: 'Ⅰ类知识产权1项以上', points: 10 },
            { key: 'd', label: 'Ⅱ类知识产权1项以上', points: 5 },
            { key: 'e', label: '无', points: 0 },
          ],
        },
        {
          key: 'rnd',
          label: '上年度研发费用投入',
          guidance: '',
          scored: true,
          choices: [
            { key: 'a', label: '研发费用总额500万元以上或占营业收入总额比重10%以上', points: 20 },
            { key: 'b', label: '研发费用总额400–500万元或占营业收入总额比重8%–10%', points: 15 },
            { key: 'c', label: '研发费用总额300–400万元或占营业收入总额比重6%–8%', points: 10 },
            { key: 'd', label: '研发费用总额200–300万元或占营业收入总额比重3%–6%', points: 5 },
            { key: 'e', label: '研发费用总额200万元以下或占营业收入总额比重3%以下', points: 0 },
          ],
        },
      ],
    },
    {
      key: 'growth',
      label: '成长性',
      minimum: 15,
      items: [
        {
          key: 'revenue_growth',
          label: '上年度主营业务收入增长率',
          guidance: '',
          scored: true,
          choices: [
            { key: 'a', label: '15%以上', points: 20 },
            { key: 'b', label: '10%–15%', points: 15 },
            { key: 'c', label: '5%–10%', points: 10 },
            { key: 'd', label: '0%–5%', points: 5 },
            { key: 'e', label: '0%以下', points: 0 },
          ],
        },
        {
          key: 'debt_ratio',
          label: '上年度资产负债率',
          guidance: '',
          scored: true,
          choices: [
            { key: 'a', label: '55%以下', points: 10 },
            { key: 'b', label: '55%–75%', points: 5 },
            { key: 'c', label: '75%以上', points: 0 },
          ],
        },
      ],
    },
    {
      key: 'specialisation',
      label: '专业化',
      minimum: 15,
      items: [
        {
          key: 'field',
          label: '主导产品所属领域情况',
          guidance: '',
          scored: true,
          choices: [
            { key: 'a', label: '属于《战略性新兴产业分类》', points: 10 },
            { key: 'b', label: '属于其他领域', points: 5 },
          ],
        },
        {
          key: 'main_business_share',
          label: '上年度主营业务收入总额占营业收入总额比重',
          guidance: '',
          scored: true,
          choices: [
            { key: 'a', label: '70%以上', points: 20 },
            { key: 'b', label: '60%–70%', points: 15 },
            { key: 'c', label: '55%–60%', points: 10 },
            { key: 'd', label: '50%–55%', points: 5 },
            { key: 'e', label: '50%以下', points: 0 },
          ],
        },
      ],
    },
    {
      key: 'direct',
      label: '直通条件（符合任一项直接通过，不计分）',
      minimum: null,
      items: [
        { key: 'award', label: '近三年内获得过国家级、省级科技奖励', guidance: '', scored: false, choices: yesNo },
        {
          key: 'honour',
          label: '获得高新技术企业、国家级技术创新示范企业、知识产权优势企业和知识产权示范企业等荣誉（均为有效期内）',
          guidance: '',
          scored: false,
          choices: yesNo,
        },
        { key: 'rnd_institute', label: '拥有经认定的省部级以上研发机构', guidance: '', scored: false, choices: yesNo },
        {
          key: 'equity',
          label: '近三年新增股权融资总额（合格机构投资者的实缴额）500万元以上',
          guidance: '',
          scored: false,
          choices: yesNo,
        },
      ],
    },
  ],
  directPass: [
    { itemKey: 'award', choiceKey: 'yes' },
    { itemKey: 'honour', choiceKey: 'yes' },
    { itemKey: 'rnd_institute', choiceKey: 'yes' },
    { itemKey: 'equity', choiceKey: 'yes' },
  ],
};

/** The two ways of grouping: a number of groups, or a largest group size (sizes then differ by at most one). */
export const reviewGroupingSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('groupCount'),
    groupCount: z.number({ error: '须为数字' }).int({ error: '须为整数' }).min(1, { error: '至少1组' }).max(500),
  }),
  z.object({
    mode: z.literal('groupSize'),
    groupSize: z.number({ error: '须为数字' }).int({ error: '须为整数' }).min(1, { error: '每组至少1件' }).max(500),
  }),
]);
export type ReviewGrouping = z.infer<typeof reviewGroupingSchema>;

/** The 回避 rules of a round: configuration, all hard (an expert with any conflict is never drawn). */
export const conflictRulesSchema = z.object({
  /** Same unit name or USCC as the operating unit or one of its 集聚服务机构: always on. */
  sameUnit: z.literal(true, { error: '同单位回避不能关闭' }),
  /** Declared relations (employment, shareholding, kin, other) that ended within the look-back or go on. */
  declaredRelations: z.object({
    enabled: z.boolean(),
    lookBackYears: z.number({ error: '须为数字' }).int({ error: '须为整数' }).min(1, { error: '至少1年' }).max(20),
  }),
  /** Experts the applicant asked to exclude, as the province accepted them; at most M per application. */
  requestedExclusions: z.object({
    enabled: z.boolean(),
    maxPerApplication: z.number({ error: '须为数字' }).int({ error: '须为整数' }).min(1, { error: '至少1人' }).max(10),
  }),
  /** No expert from the applicant's city: found in no text, so a switch. */
  sameCity: z.boolean(),
});
export type ConflictRules = z.infer<typeof conflictRulesSchema>;

export const reviewRoundSettingsSchema = z
  .object({
    /** k: experts per application (NSFC: at least 3). */
    expertsPerApplication: z
      .number({ error: '须为数字' })
      .int({ error: '须为整数' })
      .min(3, { error: '每件申报至少3名专家' })
      .max(15, { error: '每件申报不超过15名专家' }),
    /** The most applications one expert reviews in the round. */
    maxLoadPerExpert: z
      .number({ error: '须为数字' })
      .int({ error: '须为整数' })
      .min(1, { error: '每位专家至少评审1件' })
      .max(500),
    grouping: reviewGroupingSchema,
    conflicts: conflictRulesSchema,
  })
  .superRefine((s, ctx) => {
    if (s.grouping.mode === 'groupSize' && s.grouping.groupSize > s.maxLoadPerExpert) {
      ctx.addIssue({
        code: 'custom',
        path: ['grouping', 'groupSize'],
        message: `每组申报数（${s.grouping.groupSize}）超过每位专家评审上限（${s.maxLoadPerExpert}），专家无法评完整组`,
      });
    }
  });
export type ReviewRoundSettings = z.infer<typeof reviewRoundSettingsSchema>;

/** The settings a new round starts from. */
export const defaultReviewRoundSettings: ReviewRoundSettings = {
  expertsPerApplication: 5,
  maxLoadPerExpert: 20,
  grouping: { mode: 'groupSize', groupSize: 10 },
  conflicts: {
    sameUnit: true,
    declaredRelations: { enabled: true, lookBackYears: 3 },
    requestedExclusions: { enabled: true, maxPerApplication: 3 },
    sameCity: false,
  },
};

/** One item of an expert's sheet: points (weighted) or a choice (tiered), and a remark. */
export const scoreEntrySchema = z.object({
  itemKey: configKey,
  points: points.nullable().optional(),
  choiceKey: configKey.nullable().optional(),
  remark: optionalText(1000).optional(),
});
export type ScoreEntry = z.infer<typeof scoreEntrySchema>;

export const scoreSheetSchema = z.object({
  entries: z.array(scoreEntrySchema).max(500, { error: '评分项过多' }),
  /** The expert's overall opinion (评审意见). */
  opinion: optionalText(4000).optional(),
});
export type ScoreSheet = z.infer<typeof scoreSheetSchema>;

/** The figures by which the province compares and sorts applications. */
export const scoreMetrics = {
  mean: '平均分',
  median: '中位数',
  trimmedMean: '去掉最高最低分后的平均分',
  variance: '方差（总体）',
  range: '极差（最高分 − 最低分）',
} as const;
export type ScoreMetric = keyof typeof scoreMetrics;
export const scoreMetricSchema = z.enum(['mean', 'median', 'trimmedMean', 'variance', 'range'], {
  error: '排序依据须为 mean、median、trimmedMean、variance 或 range',
});

/** Statistics of one application's submitted totals, rounded to 2 decimals half up; null where undefined. */
export const scoreStatisticsSchema = z.object({
  count: z.number().int(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  /** Null below 3 scores (there is nothing left once the highest and lowest are dropped). */
  trimmedMean: z.number().nullable(),
  /** Population variance: Σ(x − mean)² / n. */
  variance: z.number().nullable(),
  range: z.number().nullable(),
});
export type ScoreStatistics = z.infer<typeof scoreStatisticsSchema>;

/** The aggregation the province reads: raw scores always, with the statistics that show disagreement. */
export const applicationScoresSchema = z.object({
  applicationId: z.string(),
  scores: z.array(
    z.object({ expertId: z.string(), expertName: z.string(), total: z.number().nullable(), submitted: z.boolean() }),
  ),
  statistics: scoreStatisticsSchema,
});
export type ApplicationScores = z.infer<typeof applicationScoresSchema>;
