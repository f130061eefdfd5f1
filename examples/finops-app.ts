import * as path from 'path';
import { buildFinOpsApp } from './finops-stack';
import { reviewAssembly } from '../src/review/review';

// The README's main command: synthesize the example app into cdk.out/ and print its review.
const outdir = path.join(__dirname, '..', 'cdk.out');
const { app } = buildFinOpsApp(outdir);
app.synth();
process.stdout.write(reviewAssembly(outdir));
