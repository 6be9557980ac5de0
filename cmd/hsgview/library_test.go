package main

import (
	"slices"
	"testing"
)

func TestLibraryFlag(t *testing.T) {
	for _, tc := range []struct {
		args, rest []string
		dir        string
		bad        bool
	}{
		{nil, nil, "", false},
		{[]string{"a.dcm"}, []string{"a.dcm"}, "", false},
		{[]string{"--library", "/x", "a"}, []string{"a"}, "/x", false},
		{[]string{"--library=/y"}, []string{}, "/y", false},
		{[]string{"--library"}, nil, "", true},
	} {
		rest, dir, err := libraryFlag(tc.args)
		if (err != nil) != tc.bad || dir != tc.dir || !slices.Equal(rest, tc.rest) {
			t.Errorf("%v: %v %q %v", tc.args, rest, dir, err)
		}
	}
}
