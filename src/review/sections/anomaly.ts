import { SynthesizedStack } from '../template';

/** The review of this area's resources in a stack (filled in by the anomaly issue). */
export function reviewAnomalyDetection(_stack: SynthesizedStack): string[] {
  return [];
}
