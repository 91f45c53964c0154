//! `landchain-node audit`: the auditor's replay (see the `landchain-audit` crate).

use crate::cli::AuditCmd;
use landchain_audit::{
	archive::ArchiveSource,
	source::{ExportedBlocksSource, RpcSource},
	BlockSource, Options,
};

/// Runs the audit described by `cmd` against the genesis state of `spec`. Prints the summary;
/// on a failed verification prints what failed and exits with status 1.
pub fn run(cmd: &AuditCmd, spec: &dyn sc_service::ChainSpec) -> sc_cli::Result<()> {
	if !spec.code_substitutes().is_empty() {
		return Err("this chain spec substitutes runtime code at some blocks, which the audit \
			does not support"
			.into());
	}
	let genesis = spec.as_storage_builder().build_storage().map_err(|error| {
		format!("cannot build the genesis state of chain spec {:?}: {error}", spec.id())
	})?;
	let source: Result<Box<dyn BlockSource>, _> = match (&cmd.url, &cmd.archive, &cmd.blocks_file) {
		(Some(url), _, _) => RpcSource::connect(url).map(|source| {
			let window = std::time::Duration::from_secs(cmd.reconnect_for);
			Box::new(source.with_reconnect_window(window)) as Box<dyn BlockSource>
		}),
		(_, Some(path), _) => ArchiveSource::open(path).map(|s| Box::new(s) as _),
		(_, _, Some(path)) => ExportedBlocksSource::open(path).map(|s| Box::new(s) as _),
		_ => return Err("give --url, --archive or --blocks-file".into()),
	};
	let mut source = match source {
		Ok(source) => source,
		Err(error) => {
			eprintln!("AUDIT FAILED: {error}");
			std::process::exit(1);
		}
	};
	let options = Options {
		to: cmd.to,
		out: Some(cmd.out.clone()),
		save_archive: cmd.save_archive.clone(),
		from_checkpoint: cmd.from_checkpoint.clone(),
		checkpoint_out: cmd.checkpoint_out.clone(),
		progress: !cmd.no_progress,
		skip_finality: cmd.skip_finality,
	};
	eprintln!("Auditing chain {:?} from the {} …", spec.name(), source.describe());
	match landchain_audit::audit(source.as_mut(), genesis, &options) {
		Ok(outcome) => {
			print!("{}", landchain_audit::report::summary_text(&outcome.summary, &[]));
			println!("  report                 {}", cmd.out.display());
			Ok(())
		}
		Err(error) => {
			eprintln!("AUDIT FAILED: {error}");
			eprintln!("  report: {}", cmd.out.display());
			std::process::exit(1);
		}
	}
}
