import type { IdFactory } from './ids';
import type { Json } from './response-object';
import type { UrlCitation } from './web-search';

export interface MessageOptions {
  ids: IdFactory;
  emit: (event: Json) => Promise<void>;
  addItem: (item: Json, added?: Json) => Promise<number>;
  output: Json[];
  obfuscate: (delta: string) => Json;
  text: string;
  annotations: UrlCitation[];
  refusal: string | null;
}

/** The assistant message: text (or a refusal) streamed in word-sized deltas, citations after their text. */
export async function emitMessage(o: MessageOptions): Promise<string> {
  const id = o.ids.item('msg');
  const index = await o.addItem({
    id,
    type: 'message',
    status: 'in_progress',
    content: [],
    role: 'assistant',
  });
  const at = { item_id: id, output_index: index, content_index: 0 };
  const refusal = o.refusal !== null;
  const full = o.refusal ?? o.text;
  const empty = refusal
    ? { type: 'refusal', refusal: '' }
    : { type: 'output_text', annotations: [], logprobs: [], text: '' };
  await o.emit({ type: 'response.content_part.added', ...at, part: empty });
  let sent = 0;
  let cited = 0;
  for (const delta of chunks(full)) {
    sent += delta.length;
    if (refusal) {
      await o.emit({ type: 'response.refusal.delta', ...at, delta });
      continue;
    }
    await o.emit({
      type: 'response.output_text.delta',
      ...at,
      delta,
      logprobs: [],
      ...o.obfuscate(delta),
    });
    while (cited < o.annotations.length && o.annotations[cited]!.end_index <= sent) {
      await o.emit({
        type: 'response.output_text.annotation.added',
        ...at,
        annotation_index: cited,
        annotation: o.annotations[cited],
      });
      cited += 1;
    }
  }
  const part = refusal
    ? { type: 'refusal', refusal: full }
    : { type: 'output_text', annotations: o.annotations, logprobs: [], text: full };
  await o.emit(
    refusal
      ? { type: 'response.refusal.done', ...at, refusal: full }
      : { type: 'response.output_text.done', ...at, text: full, logprobs: [] },
  );
  await o.emit({ type: 'response.content_part.done', ...at, part });
  const item = { id, type: 'message', status: 'completed', content: [part], role: 'assistant' };
  o.output[index] = item;
  await o.emit({ type: 'response.output_item.done', output_index: index, item });
  return full;
}

/** Splits text into deltas of a few words, keeping whitespace so the pieces join back exactly. */
export function chunks(text: string): string[] {
  const pieces = text.match(/\S+\s*|\s+/g) ?? [];
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    current += piece;
    if (current.length >= 24) {
      out.push(current);
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}
