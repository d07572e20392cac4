import type { FieldSpec } from '@atelier/graph';

/** The spec of one field kind. */
type FieldOf<K extends FieldSpec['kind']> = Extract<FieldSpec, { kind: K }>;

/** What FieldEditor hands the editor of one field kind: where it is, its spec and its value. */
export interface FieldProps<K extends FieldSpec['kind'], V> {
  id: string;
  testId: string;
  field: FieldOf<K>;
  value: V;
  nodeId: string;
}
