import { useCallback, useState } from 'react';
import type { UploadProgress } from '../../api/client';

export interface UploadState {
  fileName: string;
  percent: number;
}

/** One upload at a time with its progress, for a card or a table row. */
export function useUploadTask<T>(send: (file: File, onProgress: (p: UploadProgress) => void) => Promise<T>) {
  const [uploading, setUploading] = useState<UploadState | null>(null);
  const run = useCallback(
    async (file: File): Promise<T> => {
      setUploading({ fileName: file.name, percent: 0 });
      try {
        return await send(file, ({ percent }) => setUploading({ fileName: file.name, percent }));
      } finally {
        setUploading(null);
      }
    },
    [send],
  );
  return { uploading, run };
}
