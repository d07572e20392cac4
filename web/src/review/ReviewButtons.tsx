import { goTo } from './review-route';
import { useUnread } from './use-unread';

/** Top bar: the inbox (with its unread count) and the usage page. */
export function ReviewButtons() {
  const unread = useUnread();
  return (
    <>
      <button
        type="button"
        className="tb"
        data-testid="open-inbox"
        aria-label={`Inbox, ${unread} unread`}
        onClick={() => goTo('#/inbox')}
      >
        Inbox
        {unread > 0 && (
          <span className="badge" data-testid="inbox-unread">
            {unread}
          </span>
        )}
      </button>
      <button type="button" className="tb" data-testid="open-usage" onClick={() => goTo('#/usage')}>
        Usage
      </button>
    </>
  );
}
