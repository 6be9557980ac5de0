// Package cine plays multi-frame runs at their DICOM frame rate on a
// deadline-based clock that never drifts, and says where the rate came
// from.
package cine
