import { SynthesizedStack } from '../template';

/** The review of this area's resources in a stack (filled in by the optimization issue). */
export function reviewOptimization(_stack: SynthesizedStack): string[] {
  return [];
}
