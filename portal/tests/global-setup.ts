// Starts a real `landchain-node --dev --tmp` (OS-picked ports, the same helper as the CLI's tests)
// and the static server of the built portal, and prepares the chain (fixtures.ts); the node and
// the server are stopped by the returned teardown.
import type { FullConfig } from '@playwright/test';
// @ts-ignore — JavaScript helpers shared with scripts/ (no type declarations)
import { startDevNode } from '../../scripts/src/devnode.mjs';
// @ts-ignore
import { serve } from '../serve.mjs';
import { prepareChain } from './fixtures';

export default async function globalSetup(_config: FullConfig) {
  const started = Date.now();
  const node = await startDevNode();
  const nodeReady = Date.now() - started;
  let server;
  try {
    server = await serve();
    await prepareChain(node.url);
  } catch (error) {
    await server?.close();
    await node.stop();
    throw error;
  }
  process.env.LANDCHAIN_WS = node.url;
  process.env.PORTAL_URL = server.url;
  console.log(`[portal tests] node ${node.url} (pid ${node.pid}), portal ${server.url}, node up in ${nodeReady} ms, fixtures sent, ready in ${Date.now() - started} ms`);
  return async () => {
    await server.close();
    await node.stop();
    console.log('[portal tests] node and portal server stopped');
  };
}
