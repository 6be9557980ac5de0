package dicomweb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/hsgview/hsgview/dicomio"
)

// Default size budgets of a retrieve.
const (
	DefaultMaxInstanceBytes = 2 << 30  // one instance (a long cine run)
	DefaultMaxStudyBytes    = 20 << 30 // the whole study
)

// Progress reports a retrieve's advance.
type Progress struct {
	Done    int   // instances present in the folder (retrieved or already there)
	Total   int   // instances of the study on the server
	Skipped int   // of Done, those already present before this retrieve
	Bytes   int64 // bytes received by this retrieve
}

// RetrieveOptions tune RetrieveStudy.
type RetrieveOptions struct {
	// Progress, if set, is called after each instance, from the
	// retrieving goroutine.
	Progress func(Progress)
	// MaxInstanceBytes and MaxStudyBytes cap what is accepted; 0 means
	// the defaults.
	MaxInstanceBytes, MaxStudyBytes int64
	// NativeOnly asks the server for Explicit VR Little Endian instead
	// of the stored transfer syntax (transfer-syntax=*).
	NativeOnly bool
}

// RetrieveResult describes a finished retrieve.
type RetrieveResult struct {
	Dir       string
	Files     []string // every instance file of the study in Dir
	Retrieved int      // instances received now
	Skipped   int      // instances already present
	Bytes     int64
	// TransferSyntaxes counts the transfer syntaxes the server chose.
	TransferSyntaxes map[string]int
}

// A RetrieveError is a retrieve that stopped; the instances already
// written stay, and calling RetrieveStudy again resumes.
type RetrieveError struct {
	StudyUID    string
	Dir         string
	Done, Total int
	Err         error
}

func (e *RetrieveError) Error() string {
	return fmt.Sprintf("%v (%d of %d instances are in %s; retrieve again to resume)", e.Err, e.Done, e.Total, e.Dir)
}

func (e *RetrieveError) Unwrap() error { return e.Err }

// InstanceFileName is the name of an instance's file in a retrieve
// folder: its SOP Instance UID + ".dcm". A retrieve writes each file
// atomically, so a file of that name is complete; resuming skips it.
func InstanceFileName(sopUID string) string { return sopUID + ".dcm" }

// RetrieveStudy retrieves every instance of the study into dir (created
// 0700 if needed) with WADO-RS, skipping instances whose file is already
// there. It asks for the stored transfer syntax (transfer-syntax=*) and
// keeps what the server sends; a server that refuses the request (406 or
// 400) is asked again for its default. Cancelling ctx stops it; the
// files written stay for a later resume.
func (c *Client) RetrieveStudy(ctx context.Context, studyUID, dir string, opt RetrieveOptions) (*RetrieveResult, error) {
	if !validUID(studyUID) {
		return nil, fmt.Errorf("dicomweb: %q is not a Study Instance UID", studyUID)
	}
	if opt.MaxInstanceBytes <= 0 {
		opt.MaxInstanceBytes = DefaultMaxInstanceBytes
	}
	if opt.MaxStudyBytes <= 0 {
		opt.MaxStudyBytes = DefaultMaxStudyBytes
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("dicomweb: retrieve: %w", err)
	}
	refs, err := c.SearchInstances(ctx, studyUID)
	if err != nil {
		return nil, err
	}
	if len(refs) == 0 {
		return nil, fmt.Errorf("dicomweb: retrieve: the server has no instance of study %s", studyUID)
	}
	r := &retrieval{c: c, ctx: ctx, dir: dir, opt: opt, present: map[string]bool{},
		res: &RetrieveResult{Dir: dir, TransferSyntaxes: map[string]int{}}}
	r.prog.Total = len(refs)
	bySeries := map[string][]InstanceRef{}
	var order []string
	for _, ref := range refs {
		if _, ok := bySeries[ref.SeriesInstanceUID]; !ok {
			order = append(order, ref.SeriesInstanceUID)
		}
		bySeries[ref.SeriesInstanceUID] = append(bySeries[ref.SeriesInstanceUID], ref)
		if _, err := os.Stat(filepath.Join(dir, InstanceFileName(ref.SOPInstanceUID))); err == nil {
			r.present[ref.SOPInstanceUID] = true
			r.prog.Done++
			r.prog.Skipped++
		}
	}
	r.res.Skipped = r.prog.Skipped
	r.report()
	fail := func(err error) (*RetrieveResult, error) {
		return nil, &RetrieveError{StudyUID: studyUID, Dir: dir, Done: r.prog.Done, Total: r.prog.Total, Err: err}
	}
	missingAll := r.prog.Done == 0
	if missingAll {
		// One request for the whole study.
		if err := r.fetch("/studies/" + studyUID); err != nil {
			return fail(err)
		}
	} else {
		for _, se := range order {
			var missing []InstanceRef
			for _, ref := range bySeries[se] {
				if !r.present[ref.SOPInstanceUID] {
					missing = append(missing, ref)
				}
			}
			switch {
			case len(missing) == 0:
			case len(missing) == len(bySeries[se]):
				if err := r.fetch("/studies/" + studyUID + "/series/" + se); err != nil {
					return fail(err)
				}
			default:
				for _, ref := range missing {
					if err := r.fetch("/studies/" + studyUID + "/series/" + se + "/instances/" + ref.SOPInstanceUID); err != nil {
						return fail(err)
					}
				}
			}
		}
	}
	for _, ref := range refs {
		if !r.present[ref.SOPInstanceUID] {
			return fail(fmt.Errorf("dicomweb: retrieve: the server did not send instance %s", ref.SOPInstanceUID))
		}
		r.res.Files = append(r.res.Files, filepath.Join(dir, InstanceFileName(ref.SOPInstanceUID)))
	}
	return r.res, nil
}

type retrieval struct {
	c       *Client
	ctx     context.Context
	dir     string
	opt     RetrieveOptions
	present map[string]bool
	prog    Progress
	res     *RetrieveResult
	// anyTS is false once the server refused transfer-syntax=*.
	tsRefused bool
}

func (r *retrieval) report() {
	if r.opt.Progress != nil {
		r.opt.Progress(r.prog)
	}
}

// fetch retrieves one WADO-RS resource (study, series or instance) and
// stores its parts.
func (r *retrieval) fetch(path string) error {
	resp, err := r.get(path, !r.opt.NativeOnly && !r.tsRefused)
	var he *HTTPError
	if errors.As(err, &he) && (he.Status == http.StatusNotAcceptable || he.Status == http.StatusBadRequest) && !r.opt.NativeOnly && !r.tsRefused {
		r.tsRefused = true
		resp, err = r.get(path, false)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	mt, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || !strings.EqualFold(mt, "multipart/related") || params["boundary"] == "" {
		return fmt.Errorf("dicomweb: retrieve: %s: the answer is %q, not multipart/related", resp.Request.URL.Redacted(), resp.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(resp.Body, params["boundary"])
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return r.broken(resp, n, err)
		}
		if err := r.store(part); err != nil {
			if r.ctx.Err() != nil {
				return fmt.Errorf("dicomweb: retrieve: %w", r.ctx.Err())
			}
			var pe partError
			if errors.As(err, &pe) {
				return pe.error
			}
			return r.broken(resp, n, err)
		}
	}
}

// partError is a problem of a part's content, not of the stream.
type partError struct{ error }

func (r *retrieval) broken(resp *http.Response, n int, err error) error {
	if r.ctx.Err() != nil {
		return fmt.Errorf("dicomweb: retrieve: %w", r.ctx.Err())
	}
	return fmt.Errorf("dicomweb: retrieve: %s: the server's multipart answer broke off after %d instances: %v", resp.Request.URL.Redacted(), n, err)
}

func (r *retrieval) get(path string, anyTS bool) (*http.Response, error) {
	req, err := http.NewRequestWithContext(r.ctx, "GET", r.c.root+path, nil)
	if err != nil {
		return nil, fmt.Errorf("dicomweb: retrieve: %w", err)
	}
	accept := `multipart/related; type="application/dicom"`
	if anyTS {
		accept += "; transfer-syntax=*"
	}
	req.Header.Set("Accept", accept)
	// Pixel data hardly compresses; gzip (which Orthanc applies when
	// asked) costs the server more time than it saves.
	req.Header.Set("Accept-Encoding", "identity")
	return r.c.do("retrieve", req)
}

// store writes one part to a temporary file, reads its SOP Instance UID
// and renames it to its final name.
func (r *retrieval) store(part *multipart.Part) error {
	defer part.Close()
	ct := part.Header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	if mt != "" && !strings.EqualFold(mt, "application/dicom") {
		return partError{fmt.Errorf("dicomweb: retrieve: a part is %q, not application/dicom", ct)}
	}
	tmp, err := os.CreateTemp(r.dir, ".retrieve-*.part")
	if err != nil {
		return partError{fmt.Errorf("dicomweb: retrieve: %w", err)}
	}
	defer os.Remove(tmp.Name()) // after the rename this is a no-op
	limit := min(r.opt.MaxInstanceBytes, r.opt.MaxStudyBytes-r.prog.Bytes)
	n, err := io.Copy(tmp, &ctxReader{r.ctx, io.LimitReader(part, limit+1)})
	r.prog.Bytes += n
	r.res.Bytes += n
	if err != nil {
		tmp.Close()
		return err
	}
	if n > limit {
		tmp.Close()
		if limit < r.opt.MaxInstanceBytes {
			return partError{fmt.Errorf("dicomweb: retrieve: the study is larger than the %d MiB budget", r.opt.MaxStudyBytes>>20)}
		}
		return partError{fmt.Errorf("dicomweb: retrieve: an instance is larger than the %d MiB budget", r.opt.MaxInstanceBytes>>20)}
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return partError{err}
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return partError{err}
	}
	if err := tmp.Close(); err != nil {
		return partError{err}
	}
	in, err := dicomio.OpenFile(tmp.Name())
	if err != nil || in.SOPInstanceUID == "" || !validUID(in.SOPInstanceUID) {
		return partError{fmt.Errorf("dicomweb: retrieve: a part is not a readable DICOM instance: %v", err)}
	}
	sop := in.SOPInstanceUID
	ts := params["transfer-syntax"]
	if ts == "" {
		ts = in.TransferSyntax
	}
	if err := os.Rename(tmp.Name(), filepath.Join(r.dir, InstanceFileName(sop))); err != nil {
		return partError{fmt.Errorf("dicomweb: retrieve: %w", err)}
	}
	if !r.present[sop] {
		r.present[sop] = true
		r.prog.Done++
		r.res.Retrieved++
		r.res.TransferSyntaxes[ts]++
	}
	r.report()
	return nil
}

// ctxReader stops reading when its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
