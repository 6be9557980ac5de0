// Package demo writes the bundled demo: a synthetic HSG study (a phantom
// rendered by dicomio/synth, with immediate spots, an injection run and a
// delayed film) and its example report draft, so that hsgview can be tried
// without patient data. It is the only production user of dicomio/synth.
package demo
