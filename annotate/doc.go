// Package annotate holds the structured hysterosalpingography (HSG) report:
// its data model, JSON form, validation and impression generator, and the
// marks (annotations) drawn on images.
//
// The JSON form follows the shared contract hsg-report.schema.json (schema
// version 1.0): field names and enumerated values match it exactly. The model
// adds a few fields the product needs (report versions, content hash,
// prefilled markers, calibrations, generated impression text); it never
// renames or drops schema fields. Unknown fields found in a loaded report are
// kept and written back, at the top level and in each section, so nothing
// another tool wrote is lost.
//
// Optional numbers and booleans are pointers, so a value the user entered as
// 0 or false is kept and an unset one stays absent. Enumerations are string
// types whose zero value means "not recorded"; Valid reports whether a value
// is one the schema defines, and [Values] lists them for pickers.
//
// [GenerateImpression] turns the findings into impression sentences following
// the rules of the HSG reporting note (§6.1): tubes first (right, then left,
// merged into "Bilateral …" when both sides read the same), then cavity,
// anomaly, peritoneum and delayed image, complications, limitations and
// recommendations. The generator never calls a tube patent without a spill
// value, never calls it occluded without a site, and never mentions the
// delayed image unless one was obtained. [Report.RefreshImpression] keeps
// the sentences the user edited and reports those whose findings changed.
//
// Marks ([Annotation]) live in image pixel coordinates, keyed by SOP
// Instance UID and frame ([OnFrame]). [NewMark] builds them from the
// points a tool placed; [Measure] gives their length, angle, area and ROI
// statistics with the spacing [Report.Spacing] resolves (a user
// [Calibration] of the series, else the file's own source), and
// [Annotation.MeasurementText] prints them with that source, never "mm"
// without one. [HitTest], [Annotation.Move] and [Annotation.MoveHandle]
// serve an editor through a [ViewTransform]; [MarkHistory] undoes and
// redoes every change of marks and calibrations; [Burn] draws marks on
// an image and [Compose] exports a frame as a pane shows it.
//
// The package has no GUI dependency and does no I/O except [ReadFile] and
// [Report.WriteFile].
package annotate
