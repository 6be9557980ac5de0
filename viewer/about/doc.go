// Package about is hsgview's About dialog: version, commit, Go version,
// the project's licence and the licence of every bundled component.
package about
