import { describe, expect, it } from 'vitest';
import { maskPhone } from './masking.js';

describe('maskPhone', () => {
  it.each([
    ['13812341234', '138****1234'],
    ['0371-65507615', '0371-****7615'],
    ['123', '****'],
  ])('%s → %s', (input, masked) => expect(maskPhone(input)).toBe(masked));
});
