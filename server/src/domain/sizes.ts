/** A size limit in words for messages: “20 MB”, “1 MB”, “1.5 MB”, “512 KB” (binary units, as the limits are set). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} 字节`;
}
