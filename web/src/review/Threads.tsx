import type { ThreadView } from '@atelier/server';
import { useCallback, useEffect, useRef, useState } from 'react';
import { reviewApi } from './review-api';

function Composer({
  placeholder,
  testId,
  onSend,
}: {
  placeholder: string;
  testId: string;
  onSend: (text: string) => Promise<unknown>;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const send = async () => {
    try {
      await onSend(text);
      setText('');
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="composer">
      <textarea
        value={text}
        placeholder={placeholder}
        data-testid={`${testId}-text`}
        aria-label={placeholder}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="button"
        className="tb primary"
        data-testid={`${testId}-send`}
        disabled={text.trim() === ''}
        onClick={() => void send()}
      >
        Send
      </button>
      {error && <p className="error-text small">{error}</p>}
    </div>
  );
}

/** The comment threads of one output (or node): read, start, answer, resolve, reopen. */
export function Threads({
  target,
  onLoad,
}: {
  target: { runId?: string; workflowId?: string; nodeId: string };
  /** Told the threads each time they are read (a marker's count). */
  onLoad?: (threads: ThreadView[]) => void;
}) {
  const [threads, setThreads] = useState<ThreadView[] | undefined>();
  const { runId, workflowId, nodeId } = target;
  // Reads can answer out of order (the first read is slow, a comment's read after it is not):
  // only the newest one is shown, so a comment just sent never vanishes under an older list.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const read = ++latest.current;
    void reviewApi.threads({ runId, workflowId, nodeId }).then((list) => {
      if (read !== latest.current) return;
      setThreads(list);
      onLoad?.(list);
    });
  }, [runId, workflowId, nodeId, onLoad]);
  useEffect(reload, [reload]);
  return (
    <div className="threads" data-testid="threads" data-loaded={threads !== undefined}>
      {threads?.map((thread) => (
        <article
          key={thread.id}
          className={`thread${thread.resolved ? ' resolved' : ''}`}
          data-testid={`thread-${thread.id}`}
          data-resolved={thread.resolved}
        >
          {thread.comments.map((c) => (
            <div key={c.id} className="comment" data-testid="comment">
              <b>{c.author.name}</b>{' '}
              <span className="muted small">{new Date(c.createdAt).toLocaleString()}</span>
              <p>{c.body}</p>
            </div>
          ))}
          <Composer
            placeholder="Reply (@name mentions)"
            testId="reply"
            onSend={(text) => reviewApi.reply(thread.id, text).then(reload)}
          />
          <button
            type="button"
            className="tb"
            data-testid="thread-resolve"
            onClick={() => void reviewApi.resolve(thread.id, !thread.resolved).then(reload)}
          >
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </button>
          {thread.resolved && thread.resolvedBy && (
            <span className="small muted"> resolved by {thread.resolvedBy.name}</span>
          )}
        </article>
      ))}
      <Composer
        placeholder="Comment (@name mentions)"
        testId="comment"
        onSend={(text) => reviewApi.comment(target, text).then(reload)}
      />
    </div>
  );
}
