import { useState, type FormEvent } from 'react';
import { ChainProvider, nodeUrl, switchNode, useChainState } from './chain';
import { href, useRoute, type Route } from './router';
import { SearchPage } from './pages/Search';
import { ParcelPage } from './pages/Parcel';
import { BlockPage } from './pages/Block';
import { ConsolePage } from './pages/Console';
import { CouncilPage } from './pages/Council';
import { AlertsPage } from './pages/Alerts';
import { StatsPage } from './pages/Stats';
import { VerifyPage } from './pages/Verify';
import { SignerProvider } from './signer';

function NodeField() {
  const [url, setUrl] = useState(nodeUrl());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    switchNode(url.trim());
  };
  return (
    <form className="node-form" onSubmit={submit}>
      <label htmlFor="node-url">Node</label>
      <input id="node-url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
      <button type="submit">Connect</button>
    </form>
  );
}

function ChainStatus() {
  const state = useChainState();
  if (state.status === 'connecting') return <span className="chain-status">connecting…</span>;
  if (state.status === 'error') return <span className="chain-status bad">not connected</span>;
  const { chain } = state;
  return (
    <span className="chain-status" data-testid="chain-status">
      {chain.name} · best #{chain.best} · finalized #{chain.finalized}
    </span>
  );
}

function Page({ route }: { route: Route }) {
  const state = useChainState();
  if (state.status === 'connecting') return <p role="status">Connecting to {nodeUrl()}…</p>;
  if (state.status === 'error') {
    return (
      <div role="alert" className="error">
        <strong>Cannot reach the node.</strong> {state.error}. Check the node address above (a Landchain node started with{' '}
        <code>--rpc-cors all</code>, e.g. by <code>scripts/run-dev.sh</code>).
      </div>
    );
  }
  switch (route.page) {
    case 'search':
      return <SearchPage params={route.params} />;
    case 'parcel':
      return <ParcelPage key={route.id} id={route.id} />;
    case 'block':
      return <BlockPage key={route.at} at={route.at} />;
    case 'console':
      return <ConsolePage />;
    case 'council':
      return <CouncilPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'stats':
      return <StatsPage />;
    case 'verify':
      return <VerifyPage />;
    default:
      return <p>No page here. Go to the <a href={href.search()}>search</a>.</p>;
  }
}

export function App() {
  const route = useRoute();
  return (
    <ChainProvider>
      <header className="top">
        <a className="brand" href={href.search()}>
          Landchain <span>public land registry</span>
        </a>
        <nav aria-label="Main">
          <a href={href.search()} aria-current={route.page === 'search' ? 'page' : undefined}>
            Search
          </a>
          <a href={href.console()} aria-current={route.page === 'console' ? 'page' : undefined}>
            Console
          </a>
          <a href={href.council()} aria-current={route.page === 'council' ? 'page' : undefined}>
            Council
          </a>
          <a href={href.alerts()} aria-current={route.page === 'alerts' ? 'page' : undefined}>
            Alerts
          </a>
          <a href={href.stats()} aria-current={route.page === 'stats' ? 'page' : undefined}>
            Statistics
          </a>
          <a href={href.verify()} aria-current={route.page === 'verify' ? 'page' : undefined}>
            Verify a certificate
          </a>
        </nav>
        <ChainStatus />
        <NodeField />
      </header>
      <main>
        <SignerProvider>
          <Page route={route} />
        </SignerProvider>
      </main>
      <footer>Read from the chain over WebSocket; nothing is stored by this site.</footer>
    </ChainProvider>
  );
}
