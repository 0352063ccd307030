import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { showDirectionControls } from './visible-controls';

describe('showDirectionControls', () => {
  it('shows a right-to-left override instead of obeying it', () => {
    expect(showDirectionControls('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
  });

  it('shows every embedding, override, isolate and mark', () => {
    expect(showDirectionControls('\u200E\u200F\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069')).toBe(
      '⟨U+200E⟩⟨U+200F⟩⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩',
    );
  });

  it('leaves text without them as it is, Arabic and Hebrew included', () => {
    expect(showDirectionControls('عزل الجهاز · בידוד · isolate')).toBe('عزل الجهاز · בידוד · isolate');
  });

  it('never leaves a direction control behind', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => !/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(showDirectionControls(text))));
  });
});
