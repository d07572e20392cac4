import { makeRecipeFromSelection } from './make-recipe';

/** Offered when several nodes are selected: turns them into a recipe. */
export function MakeRecipeButton() {
  return (
    <button
      type="button"
      className="tb"
      data-testid="make-recipe"
      title="Save the selected nodes to the library as a recipe and use it here as one node"
      onClick={() => void makeRecipeFromSelection()}
    >
      Make recipe from selection…
    </button>
  );
}
