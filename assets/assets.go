// Package assets embeds the files hsgview ships with: the application
// icon, the DejaVu fonts used for PDF reports (Latin, Greek, Cyrillic;
// Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt) and Droid Sans
// Fallback for the Chinese, Japanese and Korean names DejaVu lacks
// (Apache License 2.0, see fonts/LICENSE-DroidSansFallback.txt).
package assets

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sync"
)

// Icon is the application icon, 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// DejaVuSans and DejaVuSansBold are TrueType fonts for PDF output.
var (
	//go:embed fonts/DejaVuSans.ttf
	DejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	DejaVuSansBold []byte
)

// cjkGz is Droid Sans Fallback, gzip-compressed: 1.6 MB in the binary
// instead of 3.4 MB, for a font most reports never use.
//
//go:embed fonts/DroidSansFallback.ttf.gz
var cjkGz []byte

// CJKFont returns Droid Sans Fallback, a TrueType font with the CJK
// Unified Ideographs (U+4E00–9FFF), the Hangul syllables, kana and the
// CJK punctuation and full-width forms: the characters of Chinese,
// Japanese and Korean names that DejaVu Sans lacks. It is decompressed
// once, on first use; the bytes must not be changed.
var CJKFont = sync.OnceValues(func() ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(cjkGz))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
})
