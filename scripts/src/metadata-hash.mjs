// The runtime's metadata hash (RFC 78), as an offline or hardware signer (Ledger's generic app)
// computes it: the Merkle root of the runtime's metadata (V15) and the chain's token and address
// facts. A transaction signed with `mode: 1` and this hash commits to that metadata; the runtime
// (`CheckMetadataHash`) checks it against the hash compiled into it, so a signature made for other
// metadata is refused. Computed with polkadot-api's maintained implementation.

import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { u8aToHex } from '@polkadot/util';
import { LandchainError } from './errors.mjs';

/** The metadata hash of the runtime at the best block, `0x…` (32 bytes). */
export async function metadataHash(api) {
  const opaque = await api.call.metadata.metadataAtVersion(15);
  if (opaque.isNone) throw new LandchainError('the runtime does not serve metadata V15, which the metadata hash is made of');
  // `OpaqueMetadata` is a SCALE `Vec<u8>`: its bytes without the length prefix.
  const metadata = opaque.unwrap().toU8a(true);
  const properties = await api.rpc.system.properties();
  const decimals = properties.tokenDecimals.unwrap()[0].toNumber();
  const tokenSymbol = properties.tokenSymbol.unwrap()[0].toString();
  return u8aToHex(merkleizeMetadata(metadata, { decimals, tokenSymbol }).digest());
}
