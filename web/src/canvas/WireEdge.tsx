import type { EdgeProps } from '@xyflow/react';
import { BaseEdge, getBezierPath } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import { createPortal } from 'react-dom';

/** The SVG group above the cards that wires are drawn into a second time (see Canvas). */
export const WireOverlay = createContext<SVGGElement | null>(null);

/**
 * An edge as React Flow draws it (under the cards, clickable), plus the same path drawn again
 * above the cards, dashed and pointer-free: where a wire passes a card it is seen crossing
 * over it, so it never reads as a connection of the card it passes under.
 */
export const WireEdge = memo(function WireEdge(props: EdgeProps) {
  const [path] = getBezierPath(props);
  const overlay = useContext(WireOverlay);
  const stroke = props.style?.stroke;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        style={props.style}
        markerEnd={props.markerEnd}
        interactionWidth={props.interactionWidth}
      />
      {overlay &&
        createPortal(
          <path d={path} stroke={stroke} data-edge={props.id} className="wire-over" />,
          overlay,
        )}
    </>
  );
});
