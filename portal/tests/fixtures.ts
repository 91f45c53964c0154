// What global-setup prepares on the dev node before any test signs: a parcel owned by the browser
// extension's account (registered by Bob, a registrar) and the fees it pays (from Ferdie's stash,
// an endowed account nobody else signs with), for extension.spec.ts; and the attestation, by Bob's
// office, of the new account of Charlie's party, for the key recovery in workflows.spec.ts.
// Prepared first because the registrars sign in portal.spec.ts and workflows.spec.ts: the same
// registrar signing from a test running beside them would race them for its nonce. So
// extension.spec.ts signs with nobody else's key and runs in the second worker beside them.
//
// The transactions only have to reach the node's pool here (then the nonces are taken and the
// next block includes them): the tests that use them wait for what they need on chain, and a
// failure is printed as soon as the block shows it.
//
// The tests' own chain work (here, in the specs) goes through the CLI's library (scripts/src) and
// so its copy of Polkadot.js: one copy per test process (Playwright loads every spec file in its
// main process too), never the portal's own, which is for the browser bundle.
// @ts-ignore — JavaScript library shared with scripts/ (no type declarations)
import { connect, disconnect } from '../../scripts/src/chain.mjs';
// @ts-ignore
import { decodeDispatchError } from '../../scripts/src/errors.mjs';
// @ts-ignore
import { resolveSigner } from '../../scripts/src/keys.mjs';
// @ts-ignore
import { attestCall, commitment, expiryOf, newSalt } from '../../scripts/src/parties.mjs';
// @ts-ignore
import { registerParcelCall } from '../../scripts/src/registry.mjs';

/** The account the test's fake browser extension holds (its secret URI) and offers by name. */
export const EXTENSION_ACCOUNT = { uri: '//LandchainPortalExtensionUser', name: 'Rosa' };

/** The new account of Charlie's party (its secret URI), attested as a person. */
export const RECOVERY_REPLACEMENT = { uri: '//LandchainPortalCharlieNewKey', identifier: 'PORTAL-PARTY-CHARLIE' };

/** Sends the fixtures' transactions to the node at `url`; resolves once the pool holds them all. */
export async function prepareChain(url: string): Promise<void> {
  const api = await connect(url);
  const pending: Array<Promise<void>> = [];
  try {
    const [owner, replacement, bob, stash] = await Promise.all(
      [EXTENSION_ACCOUNT.uri, RECOVERY_REPLACEMENT.uri, 'bob', 'ferdie-stash'].map((who) => resolveSigner(who, { api })),
    );
    // Bob signs twice before a block: his nonces are counted here.
    let bobNonce = (await api.rpc.system.accountNextIndex(bob.address)).toNumber();
    /** Signs and sends `tx`; resolves when the pool has it. */
    const send = async (what: string, tx: any, signer: { pair: unknown; address: string }) => {
      let settle!: (error?: Error) => void;
      pending.push(new Promise<void>((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve()))));
      const nonce = signer === bob ? bobNonce++ : -1;
      await tx.signAndSend(signer.pair, { nonce }, ({ status, dispatchError }: any) => {
        if (status.isInBlock) settle(dispatchError ? new Error(`${what} failed: ${decodeDispatchError(api, dispatchError).text}`) : undefined);
        else if (status.isInvalid || status.isDropped || status.isUsurped) settle(new Error(`${what} was ${status.type.toLowerCase()} by the pool`));
      });
    };
    await send(
      'registering the extension account\'s parcel',
      await registerParcelCall(api, {
        jurisdiction: 'LC-CENTRAL',
        reference: 'EXTENSION-1',
        areaM2: 480,
        landUse: 'residential',
        geometryHash: `0x${'e1'.repeat(32)}`,
        source: { kind: 'survey', documentHash: `0x${'e2'.repeat(32)}` },
        owners: [{ account: owner.address, share: { numerator: 1, denominator: 1 } }],
      }),
      bob,
    );
    const salt = newSalt();
    await send(
      'attesting Charlie\'s new account',
      attestCall(api, {
        party: replacement.address,
        kind: 'person',
        commitment: commitment({ salt, identifier: RECOVERY_REPLACEMENT.identifier, account: replacement.address }),
        expiresAt: await expiryOf(api, { expiresInDays: 30 }),
      }),
      bob,
    );
    await send('funding the extension account', api.tx.balances.transferKeepAlive(owner.address, 1_000n * 10n ** BigInt(api.registry.chainDecimals[0])), stash);
  } catch (error) {
    await disconnect(api);
    throw error;
  }
  void Promise.allSettled(pending).then((outcomes) => {
    for (const outcome of outcomes) if (outcome.status === 'rejected') console.error(`[portal tests] global-setup: ${outcome.reason.message}`);
    return disconnect(api);
  });
}
