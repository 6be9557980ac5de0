// Package report is the structured hysterosalpingography (HSG) report:
// its data model, its JSON form, the words each coded value is printed as
// ([Label]; [LabelIn] in the report's language, English or Russian), and
// the prefill of a new report from a study's images
// ([Report.Prefill]).
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
// is one the schema defines, and enum.Values lists them for pickers.
//
// The marks drawn on the images and the user calibrations are a
// [mark.Layer] embedded in the report. Judging the findings (validation,
// the generated impression and recommendations, signing) is package
// assess; the draft store is package drafts; the PDF is package reportpdf.
//
// I/O: [ReadFile] and [Report.WriteFile] read and write a report file;
// [Report.Prefill] reads the study's files through dicomio.
package report
