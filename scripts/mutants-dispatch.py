#!/usr/bin/env python3
"""Early-return mutants of the pallets' `DispatchResult` functions (scripts/mutants.sh runs this
after cargo-mutants).

cargo-mutants replaces a function's body with a value of its return type, but it does not see
through type aliases: for `-> DispatchResult` (an alias of `Result<(), DispatchError>`) it tries
`Default::default()`, which does not compile, and so never tries the mutant that matters most
in a pallet — a call or `do_*` function that does nothing and reports success. This script makes
exactly that mutant: in a scratch copy of the tree, each such function's body starts with
`return Ok(());`, and that pallet's tests (with `try-runtime`) must fail.

    scripts/mutants-dispatch.py pallet-escrow [pallet-conveyance …]

Writes mutants.out/<pallet>/dispatch-ok.txt (one line per mutant: caught, missed or unviable)
and prints a line per pallet. Uses $CARGO_TARGET_DIR (scripts/mutants.sh sets its own).
"""

import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
# What the pallets' tests cannot reach by design (as in .cargo/mutants.toml), and the tests.
SKIPPED_FILES = {"benchmarking.rs", "weights.rs", "mock.rs", "tests.rs"}
# `fn name<…>(…) -> DispatchResult [where …] {` across lines; the body starts after the brace.
SIGNATURE = re.compile(r"\bfn\s+(\w+)\s*(<[^{;]*?>)?\s*\([^{;]*?\)\s*->\s*DispatchResult\s*(where[^{;]*)?\{", re.S)
TEST_TIMEOUT_S = 300


def pallet_dir(package: str) -> pathlib.Path:
    """The crate directory of a pallet package (`pallet-land-registry` → pallets/land-registry)."""
    path = REPO / "pallets" / package.removeprefix("pallet-")
    if not (path / "Cargo.toml").is_file():
        sys.exit(f"no pallet directory for {package}: {path}")
    return path


def run_tests(scratch: pathlib.Path, package: str) -> str:
    """caught, missed or unviable for the tree as it is now."""
    build = subprocess.run(
        ["cargo", "test", "--no-run", "--package", package, "--features", "try-runtime"],
        cwd=scratch, capture_output=True, text=True,
    )
    if build.returncode != 0:
        return "unviable"
    try:
        test = subprocess.run(
            ["cargo", "test", "--package", package, "--features", "try-runtime"],
            cwd=scratch, capture_output=True, text=True, timeout=TEST_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return "caught (timeout)"
    return "missed" if test.returncode == 0 else "caught"


def main(packages: list[str]) -> int:
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="landchain-mutants-"))
    try:
        shutil.copytree(REPO, scratch, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".git", "node_modules", "target", "mutants.out"))
        for package in packages:
            started = time.time()
            if run_tests(scratch, package) != "missed":
                sys.exit(f"{package}: the unmutated tests do not pass; fix them first")
            outcomes = []
            source_dir = scratch / pallet_dir(package).relative_to(REPO) / "src"
            for path in sorted(source_dir.rglob("*.rs")):
                if path.name in SKIPPED_FILES or "tests" in path.relative_to(source_dir).parts[:-1]:
                    continue
                original = path.read_text()
                for match in SIGNATURE.finditer(original):
                    line = original.count("\n", 0, match.start()) + 1
                    name = f"{path.relative_to(scratch)}:{line}: {match.group(1)} -> return Ok(())"
                    path.write_text(original[: match.end()] + " return Ok(()); " + original[match.end():])
                    try:
                        outcome = run_tests(scratch, package)
                    finally:
                        path.write_text(original)
                    outcomes.append((outcome, name))
                    print(f"{outcome:16} {name}", flush=True)
            out = REPO / "mutants.out" / package
            out.mkdir(parents=True, exist_ok=True)
            (out / "dispatch-ok.txt").write_text("".join(f"{o}\t{n}\n" for o, n in outcomes))
            caught = sum(o.startswith("caught") for o, _ in outcomes)
            missed = sum(o == "missed" for o, _ in outcomes)
            print(f"{package}: {len(outcomes)} early-return mutants: {caught} caught, {missed} missed, "
                  f"{len(outcomes) - caught - missed} unviable ({time.time() - started:.0f} s)", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["pallet-escrow", "pallet-upgrade-gate", "pallet-conveyance", "pallet-land-registry"]))
