import type { Workflow } from '@atelier/graph';
import { jsonEqual } from '@atelier/graph';
import { fromWorkflow, toWorkflow } from '../model/workflow-io';
import type { DocumentState } from '../store/document-store';
import { snapshotOf, useDocument } from '../store/document-store';

/** A first document so a new visitor sees how a graph looks: prompt → generate. */
export const starterWorkflow: Workflow = {
  format: 'atelier.workflow',
  version: 1,
  name: 'My first image',
  nodes: [
    {
      id: 'prompt_1',
      type: 'prompt',
      position: { x: 0, y: 40 },
      data: { text: 'A lighthouse on a cliff at dawn, watercolour' },
    },
    { id: 'generate_1', type: 'generate', position: { x: 380, y: 0 }, data: {} },
  ],
  edges: [
    {
      id: 'e_1',
      source: 'prompt_1',
      sourceHandle: 'text',
      target: 'generate_1',
      targetHandle: 'prompt',
    },
  ],
  inputs: [],
};

export const seedStarter = () => useDocument.getState().load(starterWorkflow);

/** The starter as the canvas holds it (loading fills in each field's default). */
const asLoaded = () => toWorkflow(fromWorkflow(starterWorkflow));

/** The canvas still shows the starter as it came: nothing a person made would be lost. */
export const isUntouchedStarter = (s: DocumentState): boolean =>
  !s.workflowId && jsonEqual(toWorkflow(snapshotOf(s)), asLoaded());
