// Package ui holds what hsgview's study window (package viewer) and its
// report panel (package viewer/reportui) both need and neither owns: the
// one bridge that carries results from background goroutines to the Fyne
// goroutine (bridge.go), hsgview's theme and its fixed colours
// (theme.go), the size of the window's large dialogs (dialog.go), and the
// text formats both print: person names, minutes from contrast, one-line
// errors (text.go).
//
// It imports Fyne but no other hsgview package, so that the window and
// the report panel can share it without importing each other.
package ui
