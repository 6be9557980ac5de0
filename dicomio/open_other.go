//go:build !unix

package dicomio

import "os"

func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
