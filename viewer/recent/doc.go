// Package recent keeps the list of recently opened studies: absolute
// paths in the application's preferences (0600), labelled for the File
// menu, and cleared on request.
package recent
