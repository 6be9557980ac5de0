// Package help is the window's "Keyboard and mouse" dialog (F1): the
// keys and mouse actions in two columns, grouped under headings. The
// window gives the rows, already in the interface's language; this
// package only lays them out, as wide as its longest row (Russian rows
// run longer than English ones) within the window.
package help
