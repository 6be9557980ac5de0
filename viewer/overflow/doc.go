// Package overflow is a tool bar row that never clips: the items that do
// not fit the window's width move, from the end of the row, into the
// menu of a "more" button (…), where each keeps its label, icon, action
// and checked state; the trailing items (help, study switcher) always
// stay in view at the right. Narrow windows and large text thus keep
// every command reachable.
package overflow
