import type { ReactNode } from 'react';

/** ‹ what is shown › under the batch's grids (inputs, results); pages count from 0. */
export function Pager({
  page,
  pages,
  onPage,
  children,
}: {
  page: number;
  pages: number;
  onPage(page: number): void;
  /** Which rows are shown, e.g. "101–200". */
  children: ReactNode;
}) {
  return (
    <span className="batch-pager">
      <button
        type="button"
        className="tb small"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        ‹
      </button>
      {children}
      <button
        type="button"
        className="tb small"
        disabled={page >= pages - 1}
        onClick={() => onPage(page + 1)}
      >
        ›
      </button>
    </span>
  );
}
