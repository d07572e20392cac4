/** ★ on an output (runId, nodeId); `starred` and `onToggle` come from `useStars`. */
export function StarButton({
  starred,
  onToggle,
  testId,
}: {
  starred: boolean;
  onToggle: () => void;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`tb star${starred ? ' on' : ''}`}
      aria-pressed={starred}
      aria-label={starred ? 'Unstar this output' : 'Star this output'}
      data-testid={testId ?? 'star'}
      onClick={onToggle}
    >
      {starred ? '★' : '☆'}
    </button>
  );
}
