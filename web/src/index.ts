/** The editor as a component, for embedding and tests. */
export { App } from './app/App';
export { createDocumentStore, useDocument } from './store/document-store';
export { createSessionStore, useSession } from './store/session-store';
