// Package viewer is hsgview's study window: the window itself (viewer.go;
// toolbar, actions, menus, dialogs, keys and opening studies each in the
// file named for it), its HSG hanging protocol, the panes (pane, render,
// cine: loading, decoding and windowing frames off the UI goroutine),
// thumbnails, the marks tools and calibration, and image export.
//
// The image widget of a pane is package viewer/imageview; the structured
// report's panel is package viewer/reportui, which the window hosts
// through reportui.Host (report.go); what the window and the panel both
// use — the one goroutine → UI bridge, the theme, dialog size and shared
// text formats — is package viewer/ui. The navigation habits of
// workstation users (wheel, cine speed and mode, window presets, window
// from a region, magnifier, the Settings dialog) live in packages
// settings, cine, cinebar, wlpreset and magnifier; nav.go connects them.
package viewer
