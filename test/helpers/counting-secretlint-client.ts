/**
 * The scanner's secretlint client with `beginSecretlintScan` counted: for `jest.mock` factories
 * of tests that assert how many requests reach the worker (each call records how many texts it
 * carried in the list `calls()` returns, read at each call: the factory runs before the test
 * file's own variables exist), the real worker still answering.
 */
export function countingSecretlintClient(calls: () => number[]): unknown {
  const actual = jest.requireActual('../../src/review/secrets/secretlint-client');
  return {
    ...actual,
    beginSecretlintScan: (texts: string[]) => {
      calls().push(texts.length);
      return actual.beginSecretlintScan(texts);
    },
  };
}
