import { drawText, fillRect, lineHeight, textWidth, wrapText, type RgbaImage } from './canvas';

export interface OverlayOptions {
  /** Caption lines source text (wrapped here). */
  caption: string;
  /** Small print under the badge, e.g. model and size. */
  footnote: string;
  /** Where to draw (default: the whole image), e.g. the edited area of a masked edit. */
  area?: { x: number; y: number; width: number; height: number };
  /** Opacity of the caption band: higher on edits so an earlier caption does not show through. */
  bandAlpha?: number;
}

/** The badge colour (tests look for it). */
export const BADGE_AMBER: [number, number, number] = [245, 158, 11];

/** Text scale so that about 40 characters fit across the image. */
export const textScale = (width: number, height: number): number =>
  Math.max(1, Math.floor(Math.min(width, height * 1.5) / 250));

interface Badge {
  label: string;
  scale: number;
  pad: number;
  width: number;
  height: number;
  /** Whether it is the full-size badge, with room for the footnote under it. */
  roomy: boolean;
}

const badgeOf = (label: string, scale: number, pad: number, roomy: boolean): Badge => ({
  label,
  scale,
  pad,
  width: textWidth(label, scale) + 2 * pad,
  height: 7 * scale + 2 * pad,
  roomy,
});

/**
 * The largest badge that fits a `w`×`h` area: "SIMULATED" at the preferred size if it takes
 * at most a third of the height, else scaled down (margins with it), else "SIM"; undefined
 * when not even that fits (the caller marks the area itself). Every simulated picture must
 * say so, however small the image or the edited area.
 */
const fitBadge = (w: number, h: number, preferred: number, pad: number): Badge | undefined => {
  const full = badgeOf('SIMULATED', preferred, pad, true);
  if (full.width + pad <= w && full.height * 3 <= h) return full;
  for (const label of ['SIMULATED', 'SIM'])
    for (let scale = preferred; scale >= 1; scale -= 1) {
      const margin = Math.max(1, Math.floor((pad * scale) / preferred));
      const badge = badgeOf(label, scale, margin, false);
      if (badge.width + margin <= w && badge.height + margin <= h) return badge;
    }
  return undefined;
};

/** The caption band at the bottom of the area and the SIMULATED badge in its top-left corner. */
export function drawOverlay(image: RgbaImage, options: OverlayOptions): void {
  const {
    x: left,
    y: top,
    width: w,
    height: h,
  } = options.area ?? { x: 0, y: 0, width: image.width, height: image.height };
  const scale = textScale(w, h);
  const pad = 4 * scale;
  const maxChars = Math.max(8, Math.floor((w - 2 * pad) / (6 * scale)));
  const lines = wrapText(options.caption, maxChars, 3);
  const bottom = top + h;
  if (lines.length > 0) {
    const bandH = lines.length * lineHeight(scale) + 2 * pad;
    fillRect(image, left, bottom - bandH, w, bandH, [12, 12, 16], options.bandAlpha ?? 0.62);
    lines.forEach((line, i) =>
      drawText(
        image,
        line,
        left + pad,
        bottom - bandH + pad + i * lineHeight(scale),
        scale,
        [250, 250, 250],
      ),
    );
  }
  const badge = fitBadge(w, h, scale + Math.ceil(scale / 2), pad);
  if (!badge) {
    // Smaller than the smallest badge: the whole area is the mark.
    fillRect(image, left, top, w, h, BADGE_AMBER, 0.95);
    return;
  }
  const { pad: margin } = badge;
  fillRect(image, left + margin, top + margin, badge.width, badge.height, BADGE_AMBER, 0.95);
  drawText(image, badge.label, left + 2 * margin, top + 2 * margin, badge.scale, [24, 16, 0]);
  if (badge.roomy)
    drawText(
      image,
      options.footnote,
      left + margin,
      top + 2 * margin + badge.height,
      Math.max(1, Math.floor(scale / 2)),
      [255, 255, 255],
      0.85,
    );
}
