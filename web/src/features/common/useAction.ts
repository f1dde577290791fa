import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client';
import { refusalOf, type Refusal } from '../review/reviewLabels';
import { fieldName, showServerFieldErrors } from './formErrors';

/**
 * One action against the API, as every form and dialog runs it: busy while it runs, its answer handed to
 * `onDone` with a success message, a refusal kept to show above the form. With `fieldErrors`, the
 * server's field errors go onto those form fields and only the rest becomes the refusal. `run` resolves
 * with the answer, or null when the action was refused (a dialog closes on an answer).
 */
export function useAction<T>(
  onDone: (result: T) => void,
  fieldErrors?: { form: FormInstance | null; fields: readonly string[] },
) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const form = fieldErrors?.form ?? null;
  const fields = fieldErrors?.fields;

  const run = useCallback(
    async (action: () => Promise<T>, success: string): Promise<T | null> => {
      setBusy(true);
      setRefusal(null);
      try {
        const result = await action();
        onDone(result);
        message.success(success);
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
      } finally {
        setBusy(false);
      }
    },
    [form, fields, onDone, message],
  );

  return { busy, refusal, clearRefusal: () => setRefusal(null), run };
}
