import type { AnnotationColor } from '@atelier/graph';
import { COLOR_HEX, COLORS } from './colors';

/** A row of colour dots; the current one is marked. */
export function ColorSwatches({
  value,
  onPick,
  testId,
}: {
  value: AnnotationColor | undefined;
  onPick(color: AnnotationColor): void;
  testId: string;
}) {
  return (
    <div
      className="annotation-swatches nodrag"
      role="radiogroup"
      aria-label="Colour"
      data-testid={testId}
    >
      {COLORS.map((c) => (
        <button
          key={c}
          type="button"
          role="radio"
          aria-checked={value === c}
          aria-label={c}
          title={c}
          className={`annotation-swatch${value === c ? ' current' : ''}`}
          style={{ background: COLOR_HEX[c] }}
          onClick={(e) => {
            e.stopPropagation();
            onPick(c);
          }}
        />
      ))}
    </div>
  );
}
