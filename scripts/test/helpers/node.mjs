// The tests start their nodes with the shared launcher (scripts/src/devnode.mjs).
export { DevNode, NODE_BINARY, rpcOverHttp, scratchDir, startDevNode } from '../../src/devnode.mjs';
