import type { ModelInfo } from '@atelier/nodes';
import { daysUntil } from '@atelier/nodes';
import { useDocument } from '../store/document-store';
import { useModels } from '../store/models-store';
import { SelectWithOther } from './SelectWithOther';
import type { FieldProps } from './field-props';

/** How a model reads in a picker: its name, and its date when it is going away. */
export const modelLabel = (info: ModelInfo, now: number): string => {
  switch (info.status) {
    case 'deprecated': {
      const days = daysUntil(info.shutdownDate!, now);
      return `${info.id} — shuts down ${info.shutdownDate} (${days} day${days === 1 ? '' : 's'})`;
    }
    case 'shut_down':
      return `${info.id} — shut down ${info.shutdownDate}`;
    case 'unavailable':
      return `${info.id} — not available to this key`;
    case 'unknown':
      return `${info.id} — not in the catalogue`;
    case 'active':
      return info.id;
  }
};

/**
 * A model picker: the configured default, the live models of the field's family, those
 * shutting down (with their date) apart, and "Other…" for a name the list does not have.
 * A dead model already in the document stays shown as such (the card offers the switch).
 */
export function ModelField({ id, testId, field, value, nodeId }: FieldProps<'model', string>) {
  const models = useModels((s) => s.models);
  const defaults = useModels((s) => s.defaults);
  const catalogue = useModels((s) => s.catalogue);
  const now = useModels((s) => s.now)();
  const family = models.filter((m) => m.family === field.family);
  const live = family.filter((m) => m.status === 'active');
  const going = family.filter((m) => m.status === 'deprecated');
  const listed =
    value === '' || live.some((m) => m.id === value) || going.some((m) => m.id === value);
  const update = (next: string) => useDocument.getState().updateField(nodeId, field.name, next);
  const fallback = field.family === 'image' ? defaults.imageModel : defaults.model;
  return (
    <SelectWithOther
      id={id}
      testId={testId}
      value={value}
      listed={listed}
      other={{
        option: 'Other…',
        ariaLabel: `${field.label} (other model name)`,
        testId: `${testId}-other`,
        placeholder: 'model name',
      }}
      onChange={update}
      options={(showingOther) => (
        <>
          <option value="">Default ({fallback})</option>
          {!listed && !showingOther && (
            <option value={value}>{modelLabel(catalogue.info(value, now), now)}</option>
          )}
          {live.length > 0 && (
            <optgroup label="Live">
              {live.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id}
                </option>
              ))}
            </optgroup>
          )}
          {going.length > 0 && (
            <optgroup label="Shutting down">
              {going.map((m) => (
                <option key={m.id} value={m.id}>
                  {modelLabel(m, now)}
                </option>
              ))}
            </optgroup>
          )}
        </>
      )}
    />
  );
}
