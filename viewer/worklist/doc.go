// Package worklist is hsgview's start screen: the study list of the
// library (package library) with each study's report status, and the
// Shell that puts it and the study view (package viewer) in one window.
//
// The Screen lists studies a page at a time (library.Worklist, 100 rows;
// it keeps the page read last and its neighbours, so memory does not
// grow with the library), sorts by a header click (again: reversed),
// filters by report status, date range and text (the library folds case
// and diacritics, Cyrillic included), and is driven from the keyboard:
// ↑/↓, PgUp/PgDn, Home/End, Enter opens, Ctrl+F searches, Esc clears the
// filters, Delete removes, Ctrl+I imports, F5 refreshes. More tabs can be
// added beside "Studies" (Screen.AddTab; the PACS panel).
//
// The Shell opens a row's files (library.OpenStudy) in the viewer, whose
// report panel keeps its drafts in the library's drafts folder; when the
// study is closed (Studies button, another study, quitting) the shell has
// the library re-read that study's report (library.Drafts.Refresh) so
// the list shows the status just saved, and signatures reach the audit
// log. It also hosts the housekeeping dialogs (import with progress and
// cancel, remove, rescan, audit log with CSV export), the priors list and
// the comparison of today's delayed film with a prior's.
//
// Every result of background work reaches the widgets through a
// ui.Bridge (fyne.Do in the application).
package worklist
