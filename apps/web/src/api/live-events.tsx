import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { asyncStatusLabels } from '../lib/labels';

interface LiveState {
  /** True while the event stream is open; pages poll as a fallback when it is not. */
  connected: boolean;
  /** Ids of callbacks changed since the list last loaded. */
  changedCallbacks: ReadonlySet<string>;
  clearChangedCallbacks: () => void;
  /** Last status change of an asynchronous search, worded for the polite live region. */
  announcement: string;
}

const LiveContext = createContext<LiveState>({
  connected: false,
  changedCallbacks: new Set(),
  clearChangedCallbacks: () => undefined,
  announcement: '',
});

export function useLive(): LiveState {
  return useContext(LiveContext);
}

/** One EventSource (`GET /events`, cookies included) for the whole page; events invalidate queries. */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const clear = useRef(() => setChanged(new Set()));

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/events', { withCredentials: true });
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    source.addEventListener('callback.changed', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as { id: string; version: number };
      void queryClient.invalidateQueries({ queryKey: ['callback', event.id] });
      void queryClient.invalidateQueries({ queryKey: ['history', event.id] });
      setChanged((previous) => (previous.has(event.id) ? previous : new Set(previous).add(event.id)));
    });
    source.addEventListener('asyncsearch.updated', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as { id: string; status: string };
      void queryClient.invalidateQueries({ queryKey: ['async-searches'] });
      setAnnouncement(`非同期検索の状況が「${asyncStatusLabels[event.status] ?? event.status}」になりました。`);
    });
    return () => source.close();
  }, [queryClient]);

  return (
    <LiveContext.Provider
      value={{ connected, changedCallbacks: changed, clearChangedCallbacks: clear.current, announcement }}
    >
      {children}
    </LiveContext.Provider>
  );
}
