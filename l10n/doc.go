// Package l10n writes numbers, dates, times and units in the reader's
// language: English ("en") or Russian ("ru").
//
// It is the one place that decides how a figure reads in a language:
// the decimal point or comma (12.4 mm, 12,4 мм), the date order
// (2024-03-05 or 05.03.2024), the unit's symbol (mm/мм, min/мин,
// Gy·cm²/Гр·см², mSv/мЗв) and the no-break space that keeps a number
// with its unit. The report, the PDF, the dose block and the viewer all
// call it; none of them formats a localised number itself.
//
// English dates are ISO 8601 (year-month-day): unambiguous wherever the
// report is read, which "03/05/2024" is not. Russian dates are the
// national day.month.year form (ГОСТ Р 7.0.97, 18.07.1991).
//
// The package is a leaf: it imports only the standard library, so every
// layer (dicomio, annotate, viewer) may use it.
package l10n
