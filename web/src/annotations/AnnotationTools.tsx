import { useAnnotationTools } from './use-annotation-tools';

/** The palette's Note and Group buttons. */
export function AnnotationTools() {
  const { noteInView, group } = useAnnotationTools();
  return (
    <div className="annotation-tools" aria-label="Annotate">
      <button
        type="button"
        className="tb"
        data-testid="add-note"
        title="A sticky note in view (Shift+N)"
        onClick={() => noteInView()}
      >
        + Note
      </button>
      <button
        type="button"
        className="tb"
        data-testid="add-group"
        title="Wrap the selected cards in a group that moves them (Ctrl+G)"
        onClick={() => group()}
      >
        + Group
      </button>
    </div>
  );
}
