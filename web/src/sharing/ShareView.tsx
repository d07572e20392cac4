import { useCallback, useState } from 'react';
import { RecipeCanvas } from './RecipeCanvas';
import type { SharedRecipe } from './share-api';
import { shareApi } from './share-api';
import { plainText } from '../model/plain-text';

const describe = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object' && 'blob' in value) return 'an image';
  return plainText(value);
};

/**
 * A view link: the shared version as a read-only canvas with its latest run's outputs, the
 * recipe's inputs and its versions. Nothing can be changed or run; a person with access to
 * this server can fork it into their library.
 */
export const ShareView = ({ token, recipe }: { token: string; recipe: SharedRecipe }) => {
  const blobUrl = useCallback((blob: string) => shareApi.blobUrl(token, blob), [token]);
  const [fork, setFork] = useState<{ busy?: boolean; message?: string; error?: string }>({});

  const forkIt = async () => {
    setFork({ busy: true });
    try {
      const made = await shareApi.fork(recipe.workflow.id, recipe.workflow.version);
      setFork({ message: `Forked as “${made.name}”. Opening it in the editor…` });
      location.assign(`/?open=${encodeURIComponent(made.id)}`);
    } catch (error) {
      const status = (error as { status?: number }).status;
      setFork({
        error:
          status === 401 || status === 429
            ? 'Forking copies the recipe into this server’s library, which needs access to the server: open the editor here and enter its access token first.'
            : (error as Error).message,
      });
    }
  };

  return (
    <main className="share-view">
      <div className="share-canvas" data-testid="share-canvas">
        <RecipeCanvas
          document={recipe.workflow.document}
          run={recipe.latestRun}
          blobUrl={blobUrl}
        />
      </div>
      <aside className="share-side">
        <p className="muted small">Read-only: nothing here can be changed or run.</p>
        <button
          type="button"
          className="primary"
          disabled={fork.busy}
          onClick={() => void forkIt()}
        >
          Fork into my library
        </button>
        {fork.message && <p role="status">{fork.message}</p>}
        {fork.error && (
          <p className="error-text" role="alert">
            {fork.error}
          </p>
        )}
        <h2>Inputs</h2>
        {recipe.inputs.length === 0 ? (
          <p className="muted">This recipe has no named inputs.</p>
        ) : (
          <dl className="share-inputs">
            {recipe.inputs.map((input) => (
              <div key={input.name}>
                <dt>{input.label ?? input.name}</dt>
                <dd>{describe(input.default)}</dd>
              </div>
            ))}
          </dl>
        )}
        <h2>Versions</h2>
        <ol className="share-versions">
          {recipe.versions.map((v) => (
            <li
              key={v.version}
              aria-current={v.version === recipe.workflow.version ? 'true' : undefined}
            >
              v{v.version} · {v.name} · {new Date(v.createdAt).toLocaleString()}
            </li>
          ))}
        </ol>
        {recipe.latestRun ? (
          <p className="muted small">
            Outputs of the run of {new Date(recipe.latestRun.createdAt).toLocaleString()}.
          </p>
        ) : (
          <p className="muted small">This recipe has not been run yet.</p>
        )}
      </aside>
    </main>
  );
};
