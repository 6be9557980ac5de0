package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/hsgview/hsgview/annotate/assess"
	"github.com/hsgview/hsgview/annotate/drafts"
	"github.com/hsgview/hsgview/annotate/report"
	"github.com/hsgview/hsgview/dicomio"
	"github.com/hsgview/hsgview/internal/privatefile"
)

const (
	validateUsage = "usage: hsgview validate --study PATH DRAFT.json"
	signUsage     = "usage: hsgview sign --study PATH --draft DRAFT.json --by NAME"
)

// runValidate prints what stops a draft from being signed against the
// study's images, and what is worth a second look: one problem a line,
// "error: …" or "warning: …". It exits 0 when the draft could be signed,
// 1 when an error blocks signing (or the draft or study cannot be read).
func runValidate(e *env, args []string) int {
	fs := newFlags(e, "validate")
	studyPath := fs.String("study", "", "the study the draft reports: a file, folder, DICOMDIR or zip")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) != 1 || *studyPath == "" {
		e.errorf("validate: need --study and one draft")
		fmt.Fprintln(e.stderr, validateUsage)
		return ExitUsage
	}
	r, study, closeStudy, err := draftAndStudy(pos[0], *studyPath)
	if err != nil {
		e.errorf("validate: %v", err)
		return ExitPartial
	}
	defer closeStudy()
	issues := problems(r, study)
	for _, is := range issues {
		fmt.Fprintln(e.stdout, problemLine(is))
	}
	if assess.HasErrors(issues) {
		return ExitPartial
	}
	return ExitOK
}

// runSign signs a draft in place: the draft file becomes the signed
// version, written atomically and private to the user. A draft kept in
// the viewer's drafts folder is saved through that store, so the signed
// version file is written as the viewer writes it. A draft with an error
// (identity, rules, an edited sentence whose findings changed) is
// refused with the errors, one a line, and left as it was.
func runSign(e *env, args []string) int {
	fs := newFlags(e, "sign")
	studyPath := fs.String("study", "", "the study the draft reports: a file, folder, DICOMDIR or zip")
	draftPath := fs.String("draft", "", "the report draft (JSON), signed in place")
	by := fs.String("by", "", "the name of the signing radiologist")
	byID := fs.String("by-id", "", "the signing radiologist's identifier (optional)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return ExitUsage
	}
	if len(pos) > 0 || *studyPath == "" || *draftPath == "" || strings.TrimSpace(*by) == "" {
		e.errorf("sign: need --study, --draft and --by")
		fmt.Fprintln(e.stderr, signUsage)
		return ExitUsage
	}
	r, study, closeStudy, err := draftAndStudy(*draftPath, *studyPath)
	if err != nil {
		e.errorf("sign: %v", err)
		return ExitPartial
	}
	defer closeStudy()
	if r.Status.Signed() {
		fmt.Fprintf(e.stderr, "error: the report is already signed (version %d); amend it in the viewer to change it\n", r.Version)
		return ExitPartial
	}
	if errs := assess.Blocking(r, study); len(errs) > 0 {
		for _, is := range errs {
			fmt.Fprintln(e.stderr, problemLine(is))
		}
		e.errorf("sign: not signed: %d %s", len(errs), plural(len(errs), "problem blocks", "problems block"))
		return ExitPartial
	}
	if err := assess.SignAgainst(r, study, report.Person{Name: strings.TrimSpace(*by), ID: strings.TrimSpace(*byID)}, time.Now()); err != nil {
		e.errorf("sign: %v", err)
		return ExitPartial
	}
	if err := saveSigned(*draftPath, r); err != nil {
		e.errorf("sign: %v", err)
		return ExitPartial
	}
	for _, is := range assess.Validate(r) {
		fmt.Fprintln(e.stderr, problemLine(is))
	}
	fmt.Fprintf(e.stdout, "signed %s: version %d by %s at %s\n", *draftPath, r.Version, r.Author.Name, r.SignedAt.Format(time.RFC3339))
	return ExitOK
}

// saveSigned writes the signed report over the draft's file: through the
// drafts store when the file is a store's working copy, else atomically.
func saveSigned(path string, r *report.Report) error {
	if filepath.Base(path) == drafts.FileName(r.Study.StudyInstanceUID) {
		st, err := drafts.OpenStore(filepath.Dir(path))
		if err != nil {
			return err
		}
		return st.Save(r)
	}
	data, err := r.Marshal()
	if err != nil {
		return err
	}
	if err := privatefile.WriteAtomic(path, data, ""); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// problems returns what stops r from being signed against the study and
// the warnings: the identity check first, then the rules and schema, then
// edited impression sentences whose findings changed.
func problems(r *report.Report, s *dicomio.Study) []assess.Issue {
	out := assess.CheckIdentity(r, s)
	out = append(out, assess.Validate(r)...)
	for _, is := range assess.Blocking(r, s) {
		if is.Rule == "" && strings.HasPrefix(is.Path, "/impression/items/") {
			out = append(out, is)
		}
	}
	return out
}

// problemLine is the one line of an issue: "error: …" or "warning: …".
func problemLine(is assess.Issue) string {
	return string(is.Severity) + ": " + flat(is.Message)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// draftAndStudy reads the draft and opens the study it reports (see
// [studyFor]). The returned function closes the study's files.
func draftAndStudy(draftPath, studyPath string) (*report.Report, *dicomio.Study, func(), error) {
	r, err := report.ReadFile(draftPath)
	if err != nil {
		return nil, nil, nil, err
	}
	coll, err := dicomio.Open([]string{studyPath}, nil)
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := studyFor(coll, r)
	if err != nil {
		coll.Close()
		return nil, nil, nil, fmt.Errorf("%s: %w", studyPath, err)
	}
	return r, s, func() { coll.Close() }, nil
}

// studyFor returns the study of the collection the draft is checked
// against: the study the draft names, else the study a delayed film of
// that study is linked to, else the only study (whose identity check
// then names the mismatch).
func studyFor(c *dicomio.Collection, r *report.Report) (*dicomio.Study, error) {
	uid := r.Study.StudyInstanceUID
	for _, s := range c.Studies {
		if s.UID == uid {
			return s, nil
		}
	}
	for _, s := range c.Studies {
		if firstLinked(s, uid) != "" {
			return s, nil
		}
	}
	switch len(c.Studies) {
	case 1:
		return c.Studies[0], nil
	case 0:
		if len(c.Errors) > 0 {
			return nil, fmt.Errorf("no study found (first error: %v)", c.Errors[0])
		}
		return nil, errors.New("no study found")
	}
	return nil, fmt.Errorf("%d studies found and none is the draft's study %s", len(c.Studies), uid)
}

// firstLinked returns the SOP Instance UID of an image linked to s that
// belongs to study uid, or "".
func firstLinked(s *dicomio.Study, uid string) string {
	for _, in := range s.Linked {
		if uid != "" && in.StudyInstanceUID == uid {
			return in.SOPInstanceUID
		}
	}
	return ""
}
