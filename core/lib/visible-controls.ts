// Unicode's direction controls (embeddings, overrides, isolates, marks). In text from the API they can
// disguise a file name ("invoice\u202Efdp.exe" displays as "invoiceexe.pdf"), so they are shown, not obeyed.
const directionControls = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** "invoice⟨U+202E⟩fdp.exe": each direction control made visible by its code point; all else unchanged. */
export function showDirectionControls(text: string): string {
  return text.replace(directionControls, (control) => `⟨U+${control.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}⟩`);
}
