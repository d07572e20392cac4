import { useEffect, useState } from 'react';
import { ShareApp } from './ShareApp';
import type { SharedRecipe } from './share-api';
import { shareApi, ShareError } from './share-api';
import { ShareView } from './ShareView';
import './share.css';

/** `/s/<token>`: a shared recipe, as a read-only view or as an app page, by the link's access. */
export const SharePage = ({ token }: { token: string }) => {
  const [recipe, setRecipe] = useState<SharedRecipe>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    shareApi.open(token).then(
      (r) => {
        setRecipe(r);
        document.title = `${r.workflow.name} — Atelier`;
      },
      (e: unknown) =>
        setError(
          e instanceof ShareError && e.status === 404
            ? 'This link does not exist or is no longer shared. Ask the person who sent it for a new one.'
            : (e as Error).message,
        ),
    );
  }, [token]);

  return (
    <div className="share-page">
      <header className="share-header">
        <a className="brand" href="/">
          Atelier
        </a>
        {recipe && (
          <>
            <h1 data-testid="share-title">{recipe.workflow.name}</h1>
            <span className="muted">
              version {recipe.workflow.version} ·{' '}
              {recipe.access === 'view' ? 'shared to view' : 'shared to run'}
            </span>
          </>
        )}
      </header>
      {error && (
        <p className="share-gone" role="alert">
          {error}
        </p>
      )}
      {!recipe && !error && <p className="muted share-gone">Opening…</p>}
      {recipe?.access === 'view' && <ShareView token={token} recipe={recipe} />}
      {recipe?.access === 'run' && <ShareApp token={token} recipe={recipe} />}
    </div>
  );
};
