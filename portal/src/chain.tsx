// The connection to one Landchain node (WebSocket only) and what every page needs from it: the
// token (symbol, decimals), names for the dev accounts, the chain type and the best and finalized
// block numbers. The node's address comes from `?node=ws://…`, else the last one used, else
// ws://127.0.0.1:9944.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ApiPromise } from '@polkadot/api';
import { connect, disconnect, DEFAULT_URL } from '@landchain/scripts/chain.mjs';
import { labeller } from '@landchain/scripts/keys.mjs';
import { formatAmount, tokenOf } from '@landchain/scripts/units.mjs';

export interface Chain {
  api: ApiPromise;
  url: string;
  name: string;
  isDev: boolean;
  token: { decimals: number; symbol: string };
  label: (address: string) => string;
  best: number;
  finalized: number;
}

const STORAGE_KEY = 'landchain.node';

export function nodeUrl(): string {
  const fromQuery = new URLSearchParams(window.location.search).get('node');
  if (fromQuery) return fromQuery;
  try {
    return window.localStorage.getItem(STORAGE_KEY) || DEFAULT_URL;
  } catch {
    return DEFAULT_URL;
  }
}

/** Switches to another node: remembered, and put in the address so that links carry it. */
export function switchNode(url: string) {
  try {
    window.localStorage.setItem(STORAGE_KEY, url);
  } catch {
    // private mode: the query parameter is enough
  }
  const next = new URL(window.location.href);
  next.searchParams.set('node', url);
  window.location.assign(next.toString());
}

type State = { status: 'connecting' } | { status: 'error'; error: string } | { status: 'ready'; chain: Chain };

const ChainContext = createContext<State>({ status: 'connecting' });

export function ChainProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'connecting' });
  useEffect(() => {
    const url = nodeUrl();
    let api: ApiPromise | null = null;
    let stop: Array<() => void> = [];
    let cancelled = false;
    (async () => {
      try {
        api = (await connect(url, { timeoutMs: 20_000 })) as ApiPromise;
        const [name, chainType, label] = await Promise.all([api.rpc.system.chain(), api.rpc.system.chainType(), labeller({ api })]);
        if (cancelled) return;
        const base: Chain = {
          api,
          url,
          name: name.toString(),
          isDev: chainType.isDevelopment || chainType.isLocal,
          token: tokenOf(api),
          label,
          best: 0,
          finalized: 0,
        };
        let best = 0;
        let finalized = 0;
        const publish = () => setState({ status: 'ready', chain: { ...base, best, finalized } });
        publish();
        stop.push(
          await api.rpc.chain.subscribeNewHeads((header) => {
            best = header.number.toNumber();
            publish();
          }),
        );
        stop.push(
          await api.rpc.chain.subscribeFinalizedHeads((header) => {
            finalized = header.number.toNumber();
            publish();
          }),
        );
      } catch (error) {
        if (!cancelled) setState({ status: 'error', error: (error as Error).message });
      }
    })();
    return () => {
      cancelled = true;
      stop.forEach((fn) => fn());
      stop = [];
      void disconnect(api);
    };
  }, []);
  return <ChainContext.Provider value={state}>{children}</ChainContext.Provider>;
}

export const useChainState = () => useContext(ChainContext);

/** The connected chain (pages render only once it is ready). */
export function useChain(): Chain {
  const state = useContext(ChainContext);
  if (state.status !== 'ready') throw new Error('not connected');
  return state.chain;
}

export function useAmount() {
  const { token } = useChain();
  return (planck: string | bigint | number) => formatAmount(BigInt(planck), token.decimals, token.symbol);
}
