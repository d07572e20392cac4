import type { NodeContext, NodeResult } from './context';
import type { EditData } from './edit';
import { NodeError } from './responses';

export const runEdit = async (_ctx: NodeContext<EditData>): Promise<NodeResult> => {
  throw new NodeError('not_implemented', 'edit is not implemented yet');
};
