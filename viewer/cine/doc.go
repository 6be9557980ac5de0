// Package cine plays multi-frame runs at their DICOM frame rate on a
// deadline-based clock that never drifts, and says where the rate came
// from. It owns the playback modes (loop, bounce, once) and speeds (a
// multiple of the file's rate, from Frame Time, Frame Time Vector, Cine
// Rate or Recommended Display Frame Rate as dicomio read them): a
// [Sequence] is the order and times of the frames of one cycle, and the
// [Scheduler] shows them at their deadlines. It has no user interface.
package cine
