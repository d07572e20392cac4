import { useRecipes } from '../store/recipes-store';
import { DrillIn } from './DrillIn';
import { UpgradeDialog } from './UpgradeDialog';

/** The recipe dialogs that are open: the drill-in view and the upgrade dialog. */
export function RecipesHost() {
  const drill = useRecipes((s) => s.drill);
  const upgrade = useRecipes((s) => s.upgrade);
  return (
    <>
      {drill && <DrillIn drill={drill} />}
      {upgrade && <UpgradeDialog nodeId={upgrade} />}
    </>
  );
}
