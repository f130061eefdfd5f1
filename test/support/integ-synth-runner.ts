// Runs integration test apps one after the other in this process (see synthesizeIntegTests): each
// app's `new App()` reads CDK_OUTDIR, so it is set before the app's file is loaded.
import type { IntegSynthesis } from './integ-snapshots';

const syntheses: IntegSynthesis[] = JSON.parse(process.argv[2]);
for (const { testFile, outdir } of syntheses) {
  process.env.CDK_OUTDIR = outdir;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(testFile);
}
