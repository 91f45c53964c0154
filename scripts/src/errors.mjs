// Errors the tool reports, and the decoding of on-chain errors from the chain's metadata: a module
// error becomes `landRegistry.ParcelLocked: <its docs>`, never a raw index.

/** Base class of every error the tool reports; `exitCode` is what the CLI exits with. */
export class LandchainError extends Error {
  constructor(message, { exitCode = 1, cause } = {}) {
    super(message, cause ? { cause } : undefined);
    this.name = 'LandchainError';
    this.exitCode = exitCode;
  }
}

/** Bad input from the user (a malformed amount, an unknown account name, a missing file…). */
export class UsageError extends LandchainError {
  constructor(message) {
    super(message, { exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** The node could not be reached, or did not answer in time. */
export class ConnectionError extends LandchainError {
  constructor(message, options) {
    super(message, { exitCode: 3, ...options });
    this.name = 'ConnectionError';
  }
}

/**
 * A transaction that was included in a block but failed (a dispatch error), or whose effect was
 * refused (a motion whose call failed, an authorized upgrade that was rejected). `error` holds the
 * decoded error (`section`, `name`, `docs`, `text`); `receipt` where it was included.
 */
export class TransactionError extends LandchainError {
  constructor(error, receipt, context = '') {
    super(`${context}${error.text}`, { exitCode: 4 });
    this.name = 'TransactionError';
    this.error = error;
    this.section = error.section;
    this.errorName = error.name;
    this.receipt = receipt;
  }
}

/** The transaction pool refused the transaction (invalid: bad nonce, cannot pay, not allowed…). */
export class PoolError extends LandchainError {
  constructor(message, options) {
    super(`the node refused the transaction: ${message}`, { exitCode: 5, ...options });
    this.name = 'PoolError';
    this.reason = message;
  }
}

/** Waiting for inclusion, finality or the chain took longer than allowed. */
export class TimeoutError extends LandchainError {
  constructor(message) {
    super(message, { exitCode: 6 });
    this.name = 'TimeoutError';
  }
}

/** The variants of an enum type in the metadata, found by its Rust path, with their docs. */
function variantsOf(registry, path) {
  const cache = (registry.__landchainVariantCache ??= new Map());
  if (cache.has(path)) return cache.get(path);
  let found = null;
  for (const type of registry.lookup.types) {
    if (type.type.path.map((segment) => segment.toString()).join('::') !== path) continue;
    if (!type.type.def.isVariant) continue;
    found = new Map(
      type.type.def.asVariant.variants.map((variant) => [
        variant.name.toString(),
        variant.docs.map((line) => line.toString().trim()).join(' ').trim(),
      ]),
    );
    break;
  }
  cache.set(path, found);
  return found;
}

/**
 * What `sp_runtime`'s own errors mean, from their Rust docs. Module errors carry their docs in the
 * metadata; these core types are in the metadata too but without docs (their crate does not
 * export them), so their meaning is kept here, keyed by the variant names the metadata gives.
 */
const CORE_DOCS = {
  'sp_runtime::DispatchError': {
    Other: 'Some error occurred.',
    CannotLookup: 'Failed to look up some data (e.g. an unknown account index).',
    BadOrigin: 'A bad origin: this account may not make this call (e.g. only a registrar, or a council motion, may).',
    ConsumerRemaining: 'At least one consumer is remaining so the account cannot be destroyed.',
    NoProviders: 'There are no providers so the account cannot be created.',
    TooManyConsumers: 'There are too many consumers so the account cannot be created.',
    Token: 'An error to do with tokens.',
    Arithmetic: 'An arithmetic error.',
    Transactional: 'The number of transactional layers has been reached, or we are not in a transactional layer.',
    Exhausted: 'Resources exhausted, e.g. an attempt to read or write data which is too large to manipulate.',
    Corruption: 'The state is corrupt; this is generally not going to fix itself.',
    Unavailable: 'Some resource (e.g. a preimage) is unavailable right now. This might fix itself later.',
    RootNotAllowed: 'Root origin is not allowed.',
    Trie: 'An error with tries.',
  },
  'sp_runtime::TokenError': {
    FundsUnavailable: 'Funds are unavailable.',
    OnlyProvider: 'Some part of the balance gives the only provider reference to the account and thus cannot be (re)moved.',
    BelowMinimum: 'Account cannot exist with the funds that would be given.',
    CannotCreate: 'Account cannot be created.',
    UnknownAsset: 'The asset in question is unknown.',
    Frozen: 'Funds exist but are frozen.',
    Unsupported: 'Operation is not supported by the asset.',
    CannotCreateHold: 'Account cannot be created for recording amount on hold.',
    NotExpendable: 'Withdrawal would cause unwanted loss of account.',
    Blocked: 'Account cannot receive the assets.',
  },
  'sp_arithmetic::ArithmeticError': {
    Underflow: 'An underflow would occur.',
    Overflow: 'An overflow would occur.',
    DivisionByZero: 'Division by zero.',
  },
  'sp_runtime::TransactionalError': {
    LimitReached: 'Too many transactional layers have been spawned.',
    NoLayer: 'A transactional layer was expected, but does not exist.',
  },
};

/** The documentation of a variant of an enum: from the metadata, else the core table, else ''. */
function variantDoc(registry, path, name) {
  const fromMetadata = variantsOf(registry, path)?.get(name);
  if (fromMetadata) return fromMetadata;
  const core = CORE_DOCS[path] ?? CORE_DOCS[path.replace('sp_runtime::', 'sp_arithmetic::')];
  return core?.[name] ?? '';
}

const NESTED = {
  Token: 'sp_runtime::TokenError',
  Arithmetic: 'sp_arithmetic::ArithmeticError',
  Transactional: 'sp_runtime::TransactionalError',
};

/**
 * Decodes a `DispatchError` (from a failed extrinsic, or a motion's `Executed` result) with the
 * docs from the metadata. Returns `{ section, name, docs, text }`; `section` is the pallet
 * (`landRegistry`) for a module error and '' otherwise.
 */
export function decodeDispatchError(api, dispatchError) {
  const registry = dispatchError.registry ?? api.registry;
  if (dispatchError.isModule) {
    const meta = registry.findMetaError(dispatchError.asModule);
    const docs = meta.docs.map((line) => line.trim()).join(' ').trim();
    return {
      kind: 'Module',
      section: meta.section,
      name: meta.name ?? meta.method,
      docs,
      text: `${meta.section}.${meta.name ?? meta.method}: ${docs || '(undocumented)'}`,
    };
  }
  const kind = dispatchError.type;
  const outerDoc = variantDoc(registry, 'sp_runtime::DispatchError', kind);
  if (NESTED[kind]) {
    const inner = dispatchError.value.type;
    const innerDoc = variantDoc(registry, NESTED[kind], inner);
    return {
      kind,
      section: '',
      name: `${kind}.${inner}`,
      docs: innerDoc || outerDoc,
      text: `${kind}.${inner}: ${innerDoc || outerDoc || '(undocumented)'}`,
    };
  }
  return {
    kind,
    section: '',
    name: kind,
    docs: outerDoc,
    text: `${kind}: ${outerDoc || '(undocumented)'}`,
  };
}

/**
 * Turns what the node answered when a transaction was refused before inclusion into a readable
 * reason, e.g. `1010: Invalid Transaction: Inability to pay some fees` → that text.
 */
export function poolReason(error) {
  const message = String(error?.message ?? error);
  return message.replace(/^\d{4}:\s*/, '').trim();
}
