import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/review/cli';

/** What one run of finops-review gave: its exit status and what it wrote. */
export interface ReviewRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs finops-review in this process with the arguments, as its bin would, capturing what it writes. */
export function runReview(...argv: string[]): ReviewRun {
  let stdout = '';
  let stderr = '';
  const status = main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

const tempDirs: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs (call it in afterAll). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finops-review-'));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  tempDirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
}
