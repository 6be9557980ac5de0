// Package studytext is the words the study window writes about a study,
// in the interface's language: the series and image of an instance, the
// phase of the HSG timeline with its minutes from contrast and its
// confidence (and its colour chip), the evidence of a phase, clock
// times, frame rates, the patient's sex, where a pixel spacing comes
// from, and the timeline's phrases (i18n.Known). The window's panes,
// thumbnails, status line and dialogs all say these things through it.
package studytext
