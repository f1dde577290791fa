import { z } from 'zod';
import { applicationDraftSchema, institutionInputSchema, loginInputSchema } from '#contract';

/**
 * The longest text a shared string schema accepts (through `.optional()` and `.nullable()`), for an
 * input's `maxLength`: the limit is written once, in the schema the server checks.
 */
export function maxLengthOf(schema: z.ZodType): number {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodString && inner.maxLength !== null) return inner.maxLength;
  throw new Error('maxLengthOf: the schema is not a string schema with a maximum length');
}

/** The fields of a shared input schema: the server's field errors on them go onto the form's fields. */
export function fieldsOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}

/** A phone's schema (mobileOrLandline) is a pattern without a length: inputs take as much as a draft's phone. */
export const PHONE_MAX_LENGTH = maxLengthOf(applicationDraftSchema.shape.contactPhone);

/** A USCC has 18 characters, as an institution's is checked. */
export const USCC_LENGTH = maxLengthOf(institutionInputSchema.shape.uscc);

/** A user name's pattern says its length; login takes as much. */
export const USERNAME_MAX_LENGTH = maxLengthOf(loginInputSchema.shape.username);
