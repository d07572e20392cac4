import { PORT_KINDS } from '@atelier/graph';
import { Panel } from '@xyflow/react';
import { PORT_KIND_LABEL, portColor } from '../model/catalogue';

/** Which colour is which port kind; only same-colour ports connect. */
export function PortLegend() {
  return (
    <Panel
      position="bottom-center"
      className="legend"
      data-testid="port-legend"
      aria-label="Port kinds"
    >
      {PORT_KINDS.map((k) => (
        <span key={k} className="legend-item">
          <span className="dot" style={{ background: portColor(k) }} />
          {PORT_KIND_LABEL[k]}
        </span>
      ))}
      <span className="legend-note">same colour connects</span>
    </Panel>
  );
}
