import type { FieldSpec, PortSpec } from '@atelier/graph';
import { memo, useState } from 'react';
import { useDocument } from '../store/document-store';
import { useSession } from '../store/session-store';
import { RecipeNameToggle } from './RecipeNameToggle';
import { ImageFieldEditor } from './ImageFieldEditor';
import { ModelField } from './ModelField';
import { SelectWithOther } from './SelectWithOther';
import type { FieldProps } from './field-props';
import { plainText } from '../model/plain-text';
import { useInlineSource } from './use-inline-source';
import './inline-field.css';

interface Props {
  nodeId: string;
  /** The input ports of the card's definition: a field may stand in for one (PortSpec.inline). */
  inputs: readonly PortSpec[];
  field: FieldSpec;
  value: unknown;
  exposedAs?: string;
}

const update = (nodeId: string, field: string, value: unknown) =>
  useDocument.getState().updateField(nodeId, field, value);

/** One field of a node, edited per its FieldSpec kind (fields described as data). */
export const FieldEditor = memo(function FieldEditor({
  nodeId,
  inputs,
  field,
  value,
  exposedAs,
}: Props) {
  const id = `f-${nodeId}-${field.name}`;
  // A named input given to the shown run: the field shows what that run used.
  const runValue = useSession((s) =>
    exposedAs === undefined ? undefined : s.run?.inputs?.[exposedAs],
  );
  const testId = `field-${nodeId}-${field.name}`;
  // A wire into the input this field stands in for wins over the typed text.
  const wiredFrom = useInlineSource(nodeId, inputs, field.name);
  const label = (
    <span className="field-label-row">
      <label htmlFor={id} className="field-label" title={field.help}>
        {field.label}
      </label>
      {field.exposable && <RecipeNameToggle nodeId={nodeId} target={{ input: field }} />}
    </span>
  );
  const body = ((): React.ReactNode => {
    switch (field.kind) {
      case 'text':
        return field.multiline ? (
          <textarea
            id={id}
            data-testid={testId}
            className="nodrag nowheel field-input field-textarea"
            value={typeof value === 'string' ? value : ''}
            placeholder={field.placeholder}
            rows={3}
            onChange={(e) => update(nodeId, field.name, e.target.value)}
          />
        ) : (
          <input
            id={id}
            data-testid={testId}
            className="nodrag field-input"
            value={typeof value === 'string' ? value : ''}
            placeholder={field.placeholder}
            onChange={(e) => update(nodeId, field.name, e.target.value)}
          />
        );
      case 'select':
        return (
          <SelectField
            id={id}
            testId={testId}
            field={field}
            value={plainText(value ?? field.default)}
            nodeId={nodeId}
          />
        );
      case 'number':
        return (
          <NumberField
            id={id}
            testId={testId}
            field={field}
            value={typeof value === 'number' ? value : field.default}
            nodeId={nodeId}
          />
        );
      case 'boolean':
        return (
          <input
            id={id}
            data-testid={testId}
            type="checkbox"
            className="nodrag field-checkbox"
            checked={value === true}
            onChange={(e) => update(nodeId, field.name, e.target.checked)}
          />
        );
      case 'string-list':
        return (
          <ListField
            id={id}
            testId={testId}
            field={field}
            value={Array.isArray(value) ? (value as string[]) : []}
            nodeId={nodeId}
          />
        );
      case 'model':
        return (
          <ModelField
            id={id}
            testId={testId}
            field={field}
            value={typeof value === 'string' ? value : ''}
            nodeId={nodeId}
          />
        );
      case 'image':
      case 'mask':
        return (
          <ImageFieldEditor
            id={id}
            nodeId={nodeId}
            field={field}
            value={value}
            runValue={runValue}
          />
        );
      default: {
        const never: never = field;
        return never;
      }
    }
  })();
  const inline = field.kind === 'boolean';
  return (
    <div
      className={`field field-${field.kind}${inline ? ' field-inline' : ''}${wiredFrom ? ' field-overridden' : ''}`}
    >
      {label}
      {body}
      {wiredFrom && (
        <p className="field-override" data-testid={`inline-wired-${nodeId}-${field.name}`}>
          Connected: the run uses {wiredFrom}’s {field.kind === 'text' ? 'text' : 'image'}, not this
          one.
        </p>
      )}
      {field.kind === 'text' && typeof runValue === 'string' && runValue !== value && (
        <p
          className="run-input-text"
          data-testid={`run-input-${nodeId}-${field.name}`}
          title={`The shown run was given this as its input “${exposedAs}”`}
        >
          <span className="muted">Run input:</span> {runValue}
        </p>
      )}
    </div>
  );
});

function SelectField({ id, testId, field, value, nodeId }: FieldProps<'select', string>) {
  const known = field.options.some((o) => o.value === value);
  return (
    <SelectWithOther
      id={id}
      testId={testId}
      value={value}
      listed={known}
      startWithOther={!known}
      other={
        field.allowCustom
          ? {
              option: 'Custom…',
              ariaLabel: `${field.label} (custom)`,
              testId: `${testId}-custom`,
              placeholder: field.placeholder,
            }
          : undefined
      }
      onChange={(next) => update(nodeId, field.name, next)}
      options={() =>
        field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))
      }
    />
  );
}

function NumberField({ id, testId, field, value, nodeId }: FieldProps<'number', number>) {
  const [text, setText] = useState<string | undefined>(undefined);
  const shown = text ?? String(value);
  const n = Number(shown);
  const problem =
    shown.trim() === '' || Number.isNaN(n)
      ? 'a number'
      : n < field.min || n > field.max
        ? `${field.min}–${field.max}`
        : field.integer && !Number.isInteger(n)
          ? 'a whole number'
          : undefined;
  return (
    <span className="number-row">
      <input
        id={id}
        data-testid={testId}
        type="number"
        className={`nodrag field-input${problem ? ' invalid' : ''}`}
        min={field.min}
        max={field.max}
        step={field.step ?? (field.integer ? 1 : 'any')}
        value={shown}
        aria-invalid={!!problem}
        onChange={(e) => {
          setText(e.target.value);
          const next = Number(e.target.value);
          if (e.target.value.trim() !== '' && !Number.isNaN(next)) update(nodeId, field.name, next);
        }}
        onBlur={() => setText(undefined)}
      />
      {problem && <span className="field-problem">expected {problem}</span>}
    </span>
  );
}

function ListField({ id, testId, field, value, nodeId }: FieldProps<'string-list', string[]>) {
  const [text, setText] = useState<string | undefined>(undefined);
  return (
    <input
      id={id}
      data-testid={testId}
      className="nodrag field-input"
      placeholder={field.placeholder ?? 'comma, separated'}
      value={text ?? value.join(', ')}
      onChange={(e) => {
        setText(e.target.value);
        update(
          nodeId,
          field.name,
          e.target.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
      }}
      onBlur={() => setText(undefined)}
    />
  );
}
