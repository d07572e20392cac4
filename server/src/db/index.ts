export { createDb, MIGRATIONS_FOLDER, type Db, type Orm } from './create-db';
export { SqliteCacheStore } from './sqlite-cache-store';
export { WorkflowRepo } from './workflow-repo';
export type { StoredWorkflow, WorkflowSummary, WorkflowVersionSummary } from './workflow-repo';
export * as schema from './schema';
