/** One printed figure: `name value unit`. */
export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** Milliseconds `work` takes. */
export function timed(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median time of `repeats` runs of `work`. */
export function medianTime(repeats: number, work: () => void): number {
  return median(Array.from({ length: repeats }, () => timed(work)));
}

export function formatMeasurement(measurement: Measurement): string {
  const value = Number.isInteger(measurement.value) ? String(measurement.value) : measurement.value.toFixed(3);
  return `${measurement.name} ${value} ${measurement.unit}`;
}
