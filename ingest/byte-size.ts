/**
 * Response sizes as text: parsed from what people type (`16`, `512B`, `4K`, `4KiB`, `1M`, `1MiB`; K and M are
 * binary, 1024 and 1048576) and labelled back, exactly (`64 KiB`, the id `64KiB` that names a sweep point's
 * folders) or roughly (`about 11 KiB`, for an interpolated size). Pure.
 */

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1048576, mb: 1048576, mib: 1048576 };

/**
 * Bytes from a size as typed; throws an Error naming the text when it is not a whole, positive number of bytes.
 *
 * @example
 * parseByteSize('4KiB') // -> 4096
 * parseByteSize('1.5K') // -> 1536
 * parseByteSize('16') // -> 16
 * parseByteSize('2x') // throws "'2x' is not a size (examples: 16, 512B, 4K, 64KiB, 1M)"
 */
export function parseByteSize(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw.trim());
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new Error(`'${raw}' is not a size (examples: 16, 512B, 4K, 64KiB, 1M)`);
  const bytes = Number(m[1]) * unit;
  if (!Number.isInteger(bytes) || bytes < 1) throw new Error(`'${raw}' is not a whole, positive number of bytes`);
  return bytes;
}

/**
 * The exact label of a size: MiB or KiB when it is a whole multiple, else bytes. Different sizes never share
 * a label.
 *
 * @example
 * sizeLabel(65536) // -> '64 KiB'
 * sizeLabel(1048576) // -> '1 MiB'
 * sizeLabel(1536) // -> '1536 B'
 */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1048576 && bytes % 1048576 === 0) return `${bytes / 1048576} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/**
 * The id of a sweep point at this size: its label without the space (it names folders).
 *
 * @example
 * sizeId(65536) // -> '64KiB'
 */
export function sizeId(bytes: number): string {
  return sizeLabel(bytes).replace(' ', '');
}

/**
 * A size that is an estimate (a break-even between measured sizes), to two significant digits.
 *
 * @example
 * approxSizeLabel(11585.2) // -> '11 KiB'
 * approxSizeLabel(700.4) // -> '700 B'
 * approxSizeLabel(1572864) // -> '1.5 MiB'
 */
export function approxSizeLabel(bytes: number): string {
  const two = (x: number) => String(Number(x.toPrecision(2)));
  if (bytes >= 1048576 * 0.995) return `${two(bytes / 1048576)} MiB`;
  if (bytes >= 1024 * 0.995) return `${two(bytes / 1024)} KiB`;
  return `${two(bytes)} B`;
}
