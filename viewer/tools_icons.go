package viewer

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Icons of the drawing tools: 24×24 SVGs made of filled shapes only (the
// theme recolours fills), holes drawn with the opposite winding.
var (
	// A mouse pointer.
	iconNavigate = toolIcon("navigate", `<path d="M6 2v18.5l4.6-4.4 3.1 6.9 3-1.3-3.1-6.8H20z"/>`)
	// An arrow pointing down to the left, at what it shows.
	iconArrow = toolIcon("arrow", `<path d="M4 20v-9l3.2 3.2L17.4 4 20 6.6 9.8 16.8 13 20z"/>`)
	iconText  = toolIcon("text", `<path d="M5 4h14v3.2h-5.4V20h-3.2V7.2H5z"/>`)
	// A line with end ticks.
	iconLength = toolIcon("length", `<path d="M2 6h2v12H2zM20 6h2v12h-2zM4 11h16v2H4z"/>`)
	// Two arms from a vertex, and the arc between them.
	iconAngle = toolIcon("angle", `<path d="M3 19h18v2H3z"/>`+
		`<path d="M3.2 19.4 14.8 3.4 16.4 4.6 4.8 20.6z"/>`+
		`<path d="M10 19.5c0-1.7-.6-3.3-1.6-4.6l1.3-1.1c1.2 1.6 1.9 3.6 1.9 5.7z"/>`)
	iconEllipse = toolIcon("ellipse", `<path d="M12 5C6.5 5 2 8.1 2 12s4.5 7 10 7 10-3.1 10-7-4.5-7-10-7z`+
		`M12 7c4.4 0 8 2.2 8 5s-3.6 5-8 5-8-2.2-8-5 3.6-5 8-5z" />`)
	// A pentagon outline with its corners.
	iconPolygon = toolIcon("polygon", `<path d="M12 2.5 21.9 9.7 18.1 21.3H5.9L2.1 9.7z`+
		`M12 5 4.5 10.4 7.4 19.3h9.2l2.9-8.9z"/>`)
	// A hand-drawn loop.
	iconFreehand = toolIcon("freehand", `<path d="M21.5 12 21.5 14 20 15.5 18.3 16.5 16.8 17.5 15.3 18.2 13.6 18.4 12 18.1 `+
		`10.5 17.9 8.6 18.3 6.2 18.6 4 17.8 3.3 15.8 4.3 13.6 5.6 12 5.9 10.7 5.6 9.2 5.8 7.5 6.9 6.2 8.4 5.2 10.1 4.4 `+
		`12 3.6 14.1 3.8 15.6 5.3 16.1 7.3 16.5 8.8 17.7 9.5 19.9 10.4z`+
		`M17.9 10.8 15.9 10.3 14.9 9.9 14.9 8.7 14.7 6.9 13.6 5.6 12 5.4 10.5 6.1 9.3 6.9 8.1 7.6 7.4 8.6 7.4 10 `+
		`7.8 11.1 7.6 12 6.3 13.2 5.1 15 5.5 16.7 7.4 17.2 9.5 16.7 11 16.1 12 16.2 13.2 16.7 14.5 16.6 15.6 16 `+
		`16.7 15.4 18.2 14.7 19.5 13.6 19.5 12z"/>`)
	// A dot in a ring.
	iconPoint = toolIcon("point", `<path d="M12 3a9 9 0 1 0 .01 0zM12 5a7 7 0 1 1-.01 0z"/><path d="M12 9a3 3 0 1 0 .01 0z"/>`)
	// A box over a half-dark disc: the window from a region.
	iconWindowRegion = toolIcon("windowregion", `<path d="M2 4h20v16H2zM4 6v12h16V6z"/>`+
		`<path d="M12 7.5a4.5 4.5 0 1 0 .01 0zM12 9a3 3 0 1 1-.01 0z"/><path d="M12 9a3 3 0 0 0 0 6z"/>`)
	// A ruler.
	iconCalibrate = toolIcon("calibrate", `<path d="M1 7h22v10H1zM3 9v6h18V9z"/>`+
		`<path d="M5.5 9h1.5v3.5H5.5zM9.5 9H11v2H9.5zM13 9h1.5v3.5H13zM17 9h1.5v2H17z"/>`)
)

func toolIcon(name, body string) fyne.Resource {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">` + body + `</svg>`
	return theme.NewThemedResource(fyne.NewStaticResource(name+".svg", []byte(svg)))
}
