import type { ImageValue, MaskValue, PortValue } from '@atelier/graph';
import type { NodeInputs } from './context';
import { NodeError } from './responses';

const isImage = (value: PortValue | undefined): value is ImageValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'blob' in value;

/** A `multiple` port's values (an array); a lone value is tolerated as a list of one. */
const asList = (value: NodeInputs[string]): PortValue[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as PortValue[]) : [value];

/** A required text input; empty text counts as missing. */
export const requiredText = (inputs: NodeInputs, port: string, what: string): string => {
  const value = inputs[port];
  if (typeof value !== 'string' || value.trim() === '')
    throw new NodeError('missing_input', `${what} is empty: connect a prompt with some text.`);
  return value;
};

export const optionalText = (inputs: NodeInputs, port: string): string | undefined => {
  const value = inputs[port];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
};

/** A `multiple` text input: non-empty strings in port order. */
export const textList = (inputs: NodeInputs, port: string): string[] =>
  asList(inputs[port]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');

export const imageList = (inputs: NodeInputs, port: string): ImageValue[] =>
  asList(inputs[port]).filter(isImage);

export const requiredImage = (inputs: NodeInputs, port: string, what: string): ImageValue => {
  const value = inputs[port];
  if (!isImage(value as PortValue))
    throw new NodeError('missing_input', `${what}: connect an image to the "${port}" input.`);
  return value as ImageValue;
};

export const optionalMask = (inputs: NodeInputs, port: string): MaskValue | undefined => {
  const value = inputs[port];
  return isImage(value as PortValue) ? (value as MaskValue) : undefined;
};
