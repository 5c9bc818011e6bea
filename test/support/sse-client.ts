import net from 'node:net';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Reads a Server-Sent Events response as a browser's EventSource would: frames split on blank lines, comments skipped. */
export class SseReader {
  readonly events: SseEvent[] = [];
  /** Events received so far (cheap to poll, unlike parsing them all). */
  received = 0;
  status = 0;
  headers: Headers | null = null;
  private readonly abort = new AbortController();
  private ended = false;

  static async open(url: string, headers: Record<string, string>): Promise<SseReader> {
    const reader = new SseReader();
    const response = await fetch(url, { headers, signal: reader.abort.signal });
    reader.status = response.status;
    reader.headers = response.headers;
    if (response.ok && response.body) void reader.consume(response.body);
    else await response.text();
    return reader;
  }

  of(kind: string): { id: string | undefined; data: any }[] {
    return this.events.filter((e) => e.event === kind).map((e) => ({ id: e.id, data: JSON.parse(e.data) }));
  }

  get closedByServer(): boolean {
    return this.ended;
  }

  close(): void {
    this.abort.abort();
  }

  private async consume(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const event: SseEvent = { data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || line === '') continue;
            const at = line.indexOf(':');
            const field = line.slice(0, at);
            const value = line.slice(at + 1).replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') {
              event.data = hasData ? `${event.data}\n${value}` : value;
              hasData = true;
            }
          }
          if (hasData) {
            this.events.push(event);
            this.received += 1;
          }
        }
      }
    } catch {
      // aborted by the test
    }
    this.ended = true;
  }
}

/** A client that asks for the stream and then never reads a byte: the server's writes pile up. */
export function stalledSseSocket(baseUrl: string, headers: Record<string, string>): Promise<net.Socket> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    // `socket.closed` turns true once the server ends the connection.
    const socket = net.connect(Number(url.port), url.hostname);
    socket.on('error', () => undefined);
    socket.once('connect', () => {
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
      socket.write(['GET /events HTTP/1.1', `host: ${url.host}`, ...lines, '', ''].join('\r\n'));
      // Read the status line, then stop reading for good.
      socket.once('data', () => {
        socket.pause();
        resolve(socket);
      });
    });
    socket.once('error', reject);
  });
}
