import type { z } from 'zod';
import type { PortKind } from './ports';

/** A port of a node type. A `multiple` input takes several edges (values arrive as an array). */
export interface PortSpec {
  name: string;
  kind: PortKind;
  label: string;
  multiple?: boolean;
  optional?: boolean;
  /** For `multiple` image inputs: the most edges allowed. */
  max?: number;
  /**
   * A text field of the node that stands in for this input while nothing is connected: a
   * person types it on the card instead of wiring a prompt. A connected edge overrides it.
   * The engine passes the typed text as the input's value (so it is keyed as a wired text
   * would be), and a required input is satisfied by non-blank text.
   */
  inline?: string;
}

interface FieldBase {
  name: string;
  label: string;
  help?: string;
  /** Field can be exposed as a named recipe input (DESIGN.md §3 `inputs`). */
  exposable?: boolean;
  /**
   * An image or mask field the node cannot run without: a run that needs the node is refused
   * before any call while it is empty (`missing_image` / `missing_mask`).
   */
  required?: boolean;
}
/** Field editors described as data, rendered generically by the editor. */
export type FieldSpec = FieldBase &
  (
    | { kind: 'text'; default: string; multiline?: boolean; placeholder?: string }
    | {
        kind: 'select';
        default: string;
        options: { value: string; label: string }[];
        /**
         * Values outside `options` are accepted too (checked by the data schema), e.g. a
         * custom `WxH` size; the editor offers a free-text entry beside the list.
         */
        allowCustom?: boolean;
        placeholder?: string;
      }
    | {
        kind: 'number';
        default: number;
        min: number;
        max: number;
        step?: number;
        integer?: boolean;
      }
    | { kind: 'boolean'; default: boolean }
    | {
        /** A model name of one family; empty = the configured default. The editor offers the live models. */
        kind: 'model';
        default: string;
        family: 'image' | 'mainline';
        placeholder?: string;
      }
    | { kind: 'string-list'; default: string[]; placeholder?: string }
    | { kind: 'image'; default: null }
    | { kind: 'mask'; default: null }
  );
export type FieldKind = FieldSpec['kind'];

/**
 * What validation and the editor need to know of a node type. The full definition
 * (with `run`) lives in @atelier/nodes and extends this.
 */
export interface NodeSpec {
  type: string;
  /** Bumped when outputs for the same data would change: part of the cache key. */
  version: number;
  title: string;
  /** The palette group (ids and labels: NODE_CATEGORIES in @atelier/nodes). */
  category: string;
  description: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  fields: FieldSpec[];
  /** Schema of `data`; fills defaults and names the bad field. */
  data: z.ZodType;
}

export type NodeCatalogue = ReadonlyMap<string, NodeSpec>;

/** The kind a named input of a field has: text fields take text, image/mask fields a blob. */
export const fieldInputKind = (field: FieldSpec): PortKind | undefined =>
  field.kind === 'text'
    ? 'text'
    : field.kind === 'image'
      ? 'image'
      : field.kind === 'mask'
        ? 'mask'
        : undefined;
