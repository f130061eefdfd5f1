// Loading FinOpsBudget does not load what only budgets with an alert handler use: aws-lambda and the
// handler's function class cost a synth process about 200 ms. Nor aws-chatbot, which the alert topic
// needs only to recognize a chat channel reading it, nor aws-ce, which the account quotas need only to
// recognize an anomaly monitor.

test('the FinOpsBudget module loads without aws-lambda, aws-logs, aws-chatbot, aws-ce or the alert handler function', () => {
  const loaded: string[] = [];
  jest.isolateModules(() => {
    for (const module of ['aws-cdk-lib/aws-lambda', 'aws-cdk-lib/aws-logs', 'aws-cdk-lib/aws-sns-subscriptions', 'aws-cdk-lib/aws-chatbot', 'aws-cdk-lib/aws-ce', '../../src/budgets/alert-handler-function']) {
      jest.doMock(module, () => {
        loaded.push(module);
        return jest.requireActual(module);
      });
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load of the module is what is tested
    require('../../src/budgets/finops-budget');
  });
  expect(loaded).toEqual([]);
});
