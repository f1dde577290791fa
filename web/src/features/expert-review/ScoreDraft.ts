import {
  rubricPrecision,
  scaledInteger,
  type FieldError,
  type Rubric,
  type ScoreEntry,
  type ScoreSheetView,
  type TieredItem,
  type WeightedItem,
} from '#contract';

/**
 * The expert's score sheet as typed in the browser: a draft on the version it was loaded or saved as, turned into
 * the entries a save sends; the total previewed while typing (the server's answer after a save is the truth).
 */

export interface ItemDraft {
  points: number | null;
  choiceKey: string | null;
  remark: string;
}

export interface SheetDraft {
  /** The version the draft was made on: a save names it (compare-and-set). */
  version: number;
  items: Record<string, ItemDraft>;
  opinion: string;
}

export type RubricItem = WeightedItem | TieredItem;

export interface LocatedItem {
  item: RubricItem;
  categoryIndex: number;
  itemIndex: number;
  /** As the server names it: 第1类第3项“服务人员”. */
  name: string;
}

/** Every item of the rubric in order, named as the server names it in its messages. */
export function rubricItems(rubric: Rubric): LocatedItem[] {
  return rubric.categories.flatMap((category, c) =>
    category.items.map((item: RubricItem, i) => ({
      item,
      categoryIndex: c,
      itemIndex: i,
      name: `第${c + 1}类第${i + 1}项“${item.label}”`,
    })),
  );
}

const EMPTY_ITEM: ItemDraft = { points: null, choiceKey: null, remark: '' };

export const itemDraftOf = (draft: SheetDraft, itemKey: string): ItemDraft => draft.items[itemKey] ?? EMPTY_ITEM;

/** The draft of a sheet as the server answered it. */
export function draftOf(sheet: ScoreSheetView): SheetDraft {
  const items: Record<string, ItemDraft> = {};
  for (const e of sheet.entries)
    items[e.itemKey] = { points: e.points ?? null, choiceKey: e.choiceKey ?? null, remark: e.remark ?? '' };
  return { version: sheet.version, items, opinion: sheet.opinion };
}

/** The entries a save sends: one per item, in the rubric's order; points on weighted items, choices on tiered. */
export function entriesOf(rubric: Rubric, draft: SheetDraft): ScoreEntry[] {
  return rubricItems(rubric).map(({ item }) => {
    const d = itemDraftOf(draft, item.key);
    const remark = d.remark.trim();
    if (rubric.kind === 'tiered') return { itemKey: item.key, choiceKey: d.choiceKey, remark };
    return item.scored ? { itemKey: item.key, points: d.points, remark } : { itemKey: item.key, remark };
  });
}

const sameItem = (a: ItemDraft, b: ItemDraft) =>
  a.points === b.points && a.choiceKey === b.choiceKey && a.remark.trim() === b.remark.trim();

/** The items whose typed value differs between two drafts (the version aside). */
export function changedItems(rubric: Rubric, a: SheetDraft, b: SheetDraft): string[] {
  return rubricItems(rubric)
    .map(({ item }) => item.key)
    .filter((key) => !sameItem(itemDraftOf(a, key), itemDraftOf(b, key)));
}

export const sameDraft = (rubric: Rubric, a: SheetDraft, b: SheetDraft) =>
  changedItems(rubric, a, b).length === 0 && a.opinion.trim() === b.opinion.trim();

/** Half up on a non-negative fraction p / q, in integers (as the server rounds). */
const roundHalfUp = (p: number, q: number) => Math.floor((2 * p + q) / (2 * q));

/**
 * The total the server will compute for the draft: weighted Σ(points × weight) exact in hundredths × ten-thousandths
 * and rounded once, half up, to 2 decimals; tiered Σ(points of the chosen tiers). Null while a figure is out of range
 * or has more than 2 decimals (the save will say which).
 */
export function previewTotal(rubric: Rubric, draft: SheetDraft): number | null {
  let units = 0;
  for (const { item } of rubricItems(rubric)) {
    const d = itemDraftOf(draft, item.key);
    if ('maxPoints' in item) {
      if (d.points === null) continue;
      const p = scaledInteger(d.points, rubricPrecision.points);
      if (p === null || d.points < 0 || d.points > item.maxPoints) return null;
      units += p * scaledInteger(item.weight, rubricPrecision.weight)!;
    } else if ('choices' in item && item.scored && d.choiceKey !== null) {
      const choice = item.choices.find((c) => c.key === d.choiceKey);
      if (choice) units += scaledInteger(choice.points, rubricPrecision.points)!;
    }
  }
  const cents = rubric.kind === 'weighted' ? roundHalfUp(units, 10 ** rubricPrecision.weight) : units;
  return cents / 100;
}

/** The request schema's prefix on a message (`entries.2.points（第3项）：`): the item is named on the screen instead. */
const SCHEMA_PREFIX = /^[^：]*entries\.[^：]*：/;

/** A refused save's field errors by item (`entries.3.points` → the fourth entry sent), the opinion's, the rest. */
export function errorsByItem(problems: readonly FieldError[], sent: readonly ScoreEntry[]) {
  const items = new Map<string, string[]>();
  const opinion: string[] = [];
  const rest: string[] = [];
  for (const p of problems) {
    const entry = /^entries\.(\d+)/.exec(p.field);
    const item = /^items\.(.+)$/.exec(p.field);
    const itemKey = entry ? sent[Number(entry[1])]?.itemKey : item?.[1];
    const message = p.message.replace(SCHEMA_PREFIX, '');
    if (itemKey) items.set(itemKey, [...(items.get(itemKey) ?? []), message]);
    else if (p.field === 'opinion') opinion.push(p.message);
    else rest.push(p.message);
  }
  return { items, opinion, rest };
}

/** How an item's value reads: 80分, a choice's label, 未评. */
export function valueText(item: RubricItem, d: Pick<ItemDraft, 'points' | 'choiceKey'>): string {
  if ('choices' in item) {
    const choice = item.choices.find((c) => c.key === d.choiceKey);
    if (!choice) return '未评';
    return 'points' in choice ? `${choice.label}（${choice.points}分）` : choice.label;
  }
  if (!item.scored) return '不计分';
  return d.points === null ? '未评' : `${d.points}分`;
}
