/** Input images per Responses call, the edited image included (reference §9). */
export const MAX_IMAGES = 16;
