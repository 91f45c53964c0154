// The load itself: signing with explicit nonces, following best blocks to drive the sales'
// pipeline, and counting finalized blocks.
//
// - Every transaction is signed here with the next nonce of its account (every account starts
//   at nonce 0 on the fresh chain) and an immortal era, so that pre-signed transactions stay
//   valid however long they wait.
// - Best blocks drive the pipeline: an `Offered` event gives a sale its offer id, at once the
//   co-owner's `consent` (two owners) is signed and submitted; `OfferOpened` → the buyer's
//   `acceptAndFund`; `Funded` → a registrar's `approve`; `Settled` ends the sale. A failed
//   dispatch ends it too (counted by its error).
// - Bulk registration: a registrar's `utility.batchAll` of `landRegistry.registerParcel` calls,
//   pre-signed round-robin over the registrars, a few batches pending per registrar at once.
// - Finalized blocks are what the figures count: each one is read once, in order, and becomes a
//   row of `rows` (events, extrinsics, weight, timestamp).

import { hexToU8a } from '@polkadot/util';
import { decodeDispatchError, documents, registry as registryLib } from '../../src/index.mjs';
import { field, maxNormalWeight, readBlock, storageKeys } from './blocks.mjs';
import { BULK_OWNER, MORTGAGE, PRICE, TRANSFER_AMOUNT, bulkParcel, hashOf } from './plan.mjs';

/** An offer's deadline (block number): far enough never to pass during a run. */
const OFFER_DEADLINE = 10_000_000;

/** A pool refusal after which the nonce counts as used: a transaction with it is in a block. */
const nonceUsed = (error) => error?.code === 1010 && /outdated|stale/i.test(String(error.message));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const yieldToEvents = () => new Promise((resolve) => setImmediate(resolve));

/** One serial queue: tasks run one after another, in order. */
function serial() {
  let tail = Promise.resolve();
  return (task) => {
    tail = tail.then(task, task);
    return tail;
  };
}

export class LoadEngine {
  /**
   * `api`: a connected ApiPromise; `submitter`: a `Submitter`; `accounts`: `LoadAccounts`;
   * `plan`: from `makePlan`, its parcels carrying `id` once known.
   */
  constructor({ api, submitter, accounts, plan }) {
    this.api = api;
    this.submitter = submitter;
    this.accounts = accounts;
    this.plan = plan;
    this.nonces = new Map();
    this.txs = new Map();
    this.pending = { transfer: 0, sale: 0, prep: 0, register: 0 };
    this.keys = storageKeys(api);
    this.maxWeight = maxNormalWeight(api);
    this.cache = new Map();
    this.cachedNumbers = new Map();
    this.bestQueue = serial();
    this.finalQueue = serial();
    this.lastBest = null;
    this.lastFinal = null;
    this.rows = [];
    this.bestRows = [];
    this.salesByParcel = new Map();
    this.salesByOffer = new Map();
    this.salesOpen = 0;
    this.salesStarted = 0;
    this.saleFailures = {};
    this.txFailures = {};
    this.registrarTurn = 0;
    this.phase = 'setup';
    this.errors = [];
    this.unsubscribe = [];
  }

  // ---- signing ----------------------------------------------------------------------------

  /** The next nonce of the account `name` (fresh chain: every load account starts at 0). */
  nextNonce(name) {
    const nonce = this.nonces.get(name) ?? 0;
    this.nonces.set(name, nonce + 1);
    return nonce;
  }

  /**
   * Signs `call` as `name` with its next nonce and an immortal era, offline (no RPC). Returns a
   * tracked transaction `{ hex, hash, kind, feed, signer, phase }`.
   */
  sign(call, name, kind, feed, nonce = this.nextNonce(name)) {
    const { api } = this;
    call.sign(this.accounts.pair(name), {
      blockHash: api.genesisHash,
      genesisHash: api.genesisHash,
      era: api.registry.createType('ExtrinsicEra'),
      nonce,
      runtimeVersion: api.runtimeVersion,
      signedExtensions: api.registry.signedExtensions,
      version: api.extrinsicType,
    });
    return { hex: call.toHex(), hash: call.hash.toHex(), kind, feed, signer: name, nonce, phase: null };
  }

  /** Submits a signed transaction of the current phase and tracks it until a best block has it. */
  send(tx) {
    tx.phase = this.phase;
    this.txs.set(tx.hash, tx);
    this.pending[tx.feed] += 1;
    const userRejected = tx.onRejected;
    tx.onRejected = (_, reason, error) => {
      this.pending[tx.feed] -= 1;
      tx.done = true;
      if (!nonceUsed(error) && tx.kind !== 'nonce filler') this.fillNonceGap(tx);
      userRejected?.(tx, reason);
    };
    this.submitter.submit(tx);
  }

  /**
   * A transaction the pool refused for good leaves a gap in its signer's nonces, behind which
   * the signer's later transactions would wait forever: a `system.remark` with the same nonce
   * fills it.
   */
  fillNonceGap(tx) {
    const filler = this.sign(this.api.tx.system.remark('0x'), tx.signer, 'nonce filler', tx.feed, tx.nonce);
    this.send(filler);
  }

  // ---- pre-signed calls -----------------------------------------------------------------

  /**
   * `count` transfers in rounds over the transfer accounts: round r is every account's nonce r.
   * Signing yields to the event loop now and then, so that the chain is followed meanwhile.
   */
  async signTransfers(count, { onProgress = () => {} } = {}) {
    const senders = this.plan.transferAccounts;
    const txs = [];
    for (let i = 0; i < count; i += 1) {
      const from = senders[i % senders.length];
      const to = this.accounts.address(senders[(i + 1) % senders.length]);
      txs.push(this.sign(this.api.tx.balances.transferKeepAlive(to, TRANSFER_AMOUNT), from, 'transfer', 'transfer'));
      if ((i + 1) % 5000 === 0) onProgress(i + 1, count);
      if ((i + 1) % 200 === 0) await yieldToEvents();
    }
    return txs;
  }

  /** Every owner's consent to its parcel's mortgage, then a registrar's record of it. */
  async signMortgages(parcels) {
    const consents = [];
    const records = [];
    const source = documents.source(this.api, { kind: registryLib.DEFAULT_ENCUMBRANCE_SOURCE.mortgage, documentHash: hashOf('mortgage') });
    for (const parcel of parcels) {
      const lender = this.accounts.address(parcel.lender);
      const terms = { lender, amount: MORTGAGE, rank: 1 };
      for (const owner of parcel.owners) {
        const call = this.api.tx.landRegistry.consentToMortgage(parcel.id, lender, MORTGAGE, 1);
        consents.push({ ...this.sign(call, owner, 'mortgageConsent', 'prep'), parcel });
      }
      const call = this.api.tx.landRegistry.recordEncumbrance(parcel.id, registryLib.encumbrance.mortgage(terms), source);
      records.push({ ...this.sign(call, this.nextRegistrar(), 'mortgageRecord', 'prep'), parcel });
    }
    return { consents, records };
  }

  /** The seller's offer of each parcel to its buyer (the buyer alone the grantee). */
  async signOffers(parcels, { onProgress = () => {} } = {}) {
    const offers = [];
    for (const parcel of parcels) {
      const buyer = this.accounts.address(parcel.buyer);
      const grantees = await registryLib.ownersArg(this.api, [{ account: buyer, share: '1' }], 'grantees');
      const deed = documents.source(this.api, { kind: 'deed', documentHash: hashOf(`deed of sale ${parcel.reference}`) });
      const call = this.api.tx.conveyance.offer(parcel.id, buyer, grantees, PRICE, OFFER_DEADLINE, deed);
      offers.push(this.sign(call, parcel.owners[0], 'offer', 'sale'));
      if (offers.length % 1000 === 0) onProgress(offers.length, parcels.length);
      if (offers.length % 100 === 0) await yieldToEvents();
    }
    return offers;
  }

  /**
   * `count` batches of `size` first registrations (`bulkParcel(n)`, n from 0 on, owned whole by
   * `BULK_OWNER`), each a registrar's `utility.batchAll`: the registrars take turns, so each one's
   * batches carry consecutive nonces. The calls are built as `landchain registrar register` builds
   * them.
   */
  async signRegistrations(count, size, { onProgress = () => {} } = {}) {
    const { api } = this;
    const owners = await registryLib.ownersArg(api, [{ account: BULK_OWNER, share: '1' }]);
    const tenure = registryLib.tenureArg();
    const batches = [];
    for (let b = 0; b < count; b += 1) {
      const calls = [];
      for (let n = b * size; n < (b + 1) * size; n += 1) {
        const parcel = bulkParcel(n);
        const landUse = registryLib.landUseArg(api, parcel.landUse);
        const attributes = { areaM2: BigInt(parcel.areaM2), landUse, geometryHash: parcel.geometryHash };
        const survey = documents.source(api, { kind: 'survey', documentHash: parcel.surveyHash });
        calls.push(api.tx.landRegistry.registerParcel(parcel.jurisdiction, parcel.reference, attributes, survey, owners, tenure));
      }
      batches.push(this.sign(api.tx.utility.batchAll(calls), this.nextRegistrar(), 'register', 'register'));
      if ((b + 1) % 100 === 0) onProgress(b + 1, count);
      await yieldToEvents();
    }
    return batches;
  }

  /**
   * How many of `tx` a block holds by weight: its declared weight (`TransactionPaymentApi`) against
   * the block's maximum for normal transactions. At least 1.
   */
  async perBlock(tx) {
    // Bytes: from the hex string, Polkadot.js would send what the runtime cannot decode.
    const bytes = hexToU8a(tx.hex);
    const info = await this.api.call.transactionPaymentApi.queryInfo(bytes, bytes.length);
    return Math.max(1, Math.floor(Number(this.maxWeight.refTime / info.weight.refTime.toBigInt())));
  }

  /** The registrars take turns. */
  nextRegistrar() {
    const registrars = this.plan.registrars;
    const name = registrars[this.registrarTurn % registrars.length];
    this.registrarTurn += 1;
    return name;
  }

  // ---- the mortgage preparation ------------------------------------------------------------

  /**
   * Mortgages on every mortgaged parcel of `parcels`: all consents, then (once in blocks) all
   * records. A parcel whose mortgage failed is marked `unusable`. Bounded by `timeoutMs`.
   */
  async prepareMortgages(parcels, { timeoutMs }) {
    const mortgaged = parcels.filter((parcel) => parcel.kind.mortgaged);
    if (!mortgaged.length) return { consents: 0, records: 0, failed: 0 };
    const { consents, records } = await this.signMortgages(mortgaged);
    const deadline = Date.now() + timeoutMs;
    const runAll = async (txs, what) => {
      for (const tx of txs) {
        tx.onIncluded = (ok) => {
          if (!ok) tx.parcel.unusable = `${what} failed`;
        };
        tx.onRejected = (_, reason) => {
          tx.parcel.unusable = `${what} refused by the pool: ${reason}`;
        };
        this.send(tx);
      }
      await this.waitFor(() => this.pending.prep === 0, deadline, `the ${what}s to be included`);
    };
    await runAll(consents, 'mortgage consent');
    // A record whose consents failed would fail too: leave it out.
    await runAll(records.filter((tx) => !tx.parcel.unusable), 'mortgage record');
    const failed = mortgaged.filter((parcel) => parcel.unusable).length;
    return { consents: consents.length, records: records.length, failed };
  }

  // ---- the transfer feed ---------------------------------------------------------------------

  /**
   * Submits `txs` (pre-signed transfers) until they run out or `until` (ms since the epoch),
   * keeping at most `maxPending` submitted but not yet in a best block, and at most `rate` a
   * second (Infinity: as fast as the pool takes them). Returns how many it submitted.
   */
  async feedTransfers(txs, { until, maxPending, rate = Infinity }) {
    let next = 0;
    let tokens = 0;
    let last = Date.now();
    while (next < txs.length && Date.now() < until && !this.aborted) {
      const now = Date.now();
      tokens = Number.isFinite(rate) ? Math.min(rate, tokens + ((now - last) / 1000) * rate) : Infinity;
      last = now;
      while (next < txs.length && this.pending.transfer < maxPending && tokens >= 1) {
        this.send(txs[next]);
        next += 1;
        tokens -= 1;
      }
      await sleep(10);
    }
    return next;
  }

  // ---- the registration feed -------------------------------------------------------------------

  /**
   * Submits `batches` (pre-signed, from `signRegistrations`) until they run out or `until`, each
   * registrar's in nonce order, keeping at most `perSigner` of each registrar's submitted but not
   * yet in a best block. Returns how many it submitted.
   */
  async feedRegistrations(batches, { until, perSigner }) {
    const queues = new Map();
    for (const tx of batches) {
      if (!queues.has(tx.signer)) queues.set(tx.signer, { txs: [], next: 0, sent: [] });
      queues.get(tx.signer).txs.push(tx);
    }
    let sent = 0;
    while (sent < batches.length && Date.now() < until && !this.aborted) {
      for (const queue of queues.values()) {
        queue.sent = queue.sent.filter((tx) => !tx.done);
        while (queue.next < queue.txs.length && queue.sent.length < perSigner) {
          const tx = queue.txs[queue.next];
          queue.next += 1;
          queue.sent.push(tx);
          this.send(tx);
          sent += 1;
        }
      }
      await sleep(10);
    }
    return sent;
  }

  // ---- the sale feed ---------------------------------------------------------------------------

  /**
   * Runs complete sales of `parcels` (each with its pre-signed `offer`) until they run out or
   * `until`, with at most `inFlight` sales open at once. Resolves when the feeding stops (sales
   * still open then finish during the drain). Returns how many sales it started.
   */
  async feedSales(parcels, { until, inFlight }) {
    let next = 0;
    while (next < parcels.length && Date.now() < until && !this.aborted) {
      while (next < parcels.length && this.openSales() < inFlight) {
        const parcel = parcels[next];
        next += 1;
        this.startSale(parcel);
      }
      await sleep(20);
    }
    return next;
  }

  /** Sales started and neither settled nor failed (seen in best blocks). */
  openSales() {
    return this.salesOpen;
  }

  startSale(parcel) {
    const sale = { parcel, offer: null, state: 'offering', phase: this.phase, startedAt: Date.now() };
    this.salesByParcel.set(parcel.id, sale);
    this.salesOpen += 1;
    this.salesStarted += 1;
    this.sendSaleStep(sale, parcel.offerTx);
  }

  /** Submits one step of a sale; its failure (in the pool or in a block) ends the sale. */
  sendSaleStep(sale, tx) {
    tx.sale = sale;
    tx.onIncluded = (ok, error) => {
      if (!ok) this.endSale(sale, `${tx.kind}: ${error}`);
    };
    tx.onRejected = (_, reason) => this.endSale(sale, `${tx.kind} refused by the pool: ${reason}`);
    this.send(tx);
  }

  endSale(sale, failure = null) {
    if (sale.state === 'settled' || sale.state === 'failed') return;
    sale.state = failure ? 'failed' : 'settled';
    this.salesOpen -= 1;
    if (failure) {
      const failures = (this.saleFailures[sale.phase] ??= {});
      failures[failure] = (failures[failure] ?? 0) + 1;
    }
  }

  /** The next step of the sales a best block's events advance. */
  advanceSales(events) {
    for (const { section, method, event } of events) {
      if (section !== 'conveyance') continue;
      const offer = Number(field(event, 'offer', 0).toString());
      if (method === 'Offered') {
        const sale = this.salesByParcel.get(Number(field(event, 'parcel', 1).toString()));
        if (!sale || sale.offer !== null) continue;
        sale.offer = offer;
        sale.state = 'offered';
        this.salesByOffer.set(offer, sale);
        const { owners } = sale.parcel;
        for (const coOwner of owners.slice(1)) {
          this.sendSaleStep(sale, this.sign(this.api.tx.conveyance.consent(offer), coOwner, 'consent', 'sale'));
        }
        continue;
      }
      const sale = this.salesByOffer.get(offer);
      if (!sale) continue;
      if (method === 'OfferOpened' && sale.state === 'offered') {
        sale.state = 'opened';
        this.sendSaleStep(sale, this.sign(this.api.tx.conveyance.acceptAndFund(offer), sale.parcel.buyer, 'accept', 'sale'));
      } else if (method === 'Funded' && sale.state === 'opened') {
        sale.state = 'funded';
        this.sendSaleStep(sale, this.sign(this.api.tx.conveyance.approve(offer), this.nextRegistrar(), 'approve', 'sale'));
      } else if (method === 'Settled') {
        this.endSale(sale);
      }
    }
  }

  // ---- following the chain -----------------------------------------------------------------

  /** Subscribes to best and finalized heads; every block from `fromNumber` on is read. */
  async follow() {
    const { api } = this;
    const start = (await api.rpc.chain.getHeader()).number.toNumber();
    this.lastBest = start;
    this.lastFinal = start;
    this.firstBlock = start + 1;
    this.unsubscribe.push(
      await api.rpc.chain.subscribeNewHeads((header) => {
        const number = header.number.toNumber();
        this.bestQueue(() => this.catchUpBest(number, header.hash.toHex()));
      }),
    );
    this.unsubscribe.push(
      await api.rpc.chain.subscribeFinalizedHeads((header) => {
        const number = header.number.toNumber();
        this.finalQueue(() => this.catchUpFinal(number));
      }),
    );
  }

  /** Waits (at most `timeoutMs`) until every block up to the node's current best has been read. */
  async catchUp(timeoutMs = 60_000) {
    const best = (await this.api.rpc.chain.getHeader()).number.toNumber();
    await this.waitFor(() => this.lastBest >= best, Date.now() + timeoutMs, `the best blocks up to #${best} to be read`);
  }

  /** Stops following the chain. */
  unfollow() {
    for (const unsubscribe of this.unsubscribe.splice(0)) {
      try {
        unsubscribe();
      } catch {
        // already closed
      }
    }
  }

  async block(hash) {
    let data = this.cache.get(hash);
    if (!data) {
      data = readBlock(this.api, hash, this.keys);
      this.cache.set(hash, data);
      data.then(
        (read) => this.cachedNumbers.set(hash, read.number),
        () => this.cache.delete(hash),
      );
    }
    return data;
  }

  async catchUpBest(number, hash) {
    try {
      for (let n = this.lastBest + 1; n <= number; n += 1) {
        const blockHash = n === number ? hash : (await this.api.rpc.chain.getBlockHash(n)).toHex();
        this.onBest(await this.block(blockHash));
        this.lastBest = n;
      }
    } catch (error) {
      this.errors.push(`reading best block #${number}: ${error.message}`);
    }
  }

  /**
   * The extrinsics of a block whose dispatch failed, by index, with their error (`section.Name`):
   * `system.ExtrinsicFailed`, or `utility.BatchInterrupted` (a `utility.batch` stopped at a
   * failing call; a failing `batchAll` is an `ExtrinsicFailed` as a whole).
   */
  failedDispatches(events) {
    const failures = new Map();
    for (const { index, section, method, event } of events) {
      let dispatchError = null;
      if (section === 'system' && method === 'ExtrinsicFailed') dispatchError = field(event, 'dispatchError', 0);
      if (section === 'utility' && method === 'BatchInterrupted') dispatchError = field(event, 'error', 1);
      if (dispatchError) {
        const error = decodeDispatchError(this.api, dispatchError);
        failures.set(index, error.section ? `${error.section}.${error.name}` : error.name);
      }
    }
    return failures;
  }

  /** A best block: which of our transactions it holds, whether they failed, and the sales' next steps. */
  onBest(data) {
    const failures = this.failedDispatches(data.events);
    const row = { number: data.number, timestamp: data.timestamp, transfers: 0, settled: 0 };
    data.extrinsics.forEach((hash, index) => {
      const tx = this.txs.get(hash);
      if (!tx || tx.bestBlock !== undefined) return;
      tx.bestBlock = data.number;
      if (!tx.done) {
        tx.done = true;
        this.pending[tx.feed] -= 1;
      }
      const error = failures.get(index);
      tx.ok = error === undefined;
      if (tx.ok && tx.kind === 'transfer') row.transfers += 1;
      if (!tx.ok) {
        const failures = (this.txFailures[tx.phase] ??= {});
        failures[`${tx.kind}: ${error}`] = (failures[`${tx.kind}: ${error}`] ?? 0) + 1;
      }
      tx.onIncluded?.(tx.ok, error);
    });
    row.settled = data.events.filter((e) => e.section === 'conveyance' && e.method === 'Settled').length;
    this.bestRows.push(row);
    this.advanceSales(data.events);
  }

  async catchUpFinal(number) {
    try {
      for (let n = this.lastFinal + 1; n <= number; n += 1) {
        const hash = (await this.api.rpc.chain.getBlockHash(n)).toHex();
        const data = await this.block(hash);
        this.onFinal(data);
        this.lastFinal = n;
        for (const [cached, number] of this.cachedNumbers) {
          if (number <= n) {
            this.cache.delete(cached);
            this.cachedNumbers.delete(cached);
          }
        }
      }
    } catch (error) {
      this.errors.push(`reading finalized block #${number}: ${error.message}`);
    }
  }

  /**
   * A finalized block, counted: our transfers that succeeded and emitted `balances.Transfer`,
   * every `conveyance.Settled`, the `landRegistry.ParcelRegistered` of our registration batches
   * that succeeded, the other steps, failures, extrinsics, weight and timestamp.
   */
  onFinal(data) {
    const row = {
      number: data.number,
      hash: data.hash,
      timestamp: data.timestamp,
      extrinsics: data.extrinsics.length,
      refTime: data.refTime,
      proofSize: data.proofSize,
      refTimePct: Number((data.refTime * 10_000n) / this.maxWeight.refTime) / 100,
      proofKiB: Number(data.proofSize / 1024n),
      transfers: 0,
      settled: 0,
      registered: 0,
      ours: {},
      failed: 0,
    };
    const kindAt = new Map();
    data.extrinsics.forEach((hash, index) => {
      const tx = this.txs.get(hash);
      if (!tx) return;
      kindAt.set(index, tx);
      tx.finalBlock = data.number;
      row.ours[tx.kind] = (row.ours[tx.kind] ?? 0) + 1;
    });
    const failed = new Set([...this.failedDispatches(data.events).keys()].filter((index) => kindAt.has(index)));
    row.failed = failed.size;
    for (const { index, section, method } of data.events) {
      if (section === 'balances' && method === 'Transfer' && kindAt.get(index)?.kind === 'transfer' && !failed.has(index)) row.transfers += 1;
      if (section === 'conveyance' && method === 'Settled') row.settled += 1;
      if (section === 'landRegistry' && method === 'ParcelRegistered' && kindAt.get(index)?.kind === 'register' && !failed.has(index)) row.registered += 1;
    }
    this.rows.push(row);
  }

  /**
   * Resubmits every transaction the pool accepted more than `afterMs` ago that no best block
   * holds yet (the pool may drop transactions without notice). Returns how many.
   */
  resubmitStale(afterMs) {
    const before = Date.now() - afterMs;
    let count = 0;
    for (const tx of this.txs.values()) {
      if (tx.accepted && !tx.done && tx.acceptedAt < before && (tx.resubmittedAt ?? 0) < before) {
        tx.resubmittedAt = Date.now();
        this.submitter.resubmit(tx);
        count += 1;
      }
    }
    return count;
  }

  /** Waits until `predicate()` holds, at most until `deadline`; throws with `what` otherwise. */
  async waitFor(predicate, deadline, what) {
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }
}
