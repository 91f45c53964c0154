// The CLI's library measures text in bytes and hashes raw extrinsics with Node's `Buffer`
// (documents.mjs, block-events.cjs): the browser gets the `buffer` package's implementation.
import { Buffer } from 'buffer';

const scope = globalThis as unknown as { Buffer?: typeof Buffer };
scope.Buffer ??= Buffer;
