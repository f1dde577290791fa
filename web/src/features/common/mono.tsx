/** Table cell renderer for codes and numbers that read better in a fixed-width face. */
export function mono(value: string) {
  return <span className="mono">{value}</span>;
}
