import type { ImageValue, MaskValue } from '@atelier/graph';
import { fieldInputKind } from '@atelier/graph';
import { checkLoadedDocument } from '../recipes/check-document';
import { registry } from '@atelier/nodes';
import { useState } from 'react';
import { blobUrl } from '../api/api';
import { definitionOf } from '../model/catalogue';
import { fieldOf } from '../model/node-data';
import { startRun } from './run-controller';
import { RunFormOutputs } from './RunFormOutputs';
import { uploadImage } from '../api/upload';
import { modelNotices } from '../model/model-check';
import { toWorkflow } from '../model/workflow-io';
import { snapshotOf, useDocument } from '../store/document-store';
import { useModels } from '../store/models-store';
import { useSession } from '../store/session-store';

type Value = string | ImageValue | MaskValue | null;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The document's model warnings (a model shutting down soon), as the run will meet them. */
const useModelWarnings = () => {
  const { catalogue, defaults, now } = useModels.getState();
  const workflow = toWorkflow(snapshotOf(useDocument.getState()));
  const checked = checkLoadedDocument(workflow);
  if (!checked.ok) return [];
  return modelNotices(checked.workflow, registry, catalogue, defaults, now()).filter(
    (n) => n.severity === 'warning',
  );
};

/** Asks for the recipe's named inputs (text or an image upload) before running. */
export function RunForm() {
  const form = useSession((s) => s.runForm);
  if (!form) return null;
  return <RunFormDialog target={form.target} />;
}

function RunFormDialog({ target }: { target?: string }) {
  const { inputs, nodes, loads } = useDocument.getState();
  const last = useSession.getState().lastRunInputs;
  const rows = inputs.flatMap((input) => {
    const node = nodes.find((n) => n.id === input.node);
    const field = definitionOf(node?.type)?.fields.find((f) => f.name === input.field);
    const kind = field ? fieldInputKind(field) : undefined;
    if (!node || !field || !kind) return [];
    const own = fieldOf(node, input.field) ?? null;
    const remembered =
      last?.loads === loads && sameValue(last.fields[input.name] ?? null, own)
        ? last.values[input.name]
        : undefined;
    return [{ input, field, kind, own, remembered, initial: (remembered ?? own) as Value }];
  });
  const prefilled = rows.some((r) => r.remembered !== undefined);
  const runInputs = useSession((s) => s.run?.inputs);
  const warnings = useModelWarnings();
  const [values, setValues] = useState<Record<string, Value>>(() =>
    Object.fromEntries(rows.map((r) => [r.input.name, r.initial])),
  );
  const [busy, setBusy] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const close = () => useSession.getState().set({ runForm: undefined });
  // The results on screen were made from other inputs than the form now holds.
  const changed = rows.some(
    (r) => !sameValue(values[r.input.name] ?? null, runInputs?.[r.input.name] ?? r.own),
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const missing = rows.find(
      (r) => values[r.input.name] === null || values[r.input.name] === undefined,
    );
    if (missing && missing.kind !== 'text') {
      setProblem(`“${missing.input.name}” needs an image`);
      return;
    }
    const sent: Record<string, string | ImageValue | MaskValue> = {};
    for (const r of rows) {
      const v = values[r.input.name];
      if (v !== null && v !== undefined) sent[r.input.name] = v;
    }
    const fields = Object.fromEntries(rows.map((r) => [r.input.name, r.own]));
    useSession.getState().set({ lastRunInputs: { loads, values: sent, fields } });
    close();
    await startRun({ target, inputs: sent });
  };

  return (
    <div className="modal-backdrop" onClick={close}>
      <form
        className="dialog run-form"
        data-testid="run-form"
        aria-label="Recipe inputs"
        onSubmit={(e) => void submit(e)}
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Run with inputs</h2>
        <p className="muted small">
          This recipe has named inputs. Values here are used for this run only
          {prefilled ? '; the form starts from those of your last run.' : '.'}
        </p>
        {warnings.length > 0 && (
          <ul className="model-notices" data-testid="run-form-model-warnings">
            {warnings.map((w) => (
              <li key={`${w.nodeId}:${w.field}`} className="model-notice warning">
                {w.nodeId}: {w.message}
              </li>
            ))}
          </ul>
        )}
        {rows.map(({ input, field, kind }) => {
          const id = `run-input-${input.name}`;
          const value = values[input.name];
          return (
            <div className="field" key={input.name}>
              <label htmlFor={id} className="field-label">
                {input.label ?? input.name}{' '}
                <span className="muted small">
                  ({field.label} of {input.node})
                </span>
              </label>
              {kind === 'text' ? (
                <textarea
                  id={id}
                  data-testid={`input-${input.name}`}
                  className="field-input field-textarea"
                  rows={3}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => setValues({ ...values, [input.name]: e.target.value })}
                />
              ) : (
                <div className="image-field">
                  {value && typeof value === 'object' ? (
                    <img
                      className={`thumb${kind === 'mask' ? ' mask' : ''}`}
                      src={blobUrl(value.blob)}
                      alt={input.name}
                    />
                  ) : (
                    <div className="thumb-empty">No image yet</div>
                  )}
                  <input
                    id={id}
                    type="file"
                    data-testid={`input-${input.name}`}
                    accept={kind === 'mask' ? 'image/png' : 'image/png,image/webp,image/jpeg'}
                    onChange={(e) =>
                      void (async () => {
                        const file = e.target.files?.[0];
                        if (!file) return;
                        setBusy(input.name);
                        try {
                          const image = await uploadImage(file, {
                            kind: kind === 'mask' ? 'mask' : 'image',
                            node: `“${input.label ?? input.name}”`,
                          });
                          setValues((vs) => ({
                            ...vs,
                            [input.name]: kind === 'mask' ? { ...image, mime: 'image/png' } : image,
                          }));
                          setProblem(undefined);
                        } catch (error) {
                          setProblem(error instanceof Error ? error.message : String(error));
                        } finally {
                          setBusy(undefined);
                        }
                      })()
                    }
                  />
                </div>
              )}
            </div>
          );
        })}
        <RunFormOutputs changed={changed} />
        {problem && (
          <p className="error-text" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="tb" onClick={close} data-testid="run-form-cancel">
            Cancel
          </button>
          <button
            type="submit"
            className="tb primary"
            disabled={!!busy}
            data-testid="run-form-submit"
          >
            {busy ? 'Uploading…' : target ? `Run up to ${target}` : 'Run'}
          </button>
        </div>
      </form>
    </div>
  );
}
