//! The logic behind each call, as `do_*` functions on the pallet, grouped by topic.

mod applications;
mod citations;
mod consent;
mod encumbrances;
mod lineage;
mod records;
mod recovery;
mod registration;
mod restrictions;
mod title_changes;
