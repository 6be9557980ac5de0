// Package reportpdf lays out a signed or draft HSG report as a PDF
// ([WritePDF]): letterhead and identity block, clinical data, technique
// and dose, findings, impression and recommendations, key images with
// captions, and the signature; and wraps that PDF as a DICOM Encapsulated
// PDF of the study ([WriteEncapsulatedPDF]). The institution's letterhead
// and paper size are [Settings], read from the user's configuration.
package reportpdf
