// Package settings is the Settings dialog (Edit → Settings…), a list of
// [Section]s that other packages add to, and the navigation preferences
// it shows first: what the mouse wheel does ([WheelMode], with the
// notches turned into frame steps by [WheelSteps]), how cine runs play
// by default (speed and end mode, package viewer/cine), and the
// magnifier's factor (package viewer/magnifier). [Nav] is kept in the
// app's preferences; every option has a default.
package settings
