// Package reportpdf lays out a signed or draft HSG report as a PDF
// ([WritePDF]): letterhead and identity block, clinical data, technique
// and dose, findings, impression and recommendations, key images with
// captions, and the signature; and wraps that PDF as a DICOM Encapsulated
// PDF of the study ([WriteEncapsulatedPDF]). The institution's letterhead
// and paper size are [Settings], read from the user's configuration.
//
// The PDF is written in the report's language, English or Russian
// (Report.Language, or PDFOptions.Language): the package's own words are
// English in the code and translated by one table (words_ru.go, see
// lexicon); coded values are report.LabelIn's words; numbers, dates and
// units are l10n's. Names and free text in a script DejaVu Sans lacks
// (Chinese, Japanese, Korean) are printed in the embedded CJK fallback
// font (fonts.go).
package reportpdf
