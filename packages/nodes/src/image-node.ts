import type { PortSpec } from '@atelier/graph';
import type { z } from 'zod';
import { fieldsOf, type Field } from './fields';
import {
  checkImageModel,
  imageFieldDefs,
  refineImageData,
  type ImageFieldsData,
} from './image-fields';
import type { ModelFieldSpec } from './definition';
import { MAX_SEARCHES_PER_IMAGE_CALL } from './limits';

/** Both image nodes call a mainline model that drives the image tool's model. */
const IMAGE_MODEL_FIELDS: readonly ModelFieldSpec[] = [
  { field: 'model', family: 'mainline', needsImageTool: true },
  { field: 'image_model', family: 'image' },
];

/**
 * What the `generate` and `edit` definitions share: the image tool's fields plus the node's
 * own, checked by the cross-field rules; the `references` input (at most `maxReferences`
 * edges); the outputs; and `callsApi`.
 */
export const imageNodeParts = <T extends Record<string, Field<z.ZodType>>>(
  ownFields: T,
  maxReferences: number,
) => {
  const { fields, schema } = fieldsOf({ ...imageFieldDefs, ...ownFields });
  const references: PortSpec = {
    name: 'references',
    kind: 'image',
    label: 'References',
    multiple: true,
    optional: true,
    max: maxReferences,
  };
  const outputs: PortSpec[] = [
    { name: 'image', kind: 'image', label: 'Image' },
    { name: 'revised_prompt', kind: 'text', label: 'Revised prompt' },
  ];
  return {
    references,
    outputs,
    fields,
    // The shared fields are all there, but TypeScript cannot see it through the generic `T`.
    data: schema.superRefine((value, ctx) => refineImageData(value as ImageFieldsData, ctx)),
    callsApi: true,
    maxSearches: (data: { web_search?: boolean }) =>
      data.web_search ? MAX_SEARCHES_PER_IMAGE_CALL : 0,
    modelFields: IMAGE_MODEL_FIELDS,
    checkModels: checkImageModel,
  };
};
