import type { NodeContext, NodeResult } from './context';
import type { GenerateData } from './generate';
import { NodeError } from './responses';

export const runGenerate = async (_ctx: NodeContext<GenerateData>): Promise<NodeResult> => {
  throw new NodeError('not_implemented', 'generate is not implemented yet');
};
