#!/usr/bin/env node
// `landchain`: the Landchain command-line tool, one command group per role — registrar, owner
// (seller), buyer, lender, party register, council, auditor — each in its own module under
// commands/. Run `landchain --help` or `landchain <role> --help`.

import { pathToFileURL } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_URL } from './chain.mjs';
import { LandchainError, TransactionError } from './errors.mjs';
import { receiptLine } from './tx.mjs';
import { parseId } from './units.mjs';
import { addAuditor } from './commands/auditor.mjs';
import { addBuyer } from './commands/buyer.mjs';
import { addCouncil } from './commands/council.mjs';
import { addInfo } from './commands/info.mjs';
import { addLender } from './commands/lender.mjs';
import { addOwner } from './commands/owner.mjs';
import { addParty } from './commands/party.mjs';
import { addRegistrar } from './commands/registrar.mjs';

/** Builds the `landchain` program; `io` receives stdout and stderr lines (tests capture them). */
export function buildProgram(io = { out: (line) => console.log(line), err: (line) => console.error(line) }) {
  const program = new Command('landchain')
    .description('Landchain land registry: registrars, owners, buyers, lenders, the party register, the council and auditors, from the command line')
    .version('0.1.0')
    .addOption(new Option('--url <ws-url>', 'node WebSocket endpoint').env('LANDCHAIN_URL').default(DEFAULT_URL))
    .addOption(
      new Option('-s, --signer <who>', 'who signs: a dev account (alice…ferdie), a secret URI (//Alice, a mnemonic) or a Polkadot.js JSON keystore file (password from LANDCHAIN_PASSWORD or prompted)').env('LANDCHAIN_SIGNER'),
    )
    .addOption(new Option('--key-type <type>', 'key type of a secret URI').choices(['sr25519', 'ed25519', 'ecdsa']).default('sr25519'))
    .option('--in-block', 'return once the transaction is in a block, without waiting for finality')
    .option('--metadata-hash', "sign as a hardware wallet does, committing to the runtime's metadata hash (RFC 78)")
    .option('--allow-personal-data', 'record a court reference or document URI even though it looks like personal data (the chain is public and permanent; docs/PRIVACY.md)')
    .addOption(new Option('--timeout <seconds>', 'how long to wait for the node and for each transaction').default(120).argParser((v) => parseId(v, 'number of seconds')))
    .option('--json', 'print machine-readable JSON instead of tables')
    .option('-q, --quiet', 'no progress lines on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => io.out(text.replace(/\n$/, '')), writeErr: (text) => io.err(text.replace(/\n$/, '')) })
    // Set before the sub-commands are added, so that they inherit it: usage errors are returned
    // as exit codes by `main` instead of ending the process.
    .exitOverride();

  addInfo(program, io);
  addRegistrar(program, io);
  addOwner(program, io);
  addBuyer(program, io);
  addLender(program, io);
  addParty(program, io);
  addCouncil(program, io);
  addAuditor(program, io);
  return program;
}

/** Runs the CLI with `argv` (node's `process.argv` form); resolves to the exit code. */
export async function main(argv = process.argv, io) {
  const out = io ?? { out: (line) => console.log(line), err: (line) => console.error(line) };
  const program = buildProgram(out);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)) return 0;
      return 2;
    }
    if (error instanceof TransactionError) {
      out.err(`error: ${error.message}`);
      if (error.receipt?.blockHash) out.err(`  ${receiptLine(error.receipt)}`);
      return error.exitCode;
    }
    if (error instanceof LandchainError) {
      out.err(`error: ${error.message}`);
      return error.exitCode;
    }
    out.err(`error: ${error?.stack ?? error}`);
    return 1;
  }
}

/**
 * Polkadot.js logs connection and RPC failures to the console with a timestamp; the CLI reports
 * each failure once, decoded, so those lines are dropped unless LANDCHAIN_DEBUG is set.
 */
function quietPolkadotLogs() {
  if (process.env.LANDCHAIN_DEBUG) return;
  const stamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
  for (const level of ['error', 'warn', 'log']) {
    const original = console[level].bind(console);
    console[level] = (...values) => {
      if (typeof values[0] === 'string' && stamp.test(values[0])) return;
      original(...values);
    };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || process.argv[1]?.endsWith('/landchain')) {
  quietPolkadotLogs();
  // A reader that stops early (`landchain auditor export | head`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  main(process.argv, { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) }).then((code) => {
    process.exitCode = code;
    // Polkadot.js may keep timers alive after disconnecting; do not hang.
    setTimeout(() => process.exit(code), 100).unref();
  });
}
