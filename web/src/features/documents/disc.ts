/** Recordable discs by their capacity, smallest first. */
const DISCS = [
  { name: 'CD-R', bytes: 700 * 1024 * 1024 },
  { name: 'DVD±R', bytes: 4_700_000_000 },
  { name: '双层 DVD±R DL', bytes: 8_500_000_000 },
  { name: 'BD-R', bytes: 25_000_000_000 },
];

/** Which one disc holds this many bytes, keeping 5% for the file system. */
export function discFor(bytes: number): string {
  const disc = DISCS.find((d) => bytes <= d.bytes * 0.95);
  return disc ? `可刻录到一张 ${disc.name}` : '超过一张 BD-R 的容量，请分盘刻录或联系省厅';
}
