import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { MaskBitmap, PixelRect, Point, Rgb } from './mask-canvas';
import {
  clampBrushSize,
  clientToImage,
  countPainted,
  createMask,
  defaultBrushSize,
  fillMask,
  fullRect,
  invertMask,
  paintSegment,
  renderOverlay,
  stepBrushSize,
  unionRect,
  BRUSH_MAX,
  BRUSH_MIN,
} from './mask-canvas';
import { MaskHistory } from './mask-history';
import { encodeMaskPng, loadMask } from './mask-png';
import './mask-painter.css';

export interface MaskPainterProps {
  /** The mask node's input image, shown under the painting. */
  imageUrl: string;
  /** The image's natural size: the saved PNG has exactly this size. */
  width: number;
  height: number;
  /** The node's current mask, to continue from. */
  initialMaskUrl?: string;
  /**
   * A PNG of width × height: alpha 0 where painted (region to change), 255 elsewhere. May
   * return a promise (e.g. an upload); Save stays disabled until it settles.
   */
  onSave(png: Blob): void | Promise<void>;
  onCancel(): void;
}

type Tool = 'brush' | 'eraser';

const OVERLAY_COLOUR: Rgb = [255, 48, 120];

/**
 * A modal over the mask node's input image. Painting happens on a bitmap of the image's
 * natural size (see mask-canvas.ts); the canvas on screen is that bitmap scaled by CSS, so
 * what is saved never depends on the window size.
 */
export const MaskPainter = ({
  imageUrl,
  width,
  height,
  initialMaskUrl,
  onSave,
  onCancel,
}: MaskPainterProps) => {
  const [tool, setTool] = useState<Tool>('brush');
  const [size, setSize] = useState(() => defaultBrushSize(width, height));
  const [opacity, setOpacity] = useState(0.5);
  const [painted, setPainted] = useState(0);
  const [status, setStatus] = useState<'loading' | 'ready' | 'saving'>(
    initialMaskUrl ? 'loading' : 'ready',
  );
  const [problem, setProblem] = useState<string>();
  const [, setHistoryVersion] = useState(0);

  const dialogRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cursorRef = useRef<HTMLDivElement>(null);
  const maskRef = useRef<MaskBitmap>(createMask(width, height));
  const overlayRef = useRef<ImageData | null>(null);
  const historyRef = useRef(new MaskHistory());
  const strokeRef = useRef<{ pointerId: number; last: Point } | null>(null);
  const dirtyRef = useRef<PixelRect | null>(null);
  const frameRef = useRef<number | null>(null);

  /** Pushes the dirty part of the bitmap to the overlay canvas, at most once per frame. */
  const flush = useCallback(() => {
    frameRef.current = null;
    const rect = dirtyRef.current;
    dirtyRef.current = null;
    const ctx = canvasRef.current?.getContext('2d');
    if (!rect || !ctx) return;
    overlayRef.current ??= ctx.createImageData(width, height);
    renderOverlay(maskRef.current, overlayRef.current.data, OVERLAY_COLOUR, rect);
    ctx.putImageData(overlayRef.current, 0, 0, rect.x, rect.y, rect.w, rect.h);
  }, [width, height]);

  const invalidate = useCallback(
    (rect: PixelRect | null) => {
      dirtyRef.current = unionRect(dirtyRef.current, rect);
      frameRef.current ??= requestAnimationFrame(flush);
    },
    [flush],
  );

  const replaceMask = useCallback(
    (next: MaskBitmap) => {
      maskRef.current = next;
      invalidate(fullRect(next));
      setPainted(countPainted(next));
    },
    [invalidate],
  );

  /** Records the state for undo, applies a whole-mask change and redraws. */
  const changeAll = (change: (mask: MaskBitmap) => void) => {
    historyRef.current.record(maskRef.current);
    change(maskRef.current);
    replaceMask(maskRef.current);
    setHistoryVersion((v) => v + 1);
  };

  const undo = () => {
    const previous = historyRef.current.undo(maskRef.current);
    if (previous) replaceMask(previous);
    setHistoryVersion((v) => v + 1);
  };

  const redo = () => {
    const next = historyRef.current.redo(maskRef.current);
    if (next) replaceMask(next);
    setHistoryVersion((v) => v + 1);
  };

  useEffect(() => {
    if (!initialMaskUrl) return;
    let live = true;
    loadMask(initialMaskUrl, width, height)
      .then((mask) => live && replaceMask(mask))
      .catch((error: unknown) => {
        if (live)
          setProblem(
            `The current mask could not be loaded (${error instanceof Error ? error.message : String(error)}); starting from an empty one`,
          );
      })
      .finally(() => live && setStatus('ready'));
    return () => {
      live = false;
    };
  }, [initialMaskUrl, width, height, replaceMask]);

  // Focus the dialog so its shortcuts work at once; give focus back when it closes.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.focus();
    return () => {
      if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
      before?.focus();
    };
  }, []);

  const pointAt = (event: { clientX: number; clientY: number }): Point => {
    const box = canvasRef.current?.getBoundingClientRect();
    return box ? clientToImage(event.clientX, event.clientY, box, width, height) : { x: 0, y: 0 };
  };

  const moveCursor = (event: { clientX: number; clientY: number } | null) => {
    const cursor = cursorRef.current;
    const box = canvasRef.current?.getBoundingClientRect();
    if (!cursor || !box) return;
    if (!event) {
      cursor.style.display = 'none';
      return;
    }
    const diameter = (size * box.width) / width;
    cursor.style.display = 'block';
    cursor.style.width = cursor.style.height = `${diameter}px`;
    cursor.style.transform = `translate(${event.clientX - box.left - diameter / 2}px, ${event.clientY - box.top - diameter / 2}px)`;
  };

  const paintTo = (to: Point) => {
    const stroke = strokeRef.current;
    if (!stroke) return;
    const value = tool === 'brush' ? 1 : 0;
    invalidate(paintSegment(maskRef.current, stroke.last, to, size / 2, value));
    stroke.last = to;
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    event.stopPropagation();
    if (event.button !== 0 || status !== 'ready') return;
    event.currentTarget.setPointerCapture(event.pointerId);
    historyRef.current.record(maskRef.current);
    const at = pointAt(event);
    strokeRef.current = { pointerId: event.pointerId, last: at };
    paintTo(at);
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    moveCursor(event);
    if (strokeRef.current?.pointerId !== event.pointerId) return;
    // Coalesced events carry the positions between frames: strokes follow the hand closely.
    const native = event.nativeEvent;
    const samples =
      typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const sample of samples.length > 0 ? samples : [native]) paintTo(pointAt(sample));
  };

  const endStroke = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (strokeRef.current?.pointerId !== event.pointerId) return;
    paintTo(pointAt(event));
    strokeRef.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId))
      event.currentTarget.releasePointerCapture(event.pointerId);
    setPainted(countPainted(maskRef.current));
    setHistoryVersion((v) => v + 1);
  };

  const save = async () => {
    setStatus('saving');
    try {
      await onSave(await encodeMaskPng(maskRef.current));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
    // Still open (the host kept it, e.g. after a failed upload): painting and saving go on.
    setStatus('ready');
  };

  /** Tab cycles through the dialog's controls instead of reaching the editor behind it. */
  const keepFocusInside = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const focusable = Array.from(
      dialogRef.current?.querySelectorAll<HTMLElement>('button:not(:disabled), input') ?? [],
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === dialogRef.current)) last.focus();
    else if (!event.shiftKey && active === last) first.focus();
    else return;
    event.preventDefault();
  };

  // Keys stay inside the modal: the editor behind must not delete nodes or undo its own steps.
  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    event.stopPropagation();
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (key === 'tab') return keepFocusInside(event);
    if (key === 'escape') onCancel();
    else if (event.key === '[') setSize((s) => stepBrushSize(s, -1));
    else if (event.key === ']') setSize((s) => stepBrushSize(s, 1));
    else if (mod && key === 'z') (event.shiftKey ? redo : undo)();
    else if (mod && key === 'y') redo();
    else if (mod) return;
    else if (key === 'b') setTool('brush');
    else if (key === 'e') setTool('eraser');
    else if (key === 'x') setTool((t) => (t === 'brush' ? 'eraser' : 'brush'));
    else return;
    event.preventDefault();
  };

  const percent = ((painted / (width * height)) * 100).toFixed(1);
  const busy = status !== 'ready';

  return createPortal(
    <div className="mask-painter-backdrop" onPointerDown={(e) => e.stopPropagation()}>
      <div
        ref={dialogRef}
        className="mask-painter"
        role="dialog"
        aria-modal="true"
        aria-label="Mask painter"
        data-testid="mask-painter"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <div className="mask-painter-toolbar" role="toolbar" aria-label="Mask tools">
          <button
            type="button"
            data-testid="mask-brush"
            aria-pressed={tool === 'brush'}
            title="Brush (B) — paint the region to change"
            onClick={() => setTool('brush')}
          >
            Brush
          </button>
          <button
            type="button"
            data-testid="mask-eraser"
            aria-pressed={tool === 'eraser'}
            title="Eraser (E)"
            onClick={() => setTool('eraser')}
          >
            Eraser
          </button>
          <label className="mask-painter-slider" title="Brush size ([ and ])">
            <span>Size {size}px</span>
            <input
              type="range"
              data-testid="mask-size"
              aria-label="Brush size"
              min={BRUSH_MIN}
              max={BRUSH_MAX}
              value={size}
              onChange={(e) => setSize(clampBrushSize(Number(e.target.value)))}
            />
          </label>
          <button
            type="button"
            data-testid="mask-clear"
            disabled={busy}
            onClick={() => changeAll((m) => fillMask(m, 0))}
          >
            Clear
          </button>
          <button
            type="button"
            data-testid="mask-invert"
            disabled={busy}
            onClick={() => changeAll(invertMask)}
          >
            Invert
          </button>
          <button
            type="button"
            aria-label="Undo stroke"
            title="Undo (Ctrl+Z)"
            disabled={!historyRef.current.canUndo}
            onClick={undo}
          >
            ↶
          </button>
          <button
            type="button"
            aria-label="Redo stroke"
            title="Redo (Ctrl+Shift+Z)"
            disabled={!historyRef.current.canRedo}
            onClick={redo}
          >
            ↷
          </button>
          <label className="mask-painter-slider">
            <span>Overlay {Math.round(opacity * 100)}%</span>
            <input
              type="range"
              data-testid="mask-opacity"
              aria-label="Overlay opacity"
              min={0}
              max={100}
              value={Math.round(opacity * 100)}
              onChange={(e) => setOpacity(Number(e.target.value) / 100)}
            />
          </label>
        </div>
        <div
          className="mask-painter-stage"
          style={{
            aspectRatio: `${width} / ${height}`,
            width: `min(92vw, calc((100vh - 180px) * ${width / height}))`,
          }}
        >
          <img src={imageUrl} alt="Image being masked" draggable={false} />
          <canvas
            ref={canvasRef}
            width={width}
            height={height}
            data-testid="mask-canvas"
            aria-label="Mask canvas: paint the region to change"
            style={{ opacity }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={endStroke}
            onPointerCancel={endStroke}
            onPointerLeave={() => moveCursor(null)}
          />
          <div ref={cursorRef} className="mask-painter-cursor" aria-hidden="true" />
        </div>
        <div className="mask-painter-footer">
          <span className="mask-painter-status" aria-live="polite">
            {status === 'loading'
              ? 'Loading the current mask…'
              : painted === 0
                ? 'Nothing marked yet: paint the region to change'
                : `${percent}% of ${width}×${height} marked to change`}
            {problem && <span className="mask-painter-problem"> — {problem}</span>}
          </span>
          <button type="button" data-testid="mask-cancel" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            data-testid="mask-save"
            // A mask that marks nothing would let an edit change nothing (the node refuses it).
            disabled={busy || painted === 0}
            onClick={() => void save()}
          >
            {status === 'saving' ? 'Saving…' : 'Save mask'}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  );
};

export default MaskPainter;
