package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/keyimage"
	"github.com/hsgview/hsgview/annotate/mark"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/annotate/reportpdf"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/dicomio/dcmwrite"
	"github.com/hsgview/hsgview/internal/privatefile"
	"github.com/hsgview/hsgview/l10n"
)

const reportUsage = "usage: hsgview report --study PATH --draft DRAFT.json --out REPORT.pdf [--lang en|ru] [--paper A4|Letter] [--dicom-out DIR | --dicom OUT.dcm] [--allow-draft] [--settings SETTINGS.json]"

// runReport writes the PDF of a draft, its header completed from the study.
func runReport(e *env, args []string) int {
	fs := newFlags(e, "report")
	studyPath := fs.String("study", "", "the study: a file, folder, DICOMDIR or zip")
	draftPath := fs.String("draft", "", "the report draft (JSON)")
	out := fs.String("out", "", "the PDF to write")
	paperName := fs.String("paper", "", "paper size, A4 or Letter (default: the settings', else A4)")
	dicomOut := fs.String("dicom", "", "also write the PDF as a DICOM Encapsulated PDF of the study to this file, and record it in the draft (signed reports only)")
	dicomDir := fs.String("dicom-out", "", "also write the report's DICOM objects into this folder, named by their SOP Instance UIDs: the Encapsulated PDF, the Comprehensive SR, the Key Object Selection and a presentation state per marked image (signed reports only)")
	allowDraft := fs.Bool("allow-draft", false, "write the DICOM object of a report that is not signed, marked not verified")
	settingsPath := fs.String("settings", "", "report settings (institution, paper); default: the user's settings file")
	langName := fs.String("lang", "", "language of the PDF, en or ru (default: the draft's language)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) > 0 || *studyPath == "" || *draftPath == "" || *out == "" {
		e.errorf("report: need --study, --draft and --out")
		fmt.Fprintln(e.stderr, reportUsage)
		return ExitUsage
	}
	if *dicomOut != "" && *dicomDir != "" {
		e.errorf("report: give --dicom or --dicom-out, not both")
		return ExitUsage
	}
	if msg := outputOverInput([]string{*out, *dicomOut, *dicomDir}, []string{*studyPath, *draftPath, *settingsPath}); msg != "" {
		e.errorf("report: %s", msg)
		return ExitUsage
	}
	if *langName != "" && !slices.Contains(l10n.Supported(), *langName) {
		e.errorf("report: --lang wants %s, got %q", strings.Join(l10n.Supported(), " or "), *langName)
		return ExitUsage
	}
	wantDICOM := *dicomOut != "" || *dicomDir != ""
	var paper reportpdf.Paper
	if *paperName != "" {
		if paper, err = reportpdf.ParsePaper(*paperName); err != nil {
			e.errorf("report: --paper wants A4 or Letter, got %q", *paperName)
			return ExitUsage
		}
	}
	settings, err := loadSettings(*settingsPath)
	if err != nil {
		e.errorf("report: %v", err)
		return ExitPartial
	}

	draft, err := report.ReadFile(*draftPath)
	if err != nil {
		e.errorf("report: %v", err)
		return ExitPartial
	}
	if wantDICOM && !draft.Status.Signed() && !*allowDraft {
		e.errorf("report: %s is not signed (status %s): only a signed report is written as DICOM; sign it first, or pass --allow-draft to write one marked not verified", *draftPath, report.LabelOf(draft.Status))
		return ExitPartial
	}
	coll, err := dicomio.Open([]string{*studyPath}, nil)
	if err != nil {
		e.errorf("report: %v", err)
		return ExitPartial
	}
	defer coll.Close()
	study, err := studyFor(coll, draft)
	if err != nil {
		e.errorf("report: %s: %v", *studyPath, err)
		return ExitPartial
	}

	// The header values the draft lacks come from the study; the draft's
	// own values are kept. A signed report is printed as it was signed.
	rep, err := report.Load(bytes.NewReader(mustMarshal(draft)))
	if err != nil {
		e.errorf("report: %v", err)
		return ExitPartial
	}
	// --lang: the PDF in another language than the draft's. A draft
	// takes the language (its generated impression is then written in
	// it); a signed report is printed as signed, only the PDF's own words
	// change, so its content hash still holds.
	if *langName != "" && l10n.Lang(*langName) != rep.Lang() {
		if rep.Status.Signed() {
			fmt.Fprintf(e.stderr, "warning: the report was signed in %s: its impression and texts are printed as signed, the PDF's headings in %s\n",
				l10n.Name(rep.Lang()), l10n.Name(*langName))
		} else if _, err := assess.SetLanguage(rep, *langName); err != nil {
			e.errorf("report: %v", err)
			return ExitPartial
		}
	}
	if !rep.Status.Signed() && rep.Study.StudyInstanceUID == study.UID {
		if _, err := rep.Prefill(study, nil); err != nil {
			e.errorf("report: %v", err)
			return ExitPartial
		}
	}
	// The images are the source of truth for the patient and the study:
	// a draft that names another patient or study is not exported.
	if errs := assess.Errors(assess.CheckIdentity(rep, study)); len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, is := range errs {
			msgs[i] = flat(is.Message)
		}
		e.errorf("report: refused, the draft does not match the study's images: %s; re-link the draft to this study in the viewer", strings.Join(msgs, "; "))
		return ExitPartial
	}
	warnImpression(e, rep)
	warnIssues(e, rep, true)
	keys := rep.KeyImages
	if len(keys) == 0 {
		keys = keyimage.SuggestKeyImages(study)
	}
	code := ExitOK
	if n := keyimage.Omitted(len(keys)); n > 0 {
		fmt.Fprintf(e.stderr, "warning: the draft lists %d key images; the first %d are printed and the PDF says %d were left out\n", len(keys), keyimage.MaxKeyImages, n)
	}
	images, err := keyimage.RenderKeyImages(rep, study, keys, 0)
	if err != nil {
		e.errorf("report: %v", oneLine(err))
		code = ExitPartial
	}

	var pdf bytes.Buffer
	if err := reportpdf.WritePDF(&pdf, rep, reportpdf.PDFOptions{Settings: settings, Paper: paper, Images: images, Producer: "hsgview " + Version,
		Created: time.Now(), Language: *langName}); err != nil {
		e.errorf("report: %v", err)
		return ExitPartial
	}
	if err := privatefile.WritePrivate(*out, pdf.Bytes()); err != nil {
		e.errorf("report: write %s: %v", *out, err)
		return ExitPartial
	}
	fmt.Fprintf(e.stdout, "wrote %s (%d key images)\n", *out, len(images))

	if !wantDICOM {
		return code
	}
	sources := make([]mark.ImageRef, len(images))
	for i, im := range images {
		sources[i] = im.Key.Image
	}
	var dcm bytes.Buffer
	exp, err := reportpdf.WriteEncapsulatedPDF(&dcm, rep, pdf.Bytes(), reportpdf.EncapsulateOptions{
		Study: study, Sources: sources, Time: time.Now(), SoftwareVersion: Version, AllowDraft: *allowDraft,
	})

	if err != nil {
		e.errorf("report: %v", err)
		return ExitPartial
	}
	if *dicomDir != "" {
		if err := os.MkdirAll(*dicomDir, 0o700); err != nil {
			e.errorf("report: %v", err)
			return ExitPartial
		}
		*dicomOut = filepath.Join(*dicomDir, exp.SOPInstanceUID+".dcm")
		if msg := outputOverInput([]string{*dicomOut}, []string{*studyPath, *draftPath, *settingsPath}); msg != "" {
			e.errorf("report: %s", msg)
			return ExitPartial
		}
	}
	if err := privatefile.WritePrivate(*dicomOut, dcm.Bytes()); err != nil {
		e.errorf("report: write %s: %v", *dicomOut, err)
		return ExitPartial
	}
	fmt.Fprintf(e.stdout, "wrote %s (Encapsulated PDF %s, series %s)\n", *dicomOut, exp.SOPInstanceUID, exp.SeriesInstanceUID)
	if *dicomDir != "" {
		// The structured objects of the report beside it: the
		// Comprehensive SR, the Key Object Selection and one presentation
		// state per marked image, from the same report and images.
		objs, err := dcmwrite.ReportObjects(rep, dcmwrite.Options{Study: study, AllowDraft: *allowDraft, SoftwareVersion: Version})
		if err != nil {
			e.errorf("report: %v", err)
			return ExitPartial
		}
		for _, o := range objs {
			name := filepath.Join(*dicomDir, o.SOPInstanceUID+".dcm")
			if err := privatefile.WritePrivate(name, o.Data); err != nil {
				e.errorf("report: write %s: %v", name, err)
				return ExitPartial
			}
			fmt.Fprintf(e.stdout, "wrote %s (%s %s)\n", name, o.Kind, o.SOPInstanceUID)
		}
	}
	// The export is recorded in the draft as it was read (without the
	// values filled for printing); exports are not part of what a
	// signature covers.
	draft.Exports.PDF = exp
	if err := draft.WriteFile(*draftPath); err != nil {
		e.errorf("report: record the export: %v", err)
		return ExitPartial
	}
	return code
}

// warnImpression brings the impression of an unsigned report up to date
// with its findings, as the viewer does after every change
// (annotate.Report.RefreshImpression): the automatic sentences and
// recommendations are generated again, so a draft whose findings changed
// after its impression was written, or whose impression is empty, does
// not print a stale or missing conclusion. Sentences the user edited or
// wrote are kept; an edited one whose findings changed since the edit is
// named on stderr. A signed report is printed as it was signed, with a
// warning for each sentence the findings no longer give.
func warnImpression(e *env, r *report.Report) {
	if !r.Status.Signed() {
		for _, s := range assess.RefreshImpression(r) {
			fmt.Fprintln(e.stderr, staleWarning(s))
		}
		return
	}
	for _, s := range assess.ImpressionStale(r) {
		fmt.Fprintln(e.stderr, staleWarning(s))
	}
	now := map[string]bool{}
	for _, it := range assess.GenerateImpression(r) {
		now[it.Text] = true
	}
	for i, it := range r.Impression.Items {
		if it.Auto && !it.Edited() && !now[it.Text] {
			fmt.Fprintf(e.stderr, "warning: signed report: impression sentence %d (%q) is not what the findings give now; printed as signed\n", i+1, flat(it.Text))
		}
	}
	if len(r.Impression.Items) == 0 {
		fmt.Fprintln(e.stderr, "warning: signed report: the impression is empty; printed as signed")
	}
}

// staleWarning is the one-line warning for an edited impression sentence
// whose findings changed since the edit.
func staleWarning(s assess.StaleItem) string {
	msg := fmt.Sprintf("warning: impression sentence %d was edited and its findings have changed since: kept as written %q", s.Index+1, flat(s.Text))
	if s.Generated == "" {
		return msg + "; the findings no longer give a sentence here"
	}
	return msg + "; the findings now give " + strconv.Quote(s.Generated)
}

// warnIssues prints what the validator finds in r, one line each
// ("warning: PATH: MESSAGE", errors marked as such). A draft may be
// incomplete, so they do not stop the command; a signed report is still
// printed as signed. With skipStale, the edited impression sentences
// warnImpression already named are not named again.
func warnIssues(e *env, r *report.Report, skipStale bool) {
	stale := map[string]bool{}
	if skipStale {
		for _, s := range assess.ImpressionStale(r) {
			stale["/impression/items/"+strconv.Itoa(s.Index)] = true
		}
	}
	for _, is := range assess.Validate(r) {
		if stale[is.Path] {
			continue
		}
		fmt.Fprintln(e.stderr, issueWarning(is, r.Status.Signed()))
	}
}

// issueWarning is the one-line warning for a validation issue.
func issueWarning(is assess.Issue, signed bool) string {
	s := "warning: "
	if is.Path != "" {
		s += is.Path + ": "
	}
	s += flat(is.Message)
	if is.Severity == assess.SeverityError {
		if signed {
			s += " (error, in a signed report)"
		} else {
			s += " (error: to fix before signing)"
		}
	}
	return s
}

// flat puts text on one line.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// outputOverInput returns why one of outs (empty ones skipped) may not be
// written: it is one of the inputs (the same file, also through another
// name or a link), or two outputs are the same; "" when none.
func outputOverInput(outs, ins []string) string {
	same := func(a, b string) bool {
		if a == "" || b == "" {
			return false
		}
		aa, err1 := filepath.Abs(a)
		bb, err2 := filepath.Abs(b)
		if err1 == nil && err2 == nil && aa == bb {
			return true
		}
		sa, err1 := os.Stat(a)
		sb, err2 := os.Stat(b)
		return err1 == nil && err2 == nil && os.SameFile(sa, sb)
	}
	for i, o := range outs {
		for _, in := range ins {
			if same(o, in) {
				return fmt.Sprintf("the output %s is the input %s: choose another output path", o, in)
			}
		}
		for _, o2 := range outs[i+1:] {
			if same(o, o2) {
				return fmt.Sprintf("two outputs are the same file %s", o)
			}
		}
	}
	return ""
}

// loadSettings reads the named settings file, or the user's when name is
// empty (a missing default file gives empty settings).
func loadSettings(name string) (reportpdf.Settings, error) {
	if name == "" {
		p, err := reportpdf.DefaultSettingsPath()
		if err != nil {
			return reportpdf.Settings{}, nil
		}
		return reportpdf.LoadSettings(p)
	}
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
		return reportpdf.Settings{}, fmt.Errorf("settings file %s does not exist", name)
	}
	return reportpdf.LoadSettings(name)
}

func mustMarshal(r *report.Report) []byte {
	b, _ := r.Marshal()
	return b
}

// oneLine joins the lines of an error (errors.Join gives several).
func oneLine(err error) string {
	return string(bytes.Join(bytes.Fields([]byte(err.Error())), []byte(" ")))
}
