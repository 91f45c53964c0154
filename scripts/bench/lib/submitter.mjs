// Submitting pre-signed transactions through `author_submitExtrinsic` — not waiting for each to
// be included — with a bounded number of requests in flight (the feeds in engine.mjs decide how
// many are outstanding and how fast they come). A refusal by the pool is counted by its reason; those that mean "not now" (the pool is full, a better
// transaction holds the slot) are retried after a pause, the others are final.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Pool refusals worth retrying: the pool is full or the slot is taken, not the transaction bad. */
const RETRYABLE = new Set([
  1014, // Priority is too low (the pool is full of better-paying transactions)
  1016, // Immediately Dropped (the pool is full)
]);
/** The transaction is in the pool already (a retry of one it had accepted). */
const ALREADY_IMPORTED = 1013;

/** A refusal's reason without the numbers that differ from one transaction to the next. */
export function rejectionReason(error) {
  const [code, ...rest] = String(error?.message ?? error).split(': ');
  const text = [code, ...rest.map((part) => part.replace(/0x[0-9a-f]+/gi, '0x…').replace(/\d{2,}/g, 'N'))].join(': ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * A transaction to submit: `{ hex, hash, kind, phase, onAccepted?, onRejected? }`. `submit(tx)`
 * queues it; the submitter sends at most `concurrency` requests at once. `stats` holds, per
 * kind, how many were submitted, accepted and finally rejected; `rejections[phase][reason]` every
 * refusal (retried ones included); `resubmissions[phase][answer]` the pool's answers to accepted
 * transactions sent again.
 */
export class Submitter {
  constructor(provider, { concurrency = 64, retryDelayMs = 500, maxAttempts = 20 } = {}) {
    this.provider = provider;
    this.concurrency = concurrency;
    this.retryDelayMs = retryDelayMs;
    this.maxAttempts = maxAttempts;
    this.queue = [];
    this.head = 0;
    this.inFlight = 0;
    this.stats = {};
    this.rejections = {};
    this.resubmissions = {};
    this.closed = false;
  }

  /** Per-kind counters, created on first use. */
  kindStats(kind) {
    this.stats[kind] ??= { submitted: 0, accepted: 0, rejected: 0, retried: 0 };
    return this.stats[kind];
  }

  /** How many transactions wait in the queue or are being sent. */
  get backlog() {
    return this.queue.length - this.head + this.inFlight;
  }

  /** Queues `tx` for submission. */
  submit(tx) {
    tx.attempts = 0;
    this.kindStats(tx.kind).submitted += 1;
    this.queue.push(tx);
    this.pump();
  }

  pump() {
    if (this.closed) return;
    while (this.inFlight < this.concurrency && this.head < this.queue.length) {
      const tx = this.queue[this.head];
      this.queue[this.head] = undefined;
      this.head += 1;
      this.send(tx);
    }
    if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  async send(tx) {
    this.inFlight += 1;
    tx.attempts += 1;
    let error = null;
    try {
      await this.provider.send('author_submitExtrinsic', [tx.hex]);
    } catch (caught) {
      error = caught;
    }
    this.inFlight -= 1;
    if (tx.accepted) {
      // A resubmission of a transaction the pool had accepted: whatever the answer ("already
      // imported", or "outdated" because it is in a block by now), it was counted already.
      const answer = error ? rejectionReason(error) : 'accepted again';
      this.resubmissions[tx.phase] ??= {};
      this.resubmissions[tx.phase][answer] = (this.resubmissions[tx.phase][answer] ?? 0) + 1;
    } else if (!error || (error.code === ALREADY_IMPORTED && tx.attempts > 1)) {
      tx.accepted = true;
      this.kindStats(tx.kind).accepted += 1;
      tx.acceptedAt = Date.now();
      tx.onAccepted?.(tx);
    } else {
      const reason = rejectionReason(error);
      this.count(tx, reason);
      if (RETRYABLE.has(error.code) && tx.attempts < this.maxAttempts && !this.closed) {
        this.kindStats(tx.kind).retried += 1;
        await sleep(this.retryDelayMs * Math.min(tx.attempts, 8));
        this.queue.push(tx);
      } else {
        this.kindStats(tx.kind).rejected += 1;
        tx.rejection = reason;
        tx.onRejected?.(tx, reason, error);
      }
    }
    this.pump();
  }

  /** Counts a refusal of `tx` by the pool under its phase and `reason`. */
  count(tx, reason) {
    this.rejections[tx.phase] ??= {};
    this.rejections[tx.phase][reason] = (this.rejections[tx.phase][reason] ?? 0) + 1;
  }

  /**
   * Sends an accepted transaction again (the same bytes): one the pool accepted but that has not
   * reached a block long after may have been dropped from the pool without notice.
   */
  resubmit(tx) {
    this.kindStats(tx.kind).resubmitted = (this.kindStats(tx.kind).resubmitted ?? 0) + 1;
    this.queue.push(tx);
    this.pump();
  }

  /** Stops sending; queued transactions stay unsent. */
  close() {
    this.closed = true;
  }
}
