import type { FormRule } from 'antd';
import type { ZodType } from 'zod';

/** An antd form rule that checks a value with one of the shared Zod schemas, so both sides agree. */
export function zodRule(schema: ZodType): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = schema.safeParse(value ?? '');
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}
