package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme is hsgview's look: a dark radiology-workstation theme by default
// (dark greys around images shown on black, so the eye adapts to the
// images, not to the chrome) or a light one, both with compact sizes.
type Theme struct {
	// Light selects the light variant.
	Light bool
}

var _ fyne.Theme = (*Theme)(nil)

// NewTheme returns the dark theme, or the light one when light is true.
func NewTheme(light bool) *Theme { return &Theme{Light: light} }

func (t *Theme) variant() fyne.ThemeVariant {
	if t.Light {
		return theme.VariantLight
	}
	return theme.VariantDark
}

// Palette of the dark variant.
var (
	darkBackground = color.NRGBA{0x14, 0x16, 0x1a, 0xff}
	darkButton     = color.NRGBA{0x26, 0x2a, 0x31, 0xff}
	darkInput      = color.NRGBA{0x1c, 0x1f, 0x24, 0xff}
	darkForeground = color.NRGBA{0xd6, 0xdb, 0xe1, 0xff}
	darkMuted      = color.NRGBA{0x8a, 0x93, 0x9e, 0xff}
	accent         = color.NRGBA{0x3f, 0x9c, 0xe8, 0xff}
	WarningColour  = color.NRGBA{0xff, 0xa6, 0x26, 0xff}
)

// Phase colours (of the timeline phases in thumbnails and pane titles): the same in both variants, chosen to read on black.
var (
	PhaseScout     = color.NRGBA{0x9a, 0xa3, 0xad, 0xff}
	PhaseImmediate = color.NRGBA{0x4f, 0xc3, 0xf7, 0xff}
	PhaseDelayed   = color.NRGBA{0xff, 0xb7, 0x4d, 0xff}
	PhaseUnknown   = color.NRGBA{0xb0, 0x8c, 0xd9, 0xff}
)

// Color implements fyne.Theme.
func (t *Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	v := t.variant()
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		if n == theme.ColorNameFocus {
			return color.NRGBA{accent.R, accent.G, accent.B, 0x60}
		}
		return accent
	case theme.ColorNameWarning:
		return WarningColour
	}
	if t.Light {
		return theme.DefaultTheme().Color(n, v)
	}
	switch n {
	case theme.ColorNameBackground:
		return darkBackground
	case theme.ColorNameButton:
		return darkButton
	case theme.ColorNameInputBackground, theme.ColorNameHeaderBackground:
		return darkInput
	case theme.ColorNameMenuBackground, theme.ColorNameOverlayBackground:
		return color.NRGBA{0x1e, 0x21, 0x27, 0xff}
	case theme.ColorNameForeground:
		return darkForeground
	case theme.ColorNamePlaceHolder, theme.ColorNameDisabled:
		return darkMuted
	case theme.ColorNameSeparator:
		return color.NRGBA{0x2c, 0x31, 0x38, 0xff}
	case theme.ColorNameHover:
		return color.NRGBA{0xff, 0xff, 0xff, 0x14}
	case theme.ColorNameSelection:
		return color.NRGBA{accent.R, accent.G, accent.B, 0x50}
	}
	return theme.DefaultTheme().Color(n, v)
}

// Font implements fyne.Theme.
func (t *Theme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

// Icon implements fyne.Theme.
func (t *Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size implements fyne.Theme: tighter than Fyne's defaults so that the
// images get the room.
func (t *Theme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNamePadding:
		return 3
	case theme.SizeNameInnerPadding:
		return 5
	case theme.SizeNameText:
		return 13
	case theme.SizeNameCaptionText:
		return 11
	case theme.SizeNameInlineIcon:
		return 18
	case theme.SizeNameScrollBar:
		return 10
	case theme.SizeNameScrollBarSmall:
		return 4
	case theme.SizeNameSeparatorThickness:
		return 1
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 3
	}
	return theme.DefaultTheme().Size(n)
}

// ReadableOn returns c, darkened when the background bg is light (the
// phase colours are chosen to read on black).
func ReadableOn(c, bg color.Color) color.Color {
	r, g, b, _ := bg.RGBA()
	if (299*r+587*g+114*b)/1000 < 0x8000 {
		return c
	}
	cr, cg, cb, ca := c.RGBA()
	return color.NRGBA{uint8(cr >> 8 * 55 / 100), uint8(cg >> 8 * 55 / 100), uint8(cb >> 8 * 55 / 100), uint8(ca >> 8)}
}
