import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { UploadProgress } from '../../api/client';

export interface UploadState {
  fileName: string;
  percent: number;
}

/** One upload at a time with its progress, for a card or a table row (a TanStack mutation). */
export function useUploadTask<T>(send: (file: File, onProgress: (p: UploadProgress) => void) => Promise<T>) {
  const [percent, setPercent] = useState(0);
  const { mutateAsync, isPending, variables } = useMutation({
    mutationFn: (file: File) => {
      setPercent(0);
      return send(file, (progress) => setPercent(progress.percent));
    },
  });
  const uploading: UploadState | null = isPending && variables ? { fileName: variables.name, percent } : null;
  return { uploading, run: mutateAsync };
}
