import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidUscc, normalizeUscc, USCC_ALPHABET, usccCheckCharacter } from './uscc.js';

describe('USCC (GB 32100-2015)', () => {
  it.each(['91310110666007217T', '91310115591693856A', '91350100M000100Y43'])(
    'accepts the brief’s valid example %s',
    (code) => {
      expect(isValidUscc(code)).toBe(true);
    },
  );

  it.each([
    ['91310110666007217A', 'wrong check character'],
    ['9131011066600721', 'too short'],
    ['91310110666007217TT', 'too long'],
    ['91310110666OO7217T', 'contains O'],
    ['9I310110666007217T', 'contains I'],
    ['91A10110666007217T', 'letter in the region code'],
    ['91310110666007217t', 'lower case'],
    ['', 'empty'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('normalizes pasted codes', () => {
    expect(normalizeUscc(' 9131 0110 6660 0721 7t ')).toBe('91310110666007217T');
  });

  it.each([
    ['000000000000000000', 'all zeros: a valid check character, but no registration authority or region'],
    ['01410300MA44X7TG1J', 'registration authority 0'],
    ['90410300MA44X7TG1J', 'unit category 0'],
    ['91000000MA0000000X', 'no region'],
    ['91990000MA0000000X', 'no such province'],
  ])('rejects %s (%s)', (code) => {
    expect(isValidUscc(code.slice(0, 17) + usccCheckCharacter(code.slice(0, 17)))).toBe(false);
  });

  const charOf = fc.constantFrom(...USCC_ALPHABET.split(''));
  const first17 = fc
    .tuple(
      fc.constantFrom(...'123456789ANY'.split('')),
      fc.constantFrom(...'123456789'.split('')),
      fc.constantFrom('10', '11', '31', '41', '65', '82'),
      fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: 4, maxLength: 4 }),
      fc.array(charOf, { minLength: 9, maxLength: 9 }),
    )
    .map(([a, b, p, d, c]) => [a, b, p, ...d, ...c].join(''));

  it('accepts every generated code with its computed check character', () => {
    fc.assert(fc.property(first17, (s) => isValidUscc(s + usccCheckCharacter(s))));
  });

  it('rejects every generated code whose check character is changed', () => {
    fc.assert(
      fc.property(first17, charOf, (s, c) => {
        fc.pre(c !== usccCheckCharacter(s));
        return !isValidUscc(s + c);
      }),
    );
  });

  it('detects every single-character substitution in the first 17 characters', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 8, max: 16 }), charOf, (s, i, c) => {
        fc.pre(s[i] !== c);
        const code = s + usccCheckCharacter(s);
        const changed = code.slice(0, i) + c + code.slice(i + 1);
        return !isValidUscc(changed);
      }),
    );
  });
});
