import { useMemo, useState } from 'react';
import type { SharedInput, SharedRecipe } from './share-api';
import { shareApi } from './share-api';
import { appInputLabel, appOutputs } from './app-outputs';
import { useShareRun } from './use-share-run';
import { plainText } from '../model/plain-text';

type Value = string | { blob: string; preview: string };

/** One named input of the app page, with the link's token for uploads and image URLs. */
interface FieldProps {
  input: SharedInput;
  label: string;
  token: string;
  value: Value | undefined;
  onChange: (value: Value) => void;
}

const ImageDrop = ({ input, label, token, value, onChange }: FieldProps) => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const take = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const stored = await shareApi.upload(token, file);
      onChange({ blob: stored.blob, preview: URL.createObjectURL(file) });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const preview =
    typeof value === 'object'
      ? value.preview
      : input.default && typeof input.default === 'object' && 'blob' in input.default
        ? shareApi.blobUrl(token, (input.default as { blob: string }).blob)
        : undefined;
  return (
    <label
      className="share-drop"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        void take(e.dataTransfer.files[0]);
      }}
    >
      {preview ? (
        <img src={preview} alt="" />
      ) : (
        <span className="muted">Drop an image here or choose one</span>
      )}
      <input
        type="file"
        accept="image/png,image/webp,image/jpeg"
        aria-label={label}
        onChange={(e) => void take(e.target.files?.[0])}
      />
      {busy && <span className="muted">Uploading…</span>}
      {error && <span className="error-text">{error}</span>}
    </label>
  );
};

const Field = ({ input, label, token, value, onChange }: FieldProps) => {
  if (input.kind === 'image' || input.kind === 'mask')
    return (
      <div className="share-field">
        <span>{label}</span>
        <ImageDrop input={input} label={label} token={token} value={value} onChange={onChange} />
      </div>
    );
  const current = typeof value === 'string' ? value : plainText(input.default);
  const control = input.control;
  if (control?.kind === 'select')
    return (
      <label className="share-field">
        <span>{label}</span>
        <select value={current} onChange={(e) => onChange(e.target.value)}>
          {control.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
    );
  return (
    <label className="share-field">
      <span>{label}</span>
      <textarea rows={3} value={current} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
};

/**
 * The app page of a run link: the recipe's named inputs as a form, Run, the partial images
 * while it works and the outputs with download — nothing of the graph.
 */
export const ShareApp = ({ token, recipe }: { token: string; recipe: SharedRecipe }) => {
  const [values, setValues] = useState<Record<string, Value>>({});
  const run = useShareRun(token);
  const shownRun = run.run;
  const doc = recipe.workflow.document;
  const outputs = useMemo(
    () => appOutputs(doc, shownRun, run.partials),
    [doc, shownRun, run.partials],
  );
  const budget = recipe.budget;

  const submit = () => {
    const inputs: Record<string, string | { blob: string }> = {};
    for (const [name, value] of Object.entries(values))
      inputs[name] = typeof value === 'string' ? value : { blob: value.blob };
    void run.start(inputs);
  };

  return (
    <main className="share-app">
      <section className="share-form">
        {recipe.workflow.document.description && (
          <p className="muted">{recipe.workflow.document.description}</p>
        )}
        {recipe.inputs.map((input) => (
          <Field
            key={input.name}
            input={input}
            label={appInputLabel(doc, input)}
            token={token}
            value={values[input.name]}
            onChange={(value) => setValues((v) => ({ ...v, [input.name]: value }))}
          />
        ))}
        <button type="button" className="primary" disabled={run.running} onClick={submit}>
          {run.running ? 'Running…' : 'Run'}
        </button>
        {budget?.maxCost !== undefined && (
          <p className="muted small">
            This link may spend ${budget.maxCost.toFixed(2)}; ${budget.spent.toFixed(2)} used so
            far.
          </p>
        )}
        {run.error && (
          <p className="error-text" role="alert">
            {run.error}
          </p>
        )}
      </section>
      <section className="share-results" aria-live="polite">
        {shownRun?.status && (
          <p className="muted" data-testid="share-run-status">
            Run {shownRun.status}
            {shownRun.error ? `: ${shownRun.error.message}` : ''}
          </p>
        )}
        {outputs.map((output) => (
          <figure key={output.name} className="share-output">
            <figcaption>{output.name}</figcaption>
            {output.images.length > 0
              ? output.images.map((image) => (
                  <div key={image.blob}>
                    <img
                      src={shareApi.blobUrl(token, image.blob)}
                      alt={output.name}
                      data-testid="share-output"
                    />
                    <a
                      href={shareApi.blobUrl(token, image.blob)}
                      download={`${recipe.workflow.name}-${output.name}.${image.ext}`}
                    >
                      Download
                    </a>
                  </div>
                ))
              : output.partial && (
                  <img
                    src={shareApi.blobUrl(token, output.partial)}
                    alt=""
                    className="share-partial"
                    data-testid="share-partial"
                  />
                )}
          </figure>
        ))}
      </section>
    </main>
  );
};
