import { useMutation } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client';
import { fieldName, showServerFieldErrors } from './formErrors';
import { refusalOf, type Refusal } from './refusal';

interface ActionOptions<V, T> {
  /** The request. */
  action: (variables: V) => Promise<T>;
  /** The message shown when it succeeds. */
  success: string | ((result: T, variables: V) => string);
  /** Its answer, for the cache and the screen (before the success message). */
  onDone?: (result: T, variables: V) => void;
  /** The server's field errors go onto these form fields; only the rest becomes the refusal. */
  fieldErrors?: { form: FormInstance | null; fields: readonly string[] };
}

/**
 * One action against the API, as every form and dialog runs it (a TanStack mutation): busy while it runs,
 * its answer handed to `onDone` with a success message, a refusal kept to show above the form. `run`
 * resolves with the answer, or null when the action was refused (a dialog closes on an answer).
 */
export function useAction<V = void, T = unknown>({ action, success, onDone, fieldErrors }: ActionOptions<V, T>) {
  const { message } = App.useApp();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const { mutateAsync, isPending, variables } = useMutation({ mutationFn: action });
  const form = fieldErrors?.form ?? null;
  const fields = fieldErrors?.fields;

  const run = useCallback(
    async (input: V): Promise<T | null> => {
      setRefusal(null);
      try {
        const result = await mutateAsync(input);
        onDone?.(result, input);
        message.success(typeof success === 'string' ? success : success(result, input));
        return result;
      } catch (error) {
        const problems = error instanceof ApiError ? (error.body.errors ?? []) : [];
        if (form && fields && problems.length > 0) {
          const rest = showServerFieldErrors(form, problems, fields);
          if (rest.length > 0) {
            setRefusal({
              code: 'VALIDATION_FAILED',
              title: (error as ApiError).message,
              message: rest.map((p) => `${fieldName(p.field)}：${p.message}`).join('；'),
            });
          }
        } else {
          setRefusal(refusalOf(error));
        }
        return null;
      }
    },
    [mutateAsync, onDone, success, form, fields, message],
  );

  const clearRefusal = useCallback(() => setRefusal(null), []);
  return {
    busy: isPending,
    /** What the running action was given, while it runs. */
    pending: isPending ? variables : undefined,
    refusal,
    clearRefusal,
    run,
  };
}
