//! The chain types every stage of the audit shares: block numbers, hashes, headers and blocks as
//! a node serves them. No stage imports from the crate root; each imports from here.

/// A block number.
pub type BlockNumber = landchain_runtime::BlockNumber;
/// A block hash or state root.
pub type Hash = landchain_runtime::Hash;
/// A block header.
pub type Header = landchain_runtime::opaque::Header;
/// An extrinsic as bytes.
pub type OpaqueExtrinsic = sp_runtime::OpaqueExtrinsic;
/// A block with opaque extrinsics, as a node serves it.
pub type Block = landchain_runtime::opaque::Block;
/// A block with its justifications.
pub type SignedBlock = sp_runtime::generic::SignedBlock<Block>;
