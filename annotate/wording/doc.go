// Package wording holds the small rules for writing values in report
// text, used by marks, the report, the generator and the PDF alike:
// numbers rounded and printed without trailing zeros, ISO dates, a
// capital first letter, and DICOM person names.
package wording
