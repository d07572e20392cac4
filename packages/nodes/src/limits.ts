/** Input images per Responses call, the edited image included (reference §9). */
export const MAX_IMAGES = 16;

/** Image bytes one request may carry, counted before base64 (the API's vision limit). */
export const MAX_REQUEST_IMAGE_BYTES = 50 * 1024 * 1024;

/** Domains a web search may be limited to (the tool's documented allow-list size). */
export const MAX_ALLOWED_DOMAINS = 100;

/**
 * Tool calls (searches, page opens) one web search node may make: a bound on what it can
 * cost, so a budget can reserve it before the call.
 */
export const WEB_SEARCH_MAX_TOOL_CALLS = 8;

/** Searches allowed inside an image call with web search on, before the one image. */
export const MAX_SEARCHES_PER_IMAGE_CALL = 3;
