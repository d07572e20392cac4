import { useState } from 'react';
import { blobUrl } from '../api/api';
import { Segmented } from '../ui/Segmented';

interface Img {
  blob: string;
  width: number;
  height: number;
}

/** Two images over each other: a slider reveals b over a, or b is laid over a translucent (onion skin). */
export function ImageCompare({ a, b, label }: { a: Img; b: Img; label: string }) {
  const [mode, setMode] = useState<'slider' | 'onion'>('slider');
  const [split, setSplit] = useState(50);
  const [opacity, setOpacity] = useState(50);
  return (
    <div className="image-compare" data-testid="image-compare">
      <Segmented
        value={mode}
        onChange={setMode}
        options={[
          { value: 'slider', label: 'Slider', testId: 'compare-mode-slider' },
          { value: 'onion', label: 'Onion skin', testId: 'compare-mode-onion' },
        ]}
      />
      <div className="image-stack" style={{ aspectRatio: `${a.width} / ${a.height}` }}>
        <img src={blobUrl(a.blob)} alt={`${label}, run A`} />
        <img
          src={blobUrl(b.blob)}
          alt={`${label}, run B`}
          data-testid="compare-top"
          style={
            mode === 'slider' ? { clipPath: `inset(0 0 0 ${split}%)` } : { opacity: opacity / 100 }
          }
        />
        {mode === 'slider' && <span className="split-line" style={{ left: `${split}%` }} />}
      </div>
      {mode === 'slider' ? (
        <label className="small">
          A ◀ ▶ B
          <input
            type="range"
            min={0}
            max={100}
            value={split}
            data-testid="compare-slider"
            aria-label="Slide between run A and run B"
            onChange={(e) => setSplit(Number(e.target.value))}
          />
        </label>
      ) : (
        <label className="small">
          Opacity of B
          <input
            type="range"
            min={0}
            max={100}
            value={opacity}
            data-testid="compare-onion"
            aria-label="Opacity of run B over run A"
            onChange={(e) => setOpacity(Number(e.target.value))}
          />
        </label>
      )}
    </div>
  );
}
