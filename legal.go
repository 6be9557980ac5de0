// Package hsgview holds the project's licence and the third-party
// notices, embedded so the About dialog shows the texts the package
// installs in /usr/share/doc/hsgview.
package hsgview

import (
	_ "embed"
	"strings"
)

// License is the project's licence (BSD-3-Clause).
//
//go:embed LICENSE
var License string

// LicenseID is License's SPDX identifier.
const LicenseID = "BSD-3-Clause"

// ThirdPartyNotices lists every bundled or linked component with its
// licence text; written by go run ./packaging/notices.
//
//go:embed THIRD_PARTY_NOTICES
var ThirdPartyNotices string

// Component is one entry of ThirdPartyNotices.
type Component struct {
	Name, Version, License, How string
}

// Components returns the entries of ThirdPartyNotices in file order.
func Components() []Component {
	var list []Component
	for _, line := range strings.Split(ThirdPartyNotices, "\n") {
		rest, ok := strings.CutPrefix(line, "=== ")
		if !ok {
			continue
		}
		f := strings.Split(rest, " | ")
		if len(f) != 4 {
			continue
		}
		list = append(list, Component{Name: f[0], Version: f[1], License: f[2], How: f[3]})
	}
	return list
}
