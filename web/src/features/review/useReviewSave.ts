import { App, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import type { ReviewView } from '../../../../shared/src/index.js';
import { ApiError } from '../../api/client';
import { fieldName, showServerFieldErrors } from '../common/formErrors';
import { refusalOf, type Refusal } from './reviewLabels';

/**
 * Saving one part of the review: the answer is the whole ReviewView; field errors go on the form,
 * anything else is shown as a refusal above it.
 */
export function useReviewSave(form: FormInstance | null, fields: readonly string[], onView: (view: ReviewView) => void) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const save = useCallback(
    async (action: () => Promise<ReviewView>, success: string): Promise<ReviewView | null> => {
      setSaving(true);
      setRefusal(null);
      try {
        const view = await action();
        onView(view);
        message.success(success);
        return view;
      } catch (error) {
        const problems = error instanceof ApiError ? (error.body.errors ?? []) : [];
        if (form && problems.length > 0) {
          const rest = showServerFieldErrors(form, problems, fields);
          if (rest.length > 0) {
            setRefusal({ code: 'VALIDATION_FAILED', title: (error as ApiError).message, message: rest.map((p) => `${fieldName(p.field)}：${p.message}`).join('；') });
          }
        } else {
          setRefusal(refusalOf(error));
        }
        return null;
      } finally {
        setSaving(false);
      }
    },
    [form, fields, onView, message],
  );

  return { saving, refusal, clearRefusal: () => setRefusal(null), save };
}
