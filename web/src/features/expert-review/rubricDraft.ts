import { rubricPrecision, rubricSchema, scaledInteger, type Rubric } from '#contract';

/**
 * The rubric as the province edits it in the round form: plain edits on a copy, keys made up for what is added
 * (experts' sheets refer to items by key, so existing keys never change), the schema's own findings by field,
 * and the running total the rubric must reach (100) while the rest is still being typed.
 *
 * A number being typed that is not a number yet is NaN in the draft; the schema refuses it by name ("须为数字"),
 * and the form does not save a draft the schema refuses.
 */

/** A copy of the rubric with `change` applied. */
export function edited(rubric: Rubric, change: (draft: Rubric) => void): Rubric {
  const draft = structuredClone(rubric);
  change(draft);
  return draft;
}

function keysOf(rubric: Rubric): Set<string> {
  const keys = new Set<string>();
  for (const category of rubric.categories) {
    keys.add(category.key);
    for (const item of category.items) {
      keys.add(item.key);
      if ('choices' in item) for (const choice of item.choices) keys.add(choice.key);
    }
  }
  return keys;
}

/** `count` keys used nowhere in the rubric: `prefix` and the first free numbers. */
export function freshKeys(rubric: Rubric, prefix: 'category' | 'item' | 'choice', count = 1): string[] {
  const taken = keysOf(rubric);
  const keys: string[] = [];
  for (let n = 1; keys.length < count; n += 1) {
    if (!taken.has(`${prefix}${n}`)) keys.push(`${prefix}${n}`);
  }
  return keys;
}

const freshKey = (rubric: Rubric, prefix: 'category' | 'item' | 'choice') => freshKeys(rubric, prefix)[0]!;

/** Moves the element at `from` by `by` places (−1 up, +1 down) when there is room. */
export function move<T>(list: T[], from: number, by: -1 | 1): void {
  const to = from + by;
  if (to < 0 || to >= list.length) return;
  [list[from], list[to]] = [list[to]!, list[from]!];
}

export function addCategory(rubric: Rubric): Rubric {
  return edited(rubric, (draft) => {
    const key = freshKey(draft, 'category');
    const itemKey = freshKey(draft, 'item');
    if (draft.kind === 'weighted') {
      draft.categories.push({
        key,
        label: '',
        items: [{ key: itemKey, label: '', guidance: '', scored: true, maxPoints: 100, weight: Number.NaN }],
      });
    } else {
      draft.categories.push({ key, label: '', minimum: null, items: [newTieredItem(draft, itemKey)] });
    }
  });
}

function newTieredItem(rubric: Rubric, key: string) {
  const [first, second] = freshKeys(rubric, 'choice', 2) as [string, string];
  return {
    key,
    label: '',
    guidance: '',
    scored: true as const,
    choices: [
      { key: first, label: '', points: 0 },
      { key: second, label: '', points: Number.NaN },
    ],
  };
}

export function addItem(rubric: Rubric, categoryIndex: number): Rubric {
  return edited(rubric, (draft) => {
    const key = freshKey(draft, 'item');
    if (draft.kind === 'weighted') {
      draft.categories[categoryIndex]!.items.push({
        key,
        label: '',
        guidance: '',
        scored: true,
        maxPoints: 100,
        weight: Number.NaN,
      });
    } else {
      draft.categories[categoryIndex]!.items.push(newTieredItem(draft, key));
    }
  });
}

/** Removes an item, and any 直通 condition that named it. */
export function removeItem(rubric: Rubric, categoryIndex: number, itemIndex: number): Rubric {
  return edited(rubric, (draft) => {
    const [gone] = draft.categories[categoryIndex]!.items.splice(itemIndex, 1);
    if (draft.kind === 'tiered' && gone) draft.directPass = draft.directPass.filter((d) => d.itemKey !== gone.key);
  });
}

/** Removes a category with its items, and any 直通 condition that named one of them. */
export function removeCategory(rubric: Rubric, categoryIndex: number): Rubric {
  return edited(rubric, (draft) => {
    const [gone] = draft.categories.splice(categoryIndex, 1);
    const keys = new Set(gone?.items.map((i) => i.key));
    if (draft.kind === 'tiered') draft.directPass = draft.directPass.filter((d) => !keys.has(d.itemKey));
  });
}

/**
 * Turns an item into one that scores or one that only informs: a weighted item that scores again starts at
 * 满分100 with its weight to fill in; a tiered item's choices gain (0) or lose their points.
 */
export function setScored(rubric: Rubric, categoryIndex: number, itemIndex: number, scored: boolean): Rubric {
  return edited(rubric, (draft) => {
    if (draft.kind === 'weighted') {
      const items = draft.categories[categoryIndex]!.items;
      const { key, label, guidance } = items[itemIndex]!;
      items[itemIndex] = scored
        ? { key, label, guidance, scored: true, maxPoints: 100, weight: Number.NaN }
        : { key, label, guidance, scored: false };
      return;
    }
    const items = draft.categories[categoryIndex]!.items;
    const { key, label, guidance, choices } = items[itemIndex]!;
    items[itemIndex] = scored
      ? { key, label, guidance, scored: true, choices: choices.map((c) => ({ key: c.key, label: c.label, points: 0 })) }
      : { key, label, guidance, scored: false, choices: choices.map((c) => ({ key: c.key, label: c.label })) };
  });
}

export function addChoice(rubric: Rubric, categoryIndex: number, itemIndex: number): Rubric {
  return edited(rubric, (draft) => {
    if (draft.kind !== 'tiered') return;
    const item = draft.categories[categoryIndex]!.items[itemIndex]!;
    const key = freshKey(draft, 'choice');
    if (item.scored) item.choices.push({ key, label: '', points: Number.NaN });
    else item.choices.push({ key, label: '' });
  });
}

/** Removes a tier, and any 直通 condition that named it. */
export function removeChoice(rubric: Rubric, categoryIndex: number, itemIndex: number, choiceIndex: number): Rubric {
  return edited(rubric, (draft) => {
    if (draft.kind !== 'tiered') return;
    const item = draft.categories[categoryIndex]!.items[itemIndex]!;
    const [gone] = item.choices.splice(choiceIndex, 1);
    draft.directPass = draft.directPass.filter((d) => !(d.itemKey === item.key && d.choiceKey === gone?.key));
  });
}

/** The schema's findings on the draft, by field path ("categories.0.items.1.weight"; "" for the whole). */
export function rubricIssues(rubric: Rubric): Map<string, string> {
  const found = new Map<string, string>();
  const parsed = rubricSchema.safeParse(rubric);
  if (parsed.success) return found;
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    if (!found.has(path)) found.set(path, issue.message);
  }
  return found;
}

export interface RunningTotal {
  /** What the scored items can give at most: Σ 满分 × 权重 (weighted) or Σ 最高档 (tiered); null while a figure is not one. */
  total: number | null;
  /** What the rubric must add up to. */
  target: 100;
}

/** The total the rubric's scored items reach, in the schema's exact integer units. */
export function runningTotal(rubric: Rubric): RunningTotal {
  const unit = rubricPrecision.points + (rubric.kind === 'weighted' ? rubricPrecision.weight : 0);
  let sum = 0;
  for (const category of rubric.categories) {
    for (const item of category.items) {
      if (!item.scored) continue;
      if ('maxPoints' in item) {
        const max = scaledInteger(item.maxPoints, rubricPrecision.points);
        const weight = scaledInteger(item.weight, rubricPrecision.weight);
        if (max === null || weight === null) return { total: null, target: 100 };
        sum += max * weight;
      } else {
        const best = Math.max(...item.choices.map((c) => c.points));
        const max = scaledInteger(best, rubricPrecision.points);
        if (max === null) return { total: null, target: 100 };
        sum += max;
      }
    }
  }
  return { total: sum / 10 ** unit, target: 100 };
}
