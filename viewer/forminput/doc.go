// Package forminput holds the keyboard-first inputs of the report form: a
// choice that chooses by typing its first letters, a text entry and a
// check box that leave Tab for moving between fields and give Esc back to
// the images, and the small helpers the form lays them out with.
package forminput
