import type { InboxItemView } from '@atelier/server';
import { useEffect, useState } from 'react';
import { goTo, nodeCommentsUrl, outputUrl } from './review-route';
import { reviewApi } from './review-api';
import { refreshUnread } from './use-unread';

/** `#/inbox`: the comments that mention me, newest first; opening one marks it read. */
export function InboxView() {
  const [items, setItems] = useState<InboxItemView[] | undefined>();
  const reload = () => void reviewApi.inbox().then((r) => setItems(r.items));
  useEffect(reload, []);
  const open = async (item: InboxItemView) => {
    await reviewApi.markRead(item.id);
    refreshUnread();
    const t = item.thread.target;
    if (t.kind === 'output') goTo(outputUrl(t.runId, t.nodeId));
    else goTo(nodeCommentsUrl(t.workflowId, t.nodeId));
  };
  return (
    <div className="inbox-view" data-testid="inbox-view">
      <header className="panel-head">
        <h2>Inbox</h2>
        <button
          type="button"
          className="tb"
          data-testid="inbox-read-all"
          onClick={() => void reviewApi.markAllRead().then(() => (reload(), refreshUnread()))}
        >
          Mark all read
        </button>
      </header>
      {items?.length === 0 && <p className="muted">No mentions yet.</p>}
      <ul className="history-list">
        {items?.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={`history-item${item.read ? '' : ' unread'}`}
              data-testid={`inbox-item-${item.id}`}
              data-read={item.read}
              onClick={() => void open(item)}
            >
              <b>{item.comment.author.name}</b>{' '}
              <span className="muted small">
                on {item.thread.target.kind === 'output' ? 'an output of' : 'node'}{' '}
                {item.thread.target.nodeId} · {new Date(item.createdAt).toLocaleString()}
              </span>
              <span className="history-line">{item.comment.body}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
