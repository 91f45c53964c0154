// The tests start their nodes with the shared launcher (scripts/src/devnode.mjs); most files run
// against one dev chain of their own (`startDevChain`).

import { startDevNode } from '../../src/devnode.mjs';
import { connect, disconnect, resolveSigner } from '../../src/index.mjs';
import { devAddresses } from './chain.mjs';

export { DevNode, NODE_BINARY, rpcOverHttp, scratchDir, startDevNode } from '../../src/devnode.mjs';

/** The dev accounts a test file signs with. */
const DEV_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'];

/**
 * A test file's chain: a fresh `landchain-node --dev --tmp` and an API connected to it, with the
 * dev accounts' signers by name and their addresses (`who`). A failure half-way stops the node.
 */
export async function startDevChain() {
  const node = await startDevNode();
  try {
    const api = await connect(node.url);
    const signers = {};
    for (const name of DEV_NAMES) signers[name] = await resolveSigner(name, { api });
    return { node, api, signers, who: await devAddresses(api, DEV_NAMES) };
  } catch (error) {
    await node.stop();
    throw error;
  }
}

/** Disconnects and stops what `startDevChain` started (either may be missing after a failure). */
export async function stopDevChain({ node, api } = {}) {
  if (api) await disconnect(api);
  await node?.stop();
}
