import type { FormRule } from 'antd';
import { passwordProblem } from '#contract';

/** A new password: today's policy, as the server checks it. */
export const newPasswordRules: FormRule[] = [
  { required: true, message: '须填写' },
  {
    validator: async (_r, v: string | undefined) => {
      const p = v ? passwordProblem(v) : null;
      if (p) throw new Error(p);
    },
  },
];

/** The new password typed again, in the field after `field`. */
export function repeatedPasswordRules(field: string, requiredMessage: string): FormRule[] {
  return [
    { required: true, message: requiredMessage },
    ({ getFieldValue }) => ({
      validator: async (_r, v: string | undefined) => {
        if (v && v !== getFieldValue(field)) throw new Error('两次输入的密码不一致');
      },
    }),
  ];
}
