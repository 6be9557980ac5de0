// Package privatefile writes the files that hold patient data: readable
// by the user only (files 0600, folders 0700), atomically (a temporary
// file renamed into place, with an optional backup), and it removes the
// temporary files a killed process left behind.
package privatefile
