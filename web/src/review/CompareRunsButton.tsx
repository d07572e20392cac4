import { compareUrl, goTo } from './review-route';

/** "Compare n/2": opens the two picked runs side by side (#/compare) once two are picked. */
export function CompareRunsButton({
  picked,
  testId,
  title,
  className = 'tb',
}: {
  picked: readonly string[];
  testId: string;
  /** Says what to pick where (the boxes of History's runs, of the batch's rows). */
  title: string;
  className?: string;
}) {
  return (
    <button
      type="button"
      className={className}
      data-testid={testId}
      disabled={picked.length !== 2}
      title={title}
      onClick={() => goTo(compareUrl(picked[0]!, picked[1]!))}
    >
      Compare {picked.length}/2
    </button>
  );
}
