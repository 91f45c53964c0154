//! The audit archive: every block an audit fetched, with the hash the source listed for it and
//! its raw `System.Events`, so that an auditor fetches once (`--save-archive`) and re-verifies
//! offline as often as wanted (`--archive`), or hands the file to another auditor.
//!
//! Format: the 8 bytes `LCAUDIT2`, then one record per block: a SCALE `Compact<u32>` length
//! and that many bytes of a SCALE-encoded [`SourceBlock`] (signed block, listed hash, events).
//! Records are appended as blocks arrive, so an interrupted run leaves a usable archive. A
//! finished archive may end with the proof that its last block is final: a zero length, then a
//! record (length and bytes) of a SCALE-encoded [`FinalityProof`] — what the node proved for the
//! run (a later block's GRANDPA justification and the headers up to it), so that an offline
//! re-audit checks finality too. `LCAUDIT1` archives (no proof) are still read.

use crate::{
	error::AuditError,
	finality::FinalityProof,
	source::{BlockSource, SourceBlock},
	types::{BlockNumber, Hash},
};
use codec::{Compact, Decode, Encode};
use sp_consensus_grandpa::SetId;
use std::{
	fs::File,
	io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write},
	path::Path,
};

/// The first bytes of every audit archive this audit writes.
pub const MAGIC: &[u8; 8] = b"LCAUDIT2";
/// The first bytes of archives of the first format (blocks only), still read.
const MAGIC_V1: &[u8; 8] = b"LCAUDIT1";

/// The largest record accepted (a block carrying a runtime upgrade is a few MiB).
const MAX_RECORD: u32 = 64 * 1024 * 1024;

fn archive_error(path: &str, what: impl std::fmt::Display) -> AuditError {
	AuditError::Source(format!("archive {path}: {what}"))
}

/// Writes an audit archive.
pub struct ArchiveWriter {
	path: String,
	file: BufWriter<File>,
}

impl ArchiveWriter {
	/// Creates (or truncates) `path`.
	pub fn create(path: &Path) -> Result<Self, AuditError> {
		let name = path.display().to_string();
		if let Some(parent) = path.parent().filter(|parent| !parent.as_os_str().is_empty()) {
			std::fs::create_dir_all(parent).map_err(|error| archive_error(&name, error))?;
		}
		let mut file =
			BufWriter::new(File::create(path).map_err(|error| archive_error(&name, error))?);
		file.write_all(MAGIC).map_err(|error| archive_error(&name, error))?;
		Ok(ArchiveWriter { path: name, file })
	}

	fn record(&mut self, bytes: &[u8]) -> Result<(), AuditError> {
		let length = u32::try_from(bytes.len())
			.map_err(|_| archive_error(&self.path, "a record is larger than 4 GiB"))?;
		self.file
			.write_all(&Compact(length).encode())
			.and_then(|_| self.file.write_all(bytes))
			.map_err(|error| archive_error(&self.path, error))
	}

	/// Appends one block.
	pub fn append(&mut self, block: &SourceBlock) -> Result<(), AuditError> {
		self.record(&block.encode())
	}

	/// Writes the proof that the last block is final, if any, and flushes everything to disk.
	pub fn finish(mut self, proof: Option<&FinalityProof>) -> Result<(), AuditError> {
		if let Some(proof) = proof {
			self.file
				.write_all(&Compact(0u32).encode())
				.map_err(|error| archive_error(&self.path, error))?;
			self.record(&proof.encode())?;
		}
		self.file.flush().map_err(|error| archive_error(&self.path, error))
	}
}

/// Writes `blocks` as an archive at `path`.
pub fn write(path: &Path, blocks: &[SourceBlock]) -> Result<(), AuditError> {
	let mut writer = ArchiveWriter::create(path)?;
	for block in blocks {
		writer.append(block)?;
	}
	writer.finish(None)
}

/// Reads every block of the archive at `path`, in file order.
pub fn read_all(path: &Path) -> Result<Vec<SourceBlock>, AuditError> {
	let mut source = ArchiveSource::open(path)?;
	source.seek(0, BlockNumber::MAX)?;
	let mut blocks = Vec::new();
	while let Some(block) = source.next_block()? {
		blocks.push(block);
	}
	Ok(blocks)
}

/// Reads an audit archive as a [`BlockSource`], in file order.
pub struct ArchiveSource {
	path: String,
	reader: BufReader<File>,
	head: BlockNumber,
	from: BlockNumber,
	to: BlockNumber,
	/// The proof of finality its writer saved after the blocks.
	proof: Option<FinalityProof>,
}

impl ArchiveSource {
	/// Opens `path` and checks its format.
	pub fn open(path: &Path) -> Result<Self, AuditError> {
		let name = path.display().to_string();
		let file = File::open(path).map_err(|error| archive_error(&name, error))?;
		let mut source = ArchiveSource {
			path: name,
			reader: BufReader::new(file),
			head: 0,
			from: 0,
			to: BlockNumber::MAX,
			proof: None,
		};
		source.rewind()?;
		// The head is the highest block number in the file.
		while let Some(block) = source.read_record()? {
			source.head = source.head.max(block.number());
		}
		source.rewind()?;
		Ok(source)
	}

	fn rewind(&mut self) -> Result<(), AuditError> {
		self.reader.seek(SeekFrom::Start(0)).map_err(|error| archive_error(&self.path, error))?;
		let mut magic = [0u8; 8];
		self.reader
			.read_exact(&mut magic)
			.map_err(|_| archive_error(&self.path, "not an audit archive (too short)"))?;
		if &magic != MAGIC && &magic != MAGIC_V1 {
			return Err(archive_error(&self.path, "not an audit archive (wrong magic bytes)"));
		}
		Ok(())
	}

	/// The next block; at the proof after the blocks, reads it into `self.proof` and ends.
	fn read_record(&mut self) -> Result<Option<SourceBlock>, AuditError> {
		let Some(bytes) = self.read_bytes()? else { return Ok(None) };
		if bytes.is_empty() {
			let proof = self
				.read_bytes()?
				.ok_or_else(|| archive_error(&self.path, "truncated finality proof"))?;
			self.proof = Some(FinalityProof::decode(&mut &proof[..]).map_err(|error| {
				archive_error(&self.path, format!("malformed finality proof: {error}"))
			})?);
			return Ok(None);
		}
		let block = SourceBlock::decode(&mut &bytes[..])
			.map_err(|error| archive_error(&self.path, format!("malformed record: {error}")))?;
		Ok(Some(block))
	}

	/// One record's bytes (a length, then that many bytes), or `None` at the end of the file.
	fn read_bytes(&mut self) -> Result<Option<Vec<u8>>, AuditError> {
		let mut first = [0u8; 1];
		match self.reader.read(&mut first) {
			Ok(0) => return Ok(None),
			Ok(_) => {}
			Err(error) => return Err(archive_error(&self.path, error)),
		}
		// A compact length: re-read it from the first byte and the bytes it announces.
		let extra = match first[0] & 0b11 {
			0b00 => 0,
			0b01 => 1,
			0b10 => 3,
			_ => return Err(archive_error(&self.path, "malformed record length")),
		};
		let mut length_bytes = vec![first[0]; 1 + extra];
		self.reader
			.read_exact(&mut length_bytes[1..])
			.map_err(|_| archive_error(&self.path, "truncated record length"))?;
		let Compact(length) = Compact::<u32>::decode(&mut &length_bytes[..])
			.map_err(|error| archive_error(&self.path, format!("record length: {error}")))?;
		if length > MAX_RECORD {
			return Err(archive_error(
				&self.path,
				format!("record of {length} bytes is too large"),
			));
		}
		let mut bytes = vec![0u8; length as usize];
		self.reader
			.read_exact(&mut bytes)
			.map_err(|_| archive_error(&self.path, "truncated record (interrupted write?)"))?;
		Ok(Some(bytes))
	}
}

impl BlockSource for ArchiveSource {
	fn describe(&self) -> String {
		format!("archive {}", self.path)
	}

	fn head(&mut self) -> Result<BlockNumber, AuditError> {
		Ok(self.head)
	}

	fn seek(&mut self, from: BlockNumber, to: BlockNumber) -> Result<(), AuditError> {
		self.rewind()?;
		self.from = from;
		self.to = to;
		Ok(())
	}

	fn next_block(&mut self) -> Result<Option<SourceBlock>, AuditError> {
		loop {
			match self.read_record()? {
				Some(block) if block.number() < self.from => continue,
				Some(block) if block.number() > self.to => return Ok(None),
				other => return Ok(other),
			}
		}
	}

	/// The proof its writer saved, when it proves this block (the archive's last).
	fn finality_proof(
		&mut self,
		number: BlockNumber,
		hash: Hash,
		_set: SetId,
	) -> Result<Option<FinalityProof>, AuditError> {
		let links = |proof: &FinalityProof| match proof.headers.first() {
			Some(first) => first.parent_hash == hash,
			None => number == self.head,
		};
		Ok(self.proof.clone().filter(links))
	}
}
