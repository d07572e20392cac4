import type { ReactFlowState } from '@xyflow/react';
import { useStore } from '@xyflow/react';

/** Below this zoom, text on a card is unreadable: cards and edges switch to their overview. */
export const OVERVIEW_ZOOM = 0.45;

const isOverview = (s: ReactFlowState): boolean => s.transform[2] < OVERVIEW_ZOOM;

/**
 * Whether the canvas shows its overview. A boolean selector: components re-render when the
 * zoom crosses the threshold, never on a pan or an ordinary zoom step.
 */
export const useOverview = (): boolean => useStore(isOverview);
