// Starts a real `landchain-node` — `--dev --tmp` for a test file, or any chain spec for the load
// generator — on loopback ports the operating system picks when the node binds them (`--rpc-port 0`,
// `/tcp/0`: no port is chosen here and then raced for by another node started at the same time;
// the RPC port is read from the node's own log), and always stops it: at the end of the file, on
// failure, on a test timeout, and when the process exits or is interrupted. Under scripts/e2e.sh
// (LANDCHAIN_E2E_RUN_DIR set) each node's process group id is also recorded where e2e.sh kills
// leftovers.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The node binary: `LANDCHAIN_NODE`, else the lead's release build. */
export const NODE_BINARY =
  process.env.LANDCHAIN_NODE || join(process.env.HOME ?? '', '.cache/landchain/target/release/landchain-node');

/** How long a fresh dev node may take to serve RPC and author its first blocks. */
const START_TIMEOUT_MS = Number(process.env.LANDCHAIN_NODE_START_TIMEOUT_MS ?? 90_000);
/** How long a node may take to stop after SIGINT before it is killed. */
const STOP_TIMEOUT_MS = 20_000;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every node this process started and has not stopped yet, killed on exit as a last resort. */
const running = new Set();
let hooksInstalled = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Synchronous last resort: whatever ends this process, its nodes die with it.
  process.on('exit', () => {
    for (const node of running) killGroup(node.pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      for (const node of running) killGroup(node.pid, 'SIGKILL');
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[signal]);
    });
  }
}

/**
 * The RPC port the node reports binding in its log (`Running JSON-RPC server:
 * addr=127.0.0.1:43037,[::1]:34631`), reading the log from byte `from` on; null until it has.
 */
export function rpcPortFromLog(logFile, from = 0) {
  let text;
  try {
    const fd = openSync(logFile, 'r');
    try {
      const length = Math.max(0, statSync(logFile).size - from);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, from);
      text = buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  const match = /Running JSON-RPC server: addr=127\.0\.0\.1:(\d+)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** A running node: `url` and `rpcPort` (once it serves RPC), `pid`, `logFile`, and `stop()`. */
export class DevNode {
  constructor({ child, logFile, workDir }) {
    this.child = child;
    this.pid = child.pid;
    this.rpcPort = null;
    this.url = null;
    this.logFile = logFile;
    this.workDir = workDir;
    this.exited = false;
    this.exitCode = null;
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = true;
        this.exitCode = code ?? signal;
        resolve(this.exitCode);
      });
    });
    this.pidFile = null;
    // With LANDCHAIN_E2E_RUN_DIR (set by e2e.sh), the node's process group id is recorded there so
    // that e2e.sh can kill it even if this process is killed without a chance to clean up.
    const runDir = process.env.LANDCHAIN_E2E_RUN_DIR;
    if (runDir && existsSync(runDir)) {
      this.pidFile = join(runDir, `node-${this.pid}.pgid`);
      writeFileSync(this.pidFile, `${this.pid}\n`);
    }
  }

  /** The last lines of the node's log, for failure messages (long lines, such as a genesis error
   * quoting the whole genesis JSON, cut). */
  logTail(lines = 40) {
    try {
      return readFileSync(this.logFile, 'utf8')
        .split('\n')
        .slice(-lines)
        .map((line) => (line.length > 2000 ? `${line.slice(0, 2000)} … (${line.length} characters)` : line))
        .join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Stops the node: SIGINT to its process group, SIGKILL if it has not exited in time. */
  async stop() {
    if (!this.exited) {
      killGroup(this.pid, 'SIGINT');
      const stopped = await Promise.race([this.exitPromise.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!stopped) {
        killGroup(this.pid, 'SIGKILL');
        await Promise.race([this.exitPromise, sleep(5_000)]);
      }
    }
    running.delete(this);
    if (this.pidFile) {
      try {
        unlinkSync(this.pidFile);
      } catch {
        // already gone
      }
    }
    if (!process.env.LANDCHAIN_KEEP_NODE_LOGS) rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** One JSON-RPC call over HTTP (quiet, unlike a WebSocket that retries); null until it answers. */
export async function rpcOverHttp(port, method, params = []) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      signal: AbortSignal.timeout(3_000),
    });
    const reply = await response.json();
    return reply.result ?? null;
  } catch {
    return null;
  }
}

/**
 * Starts `landchain-node` on loopback ports it binds itself (see the top of this file) and
 * resolves when it serves RPC and has authored block #1 (bounded by `timeoutMs`). The caller must
 * `await node.stop()` (use `startDevNode` from `t.before` and stop in `t.after`).
 * `chainArgs` choose the chain (`--dev --tmp` by default); the work directory (and the log, unless
 * `logFile` names another place) is removed when the node stops.
 */
export async function startDevNode({ binary = NODE_BINARY, chainArgs = ['--dev', '--tmp'], extraArgs = [], workDir, logFile, timeoutMs = START_TIMEOUT_MS } = {}) {
  if (!existsSync(binary)) {
    throw new Error(`landchain-node not found at ${binary}: build it (cargo build --release -p landchain-node) or set LANDCHAIN_NODE`);
  }
  workDir ??= mkdtempSync(join(tmpdir(), 'landchain-e2e-'));
  logFile ??= join(workDir, 'node.log');
  const log = openSync(logFile, 'a');
  // A log that is appended to (the load generator's) may hold an earlier node's address.
  const logStart = statSync(logFile).size;
  // Port 0: the node binds whatever port is free at that moment and logs it. A port picked here
  // beforehand could be taken by another test file's node in between, and the node would then
  // quietly bind a random one (`--rpc-port` falls back), leaving this file talking to a node of
  // another file.
  const args = [
    ...chainArgs,
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--rpc-port',
    '0',
    '--listen-addr',
    '/ip4/127.0.0.1/tcp/0',
    ...extraArgs,
  ];
  // `detached` gives the node its own process group, which `stop()` signals as a whole.
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  const node = new DevNode({ child, logFile, workDir });
  running.add(node);
  installExitHooks();

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (node.exited) {
      const tail = node.logTail();
      await node.stop();
      throw new Error(`landchain-node exited (${node.exitCode}) while starting:\n${tail}`);
    }
    if (node.rpcPort === null) {
      const port = rpcPortFromLog(logFile, logStart);
      if (port !== null) {
        node.rpcPort = port;
        node.url = `ws://127.0.0.1:${port}`;
      }
    }
    const header = node.rpcPort === null ? null : await rpcOverHttp(node.rpcPort, 'chain_getHeader');
    if (header && parseInt(header.number, 16) >= 1) return node;
    await sleep(500);
  }
  const tail = node.logTail();
  await node.stop();
  throw new Error(`landchain-node did not author a block within ${timeoutMs / 1000} s:\n${tail}`);
}

/** A scratch directory for a test's files, removed by the returned `cleanup`. */
export function scratchDir(prefix = 'landchain-test-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
