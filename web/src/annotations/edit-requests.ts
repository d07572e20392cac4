/** Notes and groups that open in edit mode when they first render (just added by a person). */
const pending = new Set<string>();

export const requestEdit = (id: string) => pending.add(id);

/** True once for an id that asked to be edited. */
export const takeEditRequest = (id: string): boolean => pending.delete(id);
