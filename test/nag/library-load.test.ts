// Requiring the library must not load cdk-nag's index: it loads every rule of every cdk-nag pack
// (about 270 files and 55 aws-cdk-lib modules), which apps that never use FinOpsChecks would pay
// for at every synth. The index is replaced by a module that fails when it is loaded (ts-jest
// hoists jest.mock above the imports).
import { NagPack } from 'cdk-nag/lib/nag-pack';
import { FinOpsChecks } from '../../src';

jest.mock('cdk-nag', () => {
  throw new Error('cdk-nag\'s index was loaded');
});

test('the library loads without cdk-nag\'s index, and FinOpsChecks still is a cdk-nag NagPack', () => {
  expect(new FinOpsChecks()).toBeInstanceOf(NagPack);
});
