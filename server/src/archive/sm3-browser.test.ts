import { createHash, randomBytes } from 'node:crypto';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SM3_BROWSER_SOURCE } from './sm3-browser.js';

type Hasher = { update(b: Uint8Array): Hasher; hex(): string };
const SM3 = vm.runInNewContext(`${SM3_BROWSER_SOURCE}; SM3`, { Uint8Array, Uint32Array, Math }) as new () => Hasher;

describe('the offline page’s SM3', () => {
  it.each([0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000, 1 << 20])('matches node:crypto for %d bytes', (n) => {
    const data = randomBytes(n);
    expect(new SM3().update(data).hex()).toBe(createHash('sm3').update(data).digest('hex'));
  });

  it('matches the standard’s example “abc” and any chunking', () => {
    expect(new SM3().update(Buffer.from('abc')).hex()).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    const data = randomBytes(10_000);
    const h = new SM3();
    for (let i = 0; i < data.length; i += 777) h.update(data.subarray(i, i + 777));
    expect(h.hex()).toBe(createHash('sm3').update(data).digest('hex'));
  });
});
