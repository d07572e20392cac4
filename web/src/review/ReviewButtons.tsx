import { goTo } from './review-route';
import { useUnread } from './use-unread';

/** Top bar: the inbox, with its unread count. */
export function InboxButton() {
  const unread = useUnread();
  return (
    <button
      type="button"
      className="tb"
      data-testid="open-inbox"
      aria-label={`Inbox, ${unread} unread`}
      onClick={() => goTo('#/inbox')}
    >
      Inbox
      {unread > 0 && (
        <span className="unread-badge" data-testid="inbox-unread">
          {unread}
        </span>
      )}
    </button>
  );
}

/** Top bar: the usage page (cost by person and by workflow). */
export function UsageButton() {
  return (
    <button type="button" className="tb" data-testid="open-usage" onClick={() => goTo('#/usage')}>
      Usage
    </button>
  );
}
