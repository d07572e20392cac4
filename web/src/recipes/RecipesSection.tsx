import { useEffect } from 'react';
import { portColor } from '../model/catalogue';
import { RECIPE_MIME } from '../model/drag-types';
import { RECIPE_TYPE } from '../model/recipe-node';
import { useAddNode } from '../canvas/use-add-node';
import { useDocument } from '../store/document-store';
import type { LibraryRecipe } from '../store/recipes-store';
import { useRecipes } from '../store/recipes-store';
import { recipeNodeData } from './recipe-actions';

const matches = (recipe: LibraryRecipe, query: string) =>
  recipe.name.toLowerCase().includes(query.trim().toLowerCase());

/**
 * The palette's "Recipes": library workflows with named outputs, each addable as a recipe node
 * pinned to its current version (click, or drag onto the canvas).
 */
export function RecipesSection({ query }: { query: string }) {
  const library = useRecipes((s) => s.library);
  const status = useRecipes((s) => s.libraryStatus);
  const workflowId = useDocument((s) => s.workflowId);
  // A save makes a version: the list (and "update available" on recipe nodes) follows it.
  const version = useDocument((s) => s.version);
  const addNode = useAddNode();
  useEffect(() => {
    void useRecipes.getState().refreshLibrary();
  }, [workflowId, version]);
  // Someone (or another tab) may have saved a new version meanwhile: look again on return.
  useEffect(() => {
    const refresh = () => void useRecipes.getState().refreshLibrary();
    window.addEventListener('focus', refresh);
    return () => window.removeEventListener('focus', refresh);
  }, []);
  const shown = library.filter((r) => r.id !== workflowId && matches(r, query));
  if (status !== 'ready' && library.length === 0) return null;
  if (query.trim() && shown.length === 0) return null;
  const add = async (recipe: LibraryRecipe) => {
    const data = await recipeNodeData(
      { workflowId: recipe.id, version: recipe.version },
      recipe.name,
    );
    if (data) addNode(RECIPE_TYPE, data);
  };
  return (
    <section className="palette-recipes" data-testid="palette-recipes" aria-label="Recipes">
      <div className="palette-category">Recipes</div>
      {shown.length === 0 && (
        <p className="muted small">
          Save a workflow with a named output (⇢ out on a port) to use it here as a node.
        </p>
      )}
      <ul className="palette-recipe-list">
        {shown.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className="palette-item"
              data-testid={`palette-recipe-${r.id}`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(
                  RECIPE_MIME,
                  JSON.stringify({ workflowId: r.id, version: r.version, name: r.name }),
                );
                e.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => void add(r)}
              title={`Use “${r.name}” v${r.version} as a node — click or drag onto the canvas`}
            >
              <span className="palette-title">
                {r.name} <span className="muted small">v{r.version}</span>
              </span>
              <span className="palette-ports">
                {r.signature.inputs.map((p) => (
                  <span
                    key={`i${p.name}`}
                    className="dot"
                    style={{ background: portColor(p.kind) }}
                    title={`in: ${p.name}`}
                  />
                ))}
                {r.signature.inputs.length > 0 && <span className="arrow">→</span>}
                {r.signature.outputs.map((p) => (
                  <span
                    key={`o${p.name}`}
                    className="dot"
                    style={{ background: portColor(p.kind) }}
                    title={`out: ${p.name}`}
                  />
                ))}
              </span>
              <span className="palette-desc">
                {r.signature.inputs.map((i) => i.name).join(', ') || 'no inputs'} →{' '}
                {r.signature.outputs.map((o) => o.name).join(', ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
