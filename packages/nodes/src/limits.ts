/** Input images per Responses call, the edited image included (reference §9). */
export const MAX_IMAGES = 16;

/** Image bytes one request may carry, counted before base64 (the API's vision limit). */
export const MAX_REQUEST_IMAGE_BYTES = 50 * 1024 * 1024;

/** Domains a web search may be limited to (the tool's documented allow-list size). */
export const MAX_ALLOWED_DOMAINS = 100;
