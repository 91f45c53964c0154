// What every command of the CLI shares: the context (a lazily opened connection, the signer,
// amounts and labels) and the one output helper — a value as JSON with `--json`, as text for
// people otherwise — with the action wrappers built on it: `transaction` (sign, submit, print the
// outcome) and `report` (read, print).

import { connect, disconnect } from '../chain.mjs';
import { eventLine, toJson } from '../format.mjs';
import { labeller, resolveSigner } from '../keys.mjs';
import { metadataHash } from '../metadata-hash.mjs';
import { personalDataIn } from '../privacy.mjs';
import { UsageError } from '../errors.mjs';
import { receiptLine } from '../tx.mjs';
import { formatAmount, parseAmount, tokenOf } from '../units.mjs';

/** Event fields that hold amounts of LAND, shown in LAND rather than planck. */
const MONEY_FIELDS = new Set(['amount', 'price', 'deposit', 'actualFee', 'tip', 'buyerFunds', 'recorded']);

/** The fee's own bookkeeping events, summed up in one line of a transaction's outcome. */
const FEE_EVENTS = new Set(['system.ExtrinsicSuccess', 'balances.Withdraw', 'balances.BurnedDebt', 'transactionPayment.TransactionFeePaid']);

/** A receipt for JSON: without the raw event records. */
function receiptJson(receipt) {
  if (!receipt) return null;
  const { records, ...rest } = receipt;
  return rest;
}

/**
 * A transaction's result for JSON: its fields, the receipt, a council vote's receipt if any, and
 * every receipt of several transactions (`submitAll` one after another) if any.
 */
export function transactionJson(result) {
  const { receipt, voteReceipt, receipts, ...rest } = result;
  return {
    ...rest,
    receipt: receiptJson(receipt),
    ...(voteReceipt ? { voteReceipt: receiptJson(voteReceipt) } : {}),
    ...(receipts ? { receipts: receipts.map(receiptJson) } : {}),
  };
}

/** What every command gets: a lazily opened connection, the signer, output helpers. */
export class Context {
  constructor(options, io) {
    this.options = options;
    this.io = io;
    this.api = null;
    this.label = (value) => String(value);
  }

  async connect() {
    if (!this.api) {
      this.api = await connect(this.options.url, { timeoutMs: this.options.timeout * 1000 });
      this.label = await labeller({ api: this.api });
    }
    return this.api;
  }

  async signer() {
    const api = await this.connect();
    const signer = await resolveSigner(this.options.signer, { api, keyType: this.options.keyType });
    this.progress(`signing as ${signer.label === signer.address ? signer.address : `${signer.label} (${signer.address})`}`);
    return signer;
  }

  /**
   * Options for `submit`: in-block or finalized, the timeout, progress on stderr, and with
   * `--metadata-hash` the runtime's metadata hash to sign with.
   */
  async submitOptions() {
    const options = {
      waitFor: this.options.inBlock ? 'inBlock' : 'finalized',
      timeoutMs: this.options.timeout * 1000,
      onStatus: (line) => this.progress(line),
    };
    if (this.options.metadataHash) {
      options.metadataHash = await metadataHash(await this.connect());
      this.progress(`signing with the runtime's metadata hash ${options.metadataHash}`);
    }
    return options;
  }

  /** Calls a library function `fn(api, signer, args, submitOptions)` as the `--signer`. */
  async submit(fn, args) {
    const api = await this.connect();
    return fn(api, await this.signer(), args, await this.submitOptions());
  }

  /**
   * `text` (given with `flag`) as it goes onto the chain's public record: refused with a usage error
   * when it looks like personal data (privacy.mjs), unless `--allow-personal-data` says it is meant
   * to be public, which is then noted on stderr.
   */
  publicText(flag, text) {
    if (text === undefined || text === null) return text;
    const findings = personalDataIn(text);
    if (findings.length === 0) return text;
    const what = findings.map(({ kind, match }) => `${kind} ("${match}")`).join(', ');
    if (!this.options.allowPersonalData) {
      throw new UsageError(
        `${flag} "${text}" looks like personal data: ${what}. Everything on the chain is public and permanent: ` +
          'record a hash of the document instead (--doc-file/--doc-text), or pass --allow-personal-data if this text is meant to be public',
      );
    }
    this.progress(`warning: ${flag} looks like personal data (${what}); recording it publicly as --allow-personal-data says`);
    return text;
  }

  progress(line) {
    if (!this.options.quiet && !this.options.json) this.io.err(`… ${line}`);
  }

  amount(text) {
    const { decimals, symbol } = tokenOf(this.api);
    return parseAmount(text, decimals, symbol);
  }

  money(planck) {
    if (planck === null || planck === undefined) return '—';
    const { decimals, symbol } = tokenOf(this.api);
    return formatAmount(BigInt(planck), decimals, symbol);
  }

  print(text) {
    this.io.out(text);
  }

  /**
   * The output helper: `value` as JSON with `--json`; otherwise `render(value)`, the text for
   * people (a string, or lines), printed unless it is undefined.
   */
  output(value, render) {
    if (this.options.json) {
      this.print(toJson(value));
      return;
    }
    const text = render(value);
    if (text === undefined || text === null) return;
    this.print(Array.isArray(text) ? text.join('\n') : text);
  }

  /** The lines for people of a receipt: where it landed, its events, the fee. */
  receiptLines(receipt) {
    const lines = [`  ${receiptLine(receipt)}`];
    const fee = receipt.events.find((event) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
    for (const event of receipt.events) {
      if (FEE_EVENTS.has(`${event.section}.${event.method}`)) continue;
      lines.push(`  ${eventLine(event, (value, key) => (MONEY_FIELDS.has(key) && /^\d+$/.test(String(value)) ? this.money(value) : this.label(value)))}`);
    }
    if (fee) lines.push(`  fee: ${this.money(fee.data.actualFee)} paid by ${this.label(fee.data.who)}`);
    return lines;
  }

  /**
   * Prints a transaction's outcome: JSON, or the summary, receipt and events for people, then
   * `more` (extra text for people, e.g. a table) if given.
   */
  done(summary, result, more) {
    this.output(transactionJson(result), () => {
      const lines = [summary, ...this.receiptLines(result.receipt)];
      const extra = more?.(result);
      return extra === undefined || extra === null ? lines : [...lines, extra];
    });
  }

  async close() {
    await disconnect(this.api);
  }
}

/**
 * Wraps a command action: `fn(ctx, ...positional, options)` with a context whose connection is
 * closed afterwards; errors propagate to `main`, which turns them into exit codes.
 */
export function action(io, fn) {
  return async (...args) => {
    const command = args[args.length - 1];
    const positional = args.slice(0, -2);
    const options = command.optsWithGlobals();
    const context = new Context(options, io);
    try {
      await fn(context, ...positional, options);
    } finally {
      await context.close();
    }
  };
}

/**
 * A command that makes one transaction: `submit(ctx, ...args)` makes it (usually
 * `ctx.submit(library.fn, {…})`) and returns the library's result; `summary(ctx, result, ...args)`
 * is the line for people; `more(ctx, result, ...args)`, if given, extra text for people.
 * (`args`: the command's arguments, then its options.)
 */
export function transaction(io, submit, summary, more) {
  return action(io, async (ctx, ...args) => {
    const result = await submit(ctx, ...args);
    ctx.done(summary(ctx, result, ...args), result, more ? (value) => more(ctx, value, ...args) : undefined);
  });
}

/**
 * A command that reads and prints: `read(ctx, api, ...args)` returns the value; `render(ctx,
 * value, ...args)` its text for people. With `--json` the value is printed as JSON, through
 * `json(value)` if given.
 */
export function report(io, read, render, json = (value) => value) {
  return action(io, async (ctx, ...args) => {
    const value = await read(ctx, await ctx.connect(), ...args);
    ctx.output(ctx.options.json ? json(value) : value, (item) => render(ctx, item, ...args));
  });
}
