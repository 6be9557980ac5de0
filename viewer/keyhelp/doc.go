// Package keyhelp is the "Keyboard and mouse" help dialog (F1): groups
// of keys or mouse actions and what they do, in two aligned columns.
// The viewer's key map (viewer/keys.go) is where keys are decided; this
// package only shows them, in the words the caller gives (translated),
// as wide as the longest row within the window.
package keyhelp
