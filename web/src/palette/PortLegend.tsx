import { PORT_KINDS } from '@atelier/graph';
import { PORT_KIND_LABEL, portColor } from '../model/catalogue';

/** Which colour is which port kind; only same-colour ports connect. Off the canvas. */
export function PortLegend() {
  return (
    <div className="legend" data-testid="port-legend" aria-label="Port kinds">
      {PORT_KINDS.map((k) => (
        <span key={k} className="legend-item">
          <span className="dot" style={{ background: portColor(k) }} />
          {PORT_KIND_LABEL[k]}
        </span>
      ))}
      <span className="legend-note">same colour connects</span>
    </div>
  );
}
