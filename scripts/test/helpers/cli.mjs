// Runs the `landchain` CLI as a person does: a child process against a node's URL, with none of
// the caller's signer, password or URL in its environment, so a test sees exactly what it passes.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI's entry point. */
export const CLI = fileURLToPath(new URL('../../src/cli.mjs', import.meta.url));

/** The environment without any signer, password or URL of the caller's. */
export const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !['LANDCHAIN_SIGNER', 'LANDCHAIN_PASSWORD', 'LANDCHAIN_URL'].includes(key)),
);

/**
 * Runs `landchain --url <url> …args` (with `env` added to the clean environment); resolves
 * `{ code, stdout, stderr }` and never rejects on a non-zero exit. Killed after `timeoutMs`.
 */
export function runCli(url, args, { env = {}, timeoutMs = 150_000 } = {}) {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, '--url', url, ...args],
      { env: { ...cleanEnv, ...env }, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

/** Asserts a CLI run succeeded and returns its stdout. */
export function ok(run) {
  assert.equal(run.code, 0, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run.stdout;
}
