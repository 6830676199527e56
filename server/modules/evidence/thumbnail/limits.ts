/** How thumbnails of captures are made. */
export interface ThumbnailLimits {
  /** Images of more pixels are refused before they are decoded (sharp's `limitInputPixels`). */
  maxPixels: number;
  /** Larger files get no thumbnail. */
  maxInputBytes: number;
  /** The thumbnail fits a square of this many pixels. */
  box: number;
  timeoutSeconds: number;
}

export const THUMBNAIL_LIMITS: Readonly<ThumbnailLimits> = Object.freeze({
  maxPixels: 40_000_000,
  maxInputBytes: 64 * 1024 * 1024,
  box: 320,
  timeoutSeconds: 10,
});

/** Detected types that get a thumbnail. Video gets none. */
export const THUMBNAILED = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);
