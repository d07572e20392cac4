import { blobUrl } from '../api/api';
import { useSession } from '../store/session-store';
import { downloadWithRecipe } from '../sharing/sharing-actions';

export function Lightbox() {
  const lightbox = useSession((s) => s.lightbox);
  if (!lightbox) return null;
  const { image, title } = lightbox;
  const ext = image.mime.replace('image/', '').replace('jpeg', 'jpg');
  const close = () => useSession.getState().set({ lightbox: undefined });
  return (
    <div
      className="modal-backdrop"
      data-testid="lightbox"
      role="dialog"
      aria-label={title}
      onClick={close}
    >
      <figure className="lightbox" onClick={(e) => e.stopPropagation()}>
        <img src={blobUrl(image.blob)} alt={title} />
        <figcaption>
          <span>
            {title} · {image.width}×{image.height} {ext.toUpperCase()}
          </span>
          <a
            className="tb primary"
            href={blobUrl(image.blob)}
            download={`atelier-${image.blob.slice(0, 12)}.${ext}`}
            data-testid="lightbox-download"
          >
            Download
          </a>
          {image.responseId && (
            <button
              type="button"
              className="tb"
              data-testid="lightbox-download-recipe"
              title="Embeds the recipe (document and this run's inputs) in the file. The original keeps OpenAI's content credentials (C2PA); this copy no longer does."
              onClick={() => void downloadWithRecipe(image.blob)}
            >
              Download with recipe
            </button>
          )}
          {/* Focus moves into the dialog: Enter or Space closes it, Esc too (shortcuts). */}
          <button
            type="button"
            className="tb"
            data-testid="lightbox-close"
            onClick={close}
            autoFocus
          >
            Close
          </button>
        </figcaption>
      </figure>
    </div>
  );
}
