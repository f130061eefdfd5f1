/**
 * aws-local-stepfunctions v3 (the local States Language interpreter the deployed-behaviour tests
 * run synthesized state machines in) calls `Promise.withResolvers`, which Node 20 lacks. Import
 * the interpreter from here, never directly, so the shim is in place first.
 */
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const promiseConstructor = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
if (typeof promiseConstructor.withResolvers !== 'function') {
  promiseConstructor.withResolvers = <T>(): Resolvers<T> => {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((resolvePromise, rejectPromise) => {
      resolve = resolvePromise;
      reject = rejectPromise;
    });
    return { promise, resolve, reject };
  };
}

// The package is an ES module with a CommonJS build: required here, after the shim, typed from its declarations.
type LocalStepFunctions = typeof import('aws-local-stepfunctions', { with: { 'resolution-mode': 'import' } });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const localStepFunctions = require('aws-local-stepfunctions') as LocalStepFunctions;

export const StateMachine = localStepFunctions.StateMachine;
