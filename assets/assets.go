// Package assets embeds the files hsgview ships with: the application
// icon and the DejaVu fonts used for PDF reports (Latin, Greek, Cyrillic;
// Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt).
package assets

import _ "embed"

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
