import { MENU_SHORTCUTS } from '../canvas/context-menu/menu-keys';
import { SHORTCUTS } from './shortcuts';
import { SidePanel } from '../ui/SidePanel';

export function HelpPanel() {
  return (
    <SidePanel
      title="Shortcuts"
      label="Keyboard shortcuts"
      testId="help-panel"
      closeLabel="Close help"
      closeTestId="help-close"
    >
      <table className="shortcuts">
        <tbody>
          {[...SHORTCUTS, ...MENU_SHORTCUTS].map((s) => (
            <tr key={s.name}>
              <td>
                {s.keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </td>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Building</h3>
      <ul className="help-list">
        <li>
          Drag from an output (right) to an input (left). Only ports of the same colour connect.
        </li>
        <li>
          With one node selected, adding a node places it after and wires the first port that fits.
        </li>
        <li>The inspector (right) connects inputs from a list: no mouse needed.</li>
        <li>
          Shift+drag on the canvas selects a box of nodes; Shift/Ctrl+click adds a node to the
          selection.
        </li>
        <li>
          Drop or paste an image to make a reference node (with one reference or mask node selected,
          a paste fills it); drag an output image onto the canvas to reuse it.
        </li>
        <li>“⇢ input” on a field makes it a named recipe input, asked for before each run.</li>
      </ul>
    </SidePanel>
  );
}
