// Package pacsui is hsgview's PACS panel and its report-sending dialog,
// over the DICOMweb client (package dicomweb).
//
// The panel ([New]) is a tab of the start screen: a picker of the
// configured servers with an Add/Edit form (saved 0600 by
// dicomweb.Config.Save; secrets stay in files and are never shown), a
// search form (patient ID, name, accession, date range, modalities), the
// studies found in a table, and Retrieve, which brings the selected study
// into the study library (retrieved into a private folder of the library,
// then imported with library.ModeCopy) or, without a library, into a
// folder the user picks. A retrieve that stops says how many instances of
// how many arrived and offers "Retrieve again", which resumes.
//
// [ShowSend] is the report panel's "Send to PACS…" dialog: it lists the
// objects of the report (Encapsulated PDF, SR, KOS, one GSPS per marked
// image), stores them with one STOW-RS request and shows the server's
// answer per object.
//
// Searching, retrieving, importing and storing run on goroutines; their
// results reach the widgets only through the window's [ui.Bridge]
// (bridge.go).
package pacsui
