import type { NodeContext, NodeResult } from './context';
import { NodeError } from './responses';
import type { WebSearchData } from './web-search';

export const runWebSearch = async (_ctx: NodeContext<WebSearchData>): Promise<NodeResult> => {
  throw new NodeError('not_implemented', 'web_search is not implemented yet');
};
