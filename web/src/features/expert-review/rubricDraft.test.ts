import { describe, expect, it } from 'vitest';
import { innovativeSmeRubric2022, publicServicePlatformRubric2017, rubricSchema, type Rubric } from '#contract';
import {
  addCategory,
  addChoice,
  addItem,
  edited,
  freshKeys,
  removeCategory,
  removeChoice,
  removeItem,
  rubricIssues,
  runningTotal,
  setScored,
} from './rubricDraft';

const keysIn = (rubric: Rubric) =>
  rubric.categories.flatMap((c) => [c.key, ...c.items.map((i: { key: string }) => i.key)]);

describe('the rubric as the province edits it', () => {
  it('starts from either template with nothing to correct and its scored items adding up to 100', () => {
    for (const template of [publicServicePlatformRubric2017, innovativeSmeRubric2022]) {
      expect(rubricIssues(template).size).toBe(0);
      expect(runningTotal(template).total).toBe(100);
    }
  });

  it('edits a copy and never the rubric it was given', () => {
    const before = structuredClone(publicServicePlatformRubric2017);
    const after = edited(publicServicePlatformRubric2017, (d) => void (d.title = '改过的评分表'));
    expect(after.title).toBe('改过的评分表');
    expect(publicServicePlatformRubric2017).toEqual(before);
  });

  it('gives what it adds keys used nowhere else, so an expert’s entries keep pointing at the same items', () => {
    const [a, b] = freshKeys(publicServicePlatformRubric2017, 'item', 2);
    expect(a).not.toBe(b);
    expect(keysIn(publicServicePlatformRubric2017)).not.toContain(a);
    let rubric: Rubric = publicServicePlatformRubric2017;
    for (let n = 0; n < 5; n += 1) rubric = addItem(addCategory(rubric), 0);
    const keys = keysIn(rubric);
    expect(new Set(keys).size).toBe(keys.length);
    const old = keysIn(publicServicePlatformRubric2017);
    expect(keys.slice(0, 3)).toEqual(old.slice(0, 3));
  });

  it('names the weight still to be filled in, shows no total until it is, and is right once the weights add up', () => {
    let rubric = addItem(publicServicePlatformRubric2017, 0);
    const at = `categories.0.items.${rubric.categories[0]!.items.length - 1}`;
    expect(rubricIssues(rubric).get(`${at}.weight`)).toBe('须为数字');
    expect(rubricIssues(rubric).get(`${at}.label`)).toBeTruthy();
    expect(runningTotal(rubric).total).toBeNull();

    // The new item weighs 0.1, so the first one gives up 0.1: the total stays 100.
    rubric = edited(rubric, (d) => {
      if (d.kind !== 'weighted') return;
      const items = d.categories[0]!.items;
      const added = items[items.length - 1]!;
      if (added.scored) added.weight = 0.1;
      added.label = '信息化水平';
    });
    expect(runningTotal(rubric).total).toBe(110);
    expect(rubricIssues(rubric).get('categories')).toBe('各计分项“满分×权重”之和须为100，现为110');
    rubric = edited(rubric, (d) => {
      const first = d.categories[0]!.items[0]!;
      if ('weight' in first) first.weight = 0.05;
      const second = d.categories[0]!.items[1]!;
      if ('weight' in second) second.weight = 0.05;
    });
    expect(runningTotal(rubric).total).toBe(100);
    expect(rubricIssues(rubric).size).toBe(0);
    expect(rubricSchema.safeParse(rubric).success).toBe(true);
  });

  it('drops the 直通 conditions that named a removed tier, item or category', () => {
    const [condition] = innovativeSmeRubric2022.directPass;
    expect(condition).toBeDefined();
    const where = innovativeSmeRubric2022.categories.flatMap((category, c) =>
      category.items.map((item, i) => ({ c, i, item })),
    );
    const named = where.find((w) => w.item.key === condition!.itemKey)!;
    const h = named.item.choices.findIndex((ch) => ch.key === condition!.choiceKey);

    const withoutTier = removeChoice(innovativeSmeRubric2022, named.c, named.i, h);
    expect(withoutTier.kind === 'tiered' && withoutTier.directPass).not.toContainEqual(condition);
    const withoutItem = removeItem(innovativeSmeRubric2022, named.c, named.i);
    expect(withoutItem.kind === 'tiered' && withoutItem.directPass.some((d) => d.itemKey === condition!.itemKey)).toBe(
      false,
    );
    const withoutCategory = removeCategory(innovativeSmeRubric2022, named.c);
    expect(
      withoutCategory.kind === 'tiered' && withoutCategory.directPass.some((d) => d.itemKey === condition!.itemKey),
    ).toBe(false);
    for (const rubric of [withoutItem, withoutCategory])
      expect(rubricIssues(rubric).has('directPass.0.itemKey')).toBe(false);
  });

  it('turns a tiered item into one that only informs and back, its tiers losing and regaining points', () => {
    const off = setScored(innovativeSmeRubric2022, 0, 0, false);
    const item = off.categories[0]!.items[0]!;
    expect(item.scored).toBe(false);
    expect('choices' in item && item.choices.every((c) => !('points' in c))).toBe(true);
    // The item’s 20 points are gone from the total.
    expect(runningTotal(off).total).toBe(80);
    expect(rubricIssues(off).get('categories')).toBe('各计分项最高档分值之和须为100，现为80');

    const on = setScored(off, 0, 0, true);
    const back = on.categories[0]!.items[0]!;
    expect('choices' in back && back.choices.every((c) => 'points' in c && c.points === 0)).toBe(true);
    const tier = addChoice(on, 0, 0);
    const tiers = tier.categories[0]!.items[0]!;
    expect('choices' in tiers && tiers.choices.length).toBe(6);
    expect(rubricIssues(tier).get('categories.0.items.0.choices.5.points')).toBe('须为数字');
  });
});
