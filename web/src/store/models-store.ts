import type { ModelCatalogue, ModelDefaults, ModelInfo } from '@atelier/nodes';
import { DEFAULT_MODELS, STATIC_CATALOGUE } from '@atelier/nodes';
import { create } from 'zustand';
import { api } from '../api/api';

/**
 * The models the server knows (its catalogue merged with the API's list) and its configured
 * defaults: model pickers list them, and the editor checks each node against them with the
 * same function the server uses before a run.
 */
export interface ModelsState {
  models: ModelInfo[];
  defaults: ModelDefaults;
  catalogue: ModelCatalogue;
  /** The server's clock, so "shuts down in N days" matches what the server will refuse. */
  now: () => number;
  loaded: boolean;
  load(): Promise<void>;
}

export const useModels = create<ModelsState>()((set) => ({
  models: STATIC_CATALOGUE.list(Date.now()),
  defaults: DEFAULT_MODELS,
  catalogue: STATIC_CATALOGUE,
  now: Date.now,
  loaded: false,
  load: async () => {
    try {
      const answer = await api.models();
      const skew = Date.parse(answer.now) - Date.now();
      const catalogue = answer.live
        ? STATIC_CATALOGUE.withLive(answer.live, Date.parse(answer.checkedAt ?? answer.now))
        : STATIC_CATALOGUE;
      set({
        models: answer.models,
        defaults: answer.defaults,
        catalogue,
        now: () => Date.now() + skew,
        loaded: true,
      });
    } catch {
      // Offline or refused: the shipped catalogue still checks what it can.
    }
  },
}));
