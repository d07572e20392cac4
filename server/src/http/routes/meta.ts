import type { NodeSpec, PortSpec, FieldSpec } from '@atelier/graph';
import { Hono } from 'hono';
import { allow } from '../../auth/allow';
import type { AppDeps } from '../deps';

/** A node type as the editor needs it: everything but the zod schema and `run`. */
export interface NodeTypeInfo {
  type: string;
  version: number;
  title: string;
  category: NodeSpec['category'];
  description: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  fields: FieldSpec[];
}

export const serialiseCatalogue = (catalogue: ReadonlyMap<string, NodeSpec>): NodeTypeInfo[] =>
  [...catalogue.values()].map((spec) => ({
    type: spec.type,
    version: spec.version,
    title: spec.title,
    category: spec.category,
    description: spec.description,
    inputs: spec.inputs,
    outputs: spec.outputs,
    fields: spec.fields,
  }));

/** `GET /api/health`, `GET /api/node-types` and `GET /api/models`. */
export const metaRoutes = (deps: AppDeps) => {
  const nodeTypes = serialiseCatalogue(deps.registry);
  return (
    new Hono()
      .get('/health', (c) =>
        c.json({ ok: true as const, provider: deps.provider.kind, version: deps.version }),
      )
      .get('/node-types', allow('view'), (c) => c.json(nodeTypes))
      // Live models first, deprecated with their dates, dead ones last with their replacements.
      .get('/models', allow('view'), (c) => c.json(deps.models.response()))
  );
};
