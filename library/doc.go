// Package library is hsgview's local study library: every HSG study
// imported on the workstation, its report status and the patient's
// priors, in one SQLite database (modernc.org/sqlite, pure Go, WAL,
// foreign keys on) in the library folder ([DefaultDir]:
// $HSGVIEW_LIBRARY, else $XDG_DATA_HOME/hsgview, else
// ~/.local/share/hsgview; 0700, database 0600).
//
// # Model
//
// Patient → Study → Series → Instance. An instance row holds what
// `hsgview info --json` computes from its header and its study's
// timeline (phase, minutes from T0, confidence, transfer syntax,
// decodable, spacing source, cine rate, default frame), the file's
// location, whether it was copied, and the size and SHA-256 of what was
// imported. A study row holds the summary the worklist shows (counts,
// T0, delayed image and its minutes) and a folded search key. The
// schema is versioned: table schema_version and the ordered functions
// in migrations; a database newer than the program is refused.
//
// # Import
//
// [Library.Import] reads headers with dicomio (bounded parallelism),
// skips SOP Instance UIDs already present, and places and commits new
// instances in batches: a copied file goes to a temporary name, is
// synced and renamed into files/<hash>/<hash>.dcm (no identifier in file
// names), and a batch's rows are committed only after its files are in
// place. A process killed at any moment leaves committed rows whose
// files exist, and maybe files without rows, which the next import of
// the same source overwrites and commits: nothing lost, nothing doubled.
//
// Copy or reference: [ModeCopy] and [ModeReference] are the user's
// choice; [ModeAuto] (the default) copies from removable media and
// references elsewhere. Removable means: under /media, /run/media, /mnt
// (or /Volumes), a DICOMDIR, or a folder with a DICOMDIR at its top (a CD
// wherever it is mounted or copied); zip entries are always copied.
//
// # Reports
//
// Decision: the report drafts stay files, written by annotate/drafts'
// Store, but the store lives in the library folder (drafts/) and every
// change made through [Drafts] is indexed in the reports table, which is
// what the worklist reads. The files are the source of truth, the table
// a derived index ([Drafts.ReindexReports] rebuilds it). Why: the draft
// store's guarantees (atomic writes with a backup, signed versions
// written once and never replaced, the ErrSigned rules of signing and
// amending) are implemented and tested there, and the report rules are
// being changed in annotate in parallel; copying that logic into SQL
// would fork it. The drafts folder used before the library
// (~/.config/hsgview/drafts) is copied in once, on the first Open, and
// left in place.
//
// # Worklist and priors
//
// [Library.Worklist] returns one page of rows (sorted, filtered by
// report status, date range and text); only the page is read. Text
// search compares [Fold]ed words (NFKD, marks removed, case folded) with
// a key stored per study, so "muller" finds Müller and "иванова" finds
// ИВАНОВА. [Library.Priors] returns the patient's earlier studies by
// Patient ID and issuer with a birth-date (or, lacking one, name) check,
// each with its delayed image (file, frame, minutes) for a comparison.
//
// # Housekeeping
//
// [Library.Remove] deletes a study's rows and then the files copied into
// the library, never referenced files; [Library.Rescan] marks files gone
// or changed as missing and can re-point moved ones; the audit table
// (open, import, sign, amend, export, remove, rescan) records who (the OS
// user), when and what, referring to studies by UID and never naming the
// patient ([Library.WriteAuditCSV]).
package library
