/** Vite puts a content hash in every file name under /assets/: a changed file is a new URL. */
export const hashedAssetsPath = '/assets/';

export const cacheHashedAssets = 'public, max-age=31536000, immutable';

/** index.html, redirect.html and config.json change in place (config.json per deployment): revalidate on every load. */
export const revalidateEveryLoad = 'no-cache';
