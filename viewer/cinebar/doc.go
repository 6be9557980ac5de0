// Package cinebar is the playback bar under a multi-frame image: play
// and pause, the frame bar, the speed (a multiple of the file's rate)
// and what happens at the end of the run (loop, bounce, once), and the
// frame number with the rate and where it came from. The pane owns the
// playback itself (package viewer/cine); the bar shows its state and
// reports the user's choices.
package cinebar
