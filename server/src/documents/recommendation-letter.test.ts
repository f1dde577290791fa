import { describe, expect, it } from 'vitest';
import {
  buildRecommendationLetter,
  renderRecommendationLetterDocx,
  type LetterPlatform,
} from './recommendation-letter.js';
import { entryText } from './zip-entry.test-support.js';

const platform: LetterPlatform = {
  platformName: '洛阳慧智中小企业公共服务平台',
  unitName: '洛阳慧智中小企业服务有限公司',
  channelWords: '市推荐名额',
  siteCheckedOn: '2022-06-18',
  interview: { heldOn: '2022-06-20', principalName: '王经理', principalTitle: '总经理', result: '符合要求' },
};

/** The text of each paragraph of a document.xml, in order. */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => ({
    xml: m[0],
    text: [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));

describe('推荐文件 in Word', () => {
  it('puts each attachment on a line of its own, the later ones aligned under the first one’s name', async () => {
    const letter = buildRecommendationLetter(2022, '洛阳市', [platform], '2022-12-05');
    expect(letter.attachments.length).toBeGreaterThan(1);
    const xml = await entryText(await renderRecommendationLetterDocx(letter), 'word/document.xml');
    const all = paragraphs(xml);
    const first = all.findIndex((p) => p.text.startsWith('附件：'));
    expect(first).toBeGreaterThan(0);
    expect(all[first]!.text).toBe(`附件：${letter.attachments[0]}`);
    letter.attachments.slice(1).forEach((a, i) => {
      const p = all[first + 1 + i]!;
      expect(p.text).toBe(a);
      expect(p.xml).toMatch(/<w:ind w:left="1600"\/>/);
    });
    expect(xml).not.toMatch(/附件：[^<]*\n/);
    expect(all.at(-1)!.text).toBe('2022年12月5日');
  });

  it('sets its lines on the 28 pt grid exactly', async () => {
    const letter = buildRecommendationLetter(2022, '洛阳市', [platform], '2022-12-05');
    const xml = await entryText(await renderRecommendationLetterDocx(letter), 'word/document.xml');
    const spacings = [...xml.matchAll(/<w:spacing [^>]*w:line="(\d+)"[^>]*\/>/g)].map((m) => m[0]);
    expect(spacings.length).toBeGreaterThan(3);
    for (const s of spacings) expect(s).toMatch(/w:lineRule="exact"/);
  });
});
