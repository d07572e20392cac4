import { create } from 'zustand';
import type { ImageRecipe } from './owner-api';

/** Which sharing dialog is open in the editor (session state: never saved or shared). */
export interface SharingState {
  dialog?: 'share' | 'export';
  /** An image dropped on the canvas that leads back to a recipe: open it, or use the image? */
  offer?: { found: ImageRecipe; asImage: () => Promise<void> };
  set(patch: Partial<Omit<SharingState, 'set'>>): void;
}

export const useSharing = create<SharingState>()((set) => ({
  set: (patch) => set(patch),
}));
