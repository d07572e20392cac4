import './versions.css';
import { ConflictDialog } from './ConflictDialog';
import { usePresence } from './presence';

/** Presence heartbeats for the open workflow, and the save-conflict dialog. */
export function VersionsHost() {
  usePresence();
  return <ConflictDialog />;
}
