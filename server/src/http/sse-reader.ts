/** A small SSE reader (fetch + text/event-stream framing) for tests, benchmarks and scripts. */
export interface SseMessage {
  id?: string;
  event: string;
  data: string;
  /** performance.now() when the message's last line arrived. */
  receivedAt: number;
}

/** Yields messages as they arrive; comments (heartbeats) are skipped. */
export async function* readSse(response: Response): AsyncGenerator<SseMessage> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  let current: Partial<SseMessage> & { dataLines: string[] } = { dataLines: [] };
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (current.dataLines.length > 0 || current.event) {
          yield {
            id: current.id,
            event: current.event ?? 'message',
            data: current.dataLines.join('\n'),
            receivedAt: performance.now(),
          };
        }
        current = { dataLines: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') current.dataLines.push(value);
      else if (field === 'event') current.event = value;
      else if (field === 'id') current.id = value;
    }
  }
}

/** Reads the whole stream (it ends after run.completed) into a list. */
export const collectSse = async (response: Response): Promise<SseMessage[]> => {
  const messages: SseMessage[] = [];
  for await (const message of readSse(response)) messages.push(message);
  return messages;
};
